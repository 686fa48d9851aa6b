//! What other pallets see of this one: it mints on settlement ([`OnOrderSettled`]), tells the
//! dividend pool about RWA-NFTs ([`RwaItems`]) and locks staked NFTs in pallet-nfts
//! ([`RwaLocker`]).

use crate::*;
use core::marker::PhantomData;
use despend_primitives::{OnOrderSettled, OrderId, RwaItems, StakedRwa};
use frame_support::{
	storage::with_storage_layer,
	traits::tokens::{nonfungibles_v2::Inspect, Locker},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> OnOrderSettled<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>
	for Pallet<T>
{
	/// Mint the order's RWA-NFT. A failed mint leaves no trace but [`Event::MintFailed`]: the
	/// settlement stands.
	fn on_order_settled(settlement: &OrderSettlementOf<T>) -> Weight {
		if let Err(error) = with_storage_layer(|| Self::do_mint(settlement)) {
			log::error!(
				target: LOG_TARGET,
				"RWA-NFT of order {} not minted: {error:?}",
				settlement.order
			);
			Self::deposit_event(Event::MintFailed { item: settlement.order, error });
		}
		T::WeightInfo::on_order_settled()
	}

	fn max_weight() -> Weight {
		T::WeightInfo::on_order_settled()
	}
}

impl<T: Config> RwaItems<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn owner(item: OrderId) -> Option<T::AccountId> {
		if !Items::<T>::contains_key(item) {
			return None;
		}
		T::Nfts::owner(&Collection::<T>::get()?, &item)
	}

	fn income_weight(item: OrderId) -> Option<BalanceOf<T>> {
		Items::<T>::get(item).map(|record| record.sale_usd)
	}

	fn on_staked(item: OrderId) {
		if let Some(listing) = Listings::<T>::take(item) {
			Self::deposit_event(Event::Unlisted { item, seller: listing.seller });
		}
	}

	fn on_staked_weight() -> Weight {
		T::WeightInfo::on_staked()
	}
}

/// pallet-nfts' `Locker` for the runtime: an item of the RWA collection is locked (cannot be
/// transferred, sold or burnt through pallet-nfts) while `Config::StakedItems` says it is
/// staked in the dividend pool, or while it is listed here (so a listing can never outlive a
/// transfer of its item: unlist first). Items of other collections are never locked.
pub struct RwaLocker<T>(PhantomData<T>);

impl<T: Config> Locker<T::CollectionId, OrderId> for RwaLocker<T> {
	fn is_locked(collection: T::CollectionId, item: OrderId) -> bool {
		Collection::<T>::get() == Some(collection)
			&& (T::StakedItems::is_staked(item) || Listings::<T>::contains_key(item))
	}
}
