//! The shared traits this pallet implements for the others: the order pallet tells it about
//! settled orders ([`OnOrderSettled`]) and asks it whether a product may use a quality
//! standard ([`QualityStandards`]).

use crate::*;
use despend_primitives::{
	CategoryId, OnOrderSettled, OrderSettlement, QualityStandardId, QualityStandards,
};
use frame_support::weights::Weight;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> OnOrderSettled<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>
	for Pallet<T>
{
	/// Issues the buyer's ticket and adds the experts' and reviewers' parts (which the order
	/// pallet has moved into [`Pallet::account_id`]) to the product's round.
	fn on_order_settled(
		settlement: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
	) -> Weight {
		Self::do_on_order_settled(settlement);
		T::WeightInfo::on_order_settled()
	}

	fn max_weight() -> Weight {
		T::WeightInfo::on_order_settled()
	}
}

impl<T: Config> QualityStandards for Pallet<T> {
	/// Whether `standard` is active and published for `category`.
	fn is_usable(standard: QualityStandardId, category: CategoryId) -> bool {
		Standards::<T>::get(standard).is_some_and(|s| s.category == category)
	}
}
