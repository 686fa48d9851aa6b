//! The pallet as a settlement handler: the order pallet calls it (through the runtime's tuple
//! of [`OnOrderSettled`] handlers) once an order's money has moved.

use crate::*;
use despend_primitives::{OnOrderSettled, OrderSettlement};
use frame_support::{traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> OnOrderSettled<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>
	for Pallet<T>
{
	/// Mines DSG to the buyer (see [`Pallet::do_reward_order`]); never fails the settlement.
	fn on_order_settled(
		settlement: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
	) -> Weight {
		let outcome = Self::do_reward_order(settlement);
		match outcome.payout {
			Some(Payout::Vested) | Some(Payout::Pending) => {
				T::WeightInfo::on_order_settled_vested(outcome.halvings_crossed)
			},
			Some(Payout::Liquid) | None => {
				T::WeightInfo::on_order_settled_liquid(outcome.halvings_crossed)
			},
		}
	}

	/// The worst case: an order crossing `MaxHalvings` thresholds whose reward is vested.
	fn max_weight() -> Weight {
		let halvings = T::MaxHalvings::get();
		T::WeightInfo::on_order_settled_vested(halvings)
			.max(T::WeightInfo::on_order_settled_liquid(halvings))
	}
}
