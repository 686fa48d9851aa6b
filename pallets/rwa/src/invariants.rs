//! The pallet's invariants, checked by `try_state` (and after every test).

use crate::*;
use frame_support::traits::tokens::nonfungibles_v2::Inspect;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Check the pallet's invariants:
	/// - every record's NFT exists in the RWA collection (so a record implies a collection);
	/// - every listing and every traceability list belongs to a recorded, existing NFT.
	///
	/// Iterates all storage: for `try-runtime` and tests only.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let collection = Collection::<T>::get();
		let has_nft = |item: &despend_primitives::OrderId| {
			collection.is_some_and(|c| T::Nfts::owner(&c, item).is_some())
		};
		for item in Items::<T>::iter_keys() {
			ensure_state(has_nft(&item), "an RWA record has no NFT in the collection")?;
		}
		for item in Listings::<T>::iter_keys() {
			ensure_state(
				Items::<T>::contains_key(item) && has_nft(&item),
				"a listing's item does not exist",
			)?;
		}
		for item in Traces::<T>::iter_keys() {
			ensure_state(Items::<T>::contains_key(item), "traceability records of no RWA-NFT")?;
		}
		Ok(())
	}
}

fn ensure_state(condition: bool, message: &'static str) -> Result<(), TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(TryRuntimeError::Other(message))
	}
}
