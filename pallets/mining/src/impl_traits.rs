//! The pallet as a settlement handler: the order pallet calls it (through the runtime's tuple
//! of [`OnOrderSettled`] handlers) once an order's money has moved.

use crate::*;
use despend_primitives::{OnOrderSettled, OrderSettlement};
use frame_support::{traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::traits::Zero;

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

	/// The dearest reward at the parameters in force: an order crossing `MaxHalvings`
	/// thresholds, paid vested while `VestingPeriod` is set and liquid otherwise (a reward is
	/// only vested, or kept pending a vesting slot, under a vesting period). The block that
	/// carries the settlement reads the same parameter, so it is charged the path it takes.
	fn max_weight() -> Weight {
		let halvings = T::MaxHalvings::get();
		if T::VestingPeriod::get().is_zero() {
			T::WeightInfo::on_order_settled_liquid(halvings)
		} else {
			T::WeightInfo::on_order_settled_vested(halvings)
				.max(T::WeightInfo::on_order_settled_liquid(halvings))
		}
	}
}
