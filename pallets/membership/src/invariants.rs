//! The pallet's invariants, checked by `try_state` (and after every test).

use crate::*;
use frame_support::ensure;
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks the membership invariants:
	///
	/// - for every ledger, the DSG held under [`HoldReason::Staked`] equals its active stake
	///   plus its unlocking chunks;
	/// - no ledger is empty (an empty ledger is removed);
	/// - unlocking chunks are non-zero and strictly ordered by `unlock_at` (oldest first), and
	///   never more than `MaxUnlockingChunks` (the `BoundedVec` guarantees it on decode);
	/// - [`TotalStaked`] equals the sum of all active stakes;
	/// - the tier table is valid (1..=15 entries, positive and strictly increasing
	///   thresholds, non-decreasing benefits).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut total_active = BalanceOf::<T>::zero();
		for (who, ledger) in Ledger::<T>::iter() {
			ensure!(!ledger.is_empty(), "membership: an empty ledger is stored");
			ensure!(
				Self::staked_on_hold(&who) == ledger.total(),
				"membership: held stake differs from active + unlocking"
			);
			ensure!(
				ledger.unlocking.iter().all(|chunk| !chunk.value.is_zero()),
				"membership: an unlocking chunk is empty"
			);
			ensure!(
				ledger.unlocking.windows(2).all(|pair| match pair {
					[older, newer] => older.unlock_at < newer.unlock_at,
					_ => true,
				}),
				"membership: unlocking chunks are not ordered by unlock block"
			);
			total_active = total_active.saturating_add(ledger.active);
		}
		ensure!(
			TotalStaked::<T>::get() == total_active,
			"membership: TotalStaked differs from the sum of active stakes"
		);
		ensure!(
			validate_tier_table(&Tiers::<T>::get()).is_ok(),
			"membership: the tier table is invalid"
		);
		Ok(())
	}
}
