//! The RWA collection: created once, owned by the pallet's account.

use crate::*;
use frame_support::{pallet_prelude::*, traits::tokens::nonfungibles_v2::Create};
use sp_runtime::traits::AccountIdConversion;

impl<T: Config> Pallet<T> {
	/// The pallet's account: owner of the RWA collection, payer of the NFT deposits.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The RWA collection, or `NoCollection`.
	pub(crate) fn collection() -> Result<T::CollectionId, Error<T>> {
		Collection::<T>::get().ok_or(Error::<T>::NoCollection)
	}

	/// Create the RWA collection in `Config::Nfts`, owned and administered by the pallet's
	/// account, which pays the collection deposit.
	///
	/// Errors: `CollectionAlreadyExists`, or the NFT pallet's error (e.g. the pallet account
	/// cannot pay the deposit).
	pub(crate) fn do_create_collection() -> Result<T::CollectionId, DispatchError> {
		ensure!(Collection::<T>::get().is_none(), Error::<T>::CollectionAlreadyExists);
		let owner = Self::account_id();
		let collection =
			<T::Nfts as Create<T::AccountId, T::NftCollectionConfig>>::create_collection(
				&owner,
				&owner,
				&T::CollectionConfig::get(),
			)?;
		Collection::<T>::put(collection);
		Self::deposit_event(Event::CollectionCreated { collection });
		Ok(collection)
	}
}
