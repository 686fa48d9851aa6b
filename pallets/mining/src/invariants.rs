//! The pallet's invariants, checked by `try_state` (and after every test).

use crate::*;
use frame_support::{ensure, traits::Get};
use sp_arithmetic::traits::{Bounded, Saturating, Zero};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks that:
	/// - the schedule's `total_mined` ≤ `MiningCap`, and equals the sum of every miner's
	///   `mined`;
	/// - every miner's `pending` and `period_mined` are at most what it mined, and its period is
	///   a past or the current one;
	/// - the rate agrees with the volume: `halvings` ≤ `MaxHalvings`; before the last halving
	///   the volume is below the next threshold and the rate is `InitialRate / 2^halvings`;
	///   after it the rate is zero and there is no next threshold.
	///
	/// Iterates over every miner: for `try-runtime` and tests only.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let schedule = Schedule::<T>::get();
		ensure!(schedule.total_mined <= Self::mining_cap(), "total mined exceeds MiningCap");
		let period = Self::current_period();
		let mut sum = BalanceOf::<T>::zero();
		for (_, miner) in Miners::<T>::iter() {
			sum = sum.saturating_add(miner.mined);
			ensure!(miner.pending <= miner.mined, "an account has more pending than it mined");
			ensure!(miner.period <= period, "a period record is from the future");
			ensure!(
				miner.period_mined <= miner.mined,
				"an account mined more in a period than in total"
			);
		}
		ensure!(sum == schedule.total_mined, "total mined differs from the sum of the miners");

		let halvings = schedule.halvings;
		let max_halvings = T::MaxHalvings::get();
		let next = Self::next_threshold(&schedule, T::HalvingVolume::get());
		ensure!(halvings <= max_halvings, "more halvings than MaxHalvings");
		if halvings < max_halvings {
			ensure!(
				schedule.volume_usd < next,
				"volume reached the next halving threshold without a halving"
			);
			let expected = T::InitialRate::get().into_inner().checked_shr(halvings).unwrap_or(0);
			ensure!(
				Self::current_rate().into_inner() == expected,
				"the rate differs from InitialRate halved Halvings times"
			);
		} else {
			ensure!(Self::current_rate().is_zero(), "emission ended but the rate is not zero");
			ensure!(
				next == BalanceOf::<T>::max_value(),
				"emission ended but a next halving threshold is set"
			);
		}
		Ok(())
	}
}
