//! The pallet's invariants, checked by `try_state` (and after every test).

use crate::*;
use frame_support::{ensure, traits::Get};
use sp_arithmetic::traits::{Bounded, Saturating, Zero};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks that:
	/// - [`TotalMined`] ≤ `MiningCap`, and equals the sum of [`MinedBy`];
	/// - every [`PendingRewards`] entry is non-zero and at most what its account mined;
	/// - every [`AccountEpochMined`] record is of a past or the current epoch and at most what
	///   its account mined;
	/// - the rate agrees with the volume: [`Halvings`] ≤ `MaxHalvings`; before the last halving
	///   [`TotalVolumeUsd`] is below [`NextHalvingVolume`] and the rate is
	///   `InitialRate / 2^Halvings`; after it the rate is zero and there is no next threshold.
	///
	/// Iterates over every miner: for `try-runtime` and tests only.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let total_mined = TotalMined::<T>::get();
		ensure!(total_mined <= Self::mining_cap(), "TotalMined exceeds MiningCap");
		let sum = MinedBy::<T>::iter_values()
			.fold(BalanceOf::<T>::zero(), |sum, mined| sum.saturating_add(mined));
		ensure!(sum == total_mined, "TotalMined differs from the sum of MinedBy");

		for (who, pending) in PendingRewards::<T>::iter() {
			ensure!(!pending.is_zero(), "a zero pending reward is stored");
			ensure!(
				pending <= MinedBy::<T>::get(&who),
				"an account has more pending than it mined"
			);
		}

		let epoch = Self::current_epoch();
		for (who, record) in AccountEpochMined::<T>::iter() {
			ensure!(record.epoch <= epoch, "an epoch record is from the future");
			ensure!(
				record.amount <= MinedBy::<T>::get(&who),
				"an account mined more in an epoch than in total"
			);
		}

		let halvings = Halvings::<T>::get();
		let max_halvings = T::MaxHalvings::get();
		ensure!(halvings <= max_halvings, "more halvings than MaxHalvings");
		if halvings < max_halvings {
			ensure!(
				TotalVolumeUsd::<T>::get() < NextHalvingVolume::<T>::get(),
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
				NextHalvingVolume::<T>::get() == BalanceOf::<T>::max_value(),
				"emission ended but a next halving threshold is set"
			);
		}
		Ok(())
	}
}
