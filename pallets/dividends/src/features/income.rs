//! Income: what settlements (and turbo fees) bring into the pool.

use crate::*;
use frame_support::traits::Get;
use sp_arithmetic::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Credit `amount` of `asset`, already in the pool account, to the shareholders: shared
	/// among the active shares now, or held for the next epoch with shareholders when there
	/// are none (or when `asset` is not a pool asset). The epoch was rolled by `on_initialize`
	/// (income credited in the block that changed `EpochLength` goes to the epoch in force,
	/// and the next block rolls), which keeps a settlement's part to one accumulator.
	pub(crate) fn credit_income(asset: T::AssetKind, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		let total = TotalShares::<T>::get();
		if total.is_zero() || !T::PoolAssets::get().contains(&asset) {
			Self::hold(asset, amount);
		} else {
			Self::distribute(asset, amount, total);
		}
	}

	/// Share `amount` of `asset` among `shares` shares (rounded down, in the pool's favour).
	pub(crate) fn distribute(asset: T::AssetKind, amount: BalanceOf<T>, shares: BalanceOf<T>) {
		let increment = crate::features::shares::acc_increment::<T>(amount, shares);
		Acc::<T>::mutate(&asset, |acc| *acc = acc.saturating_add(increment));
		Self::deposit_event(Event::IncomeDistributed { asset, amount });
	}

	/// Keep `amount` of `asset` for the next epoch with shareholders.
	pub(crate) fn hold(asset: T::AssetKind, amount: BalanceOf<T>) {
		Undistributed::<T>::mutate(&asset, |held| *held = held.saturating_add(amount));
		Self::deposit_event(Event::IncomeHeld { asset, amount });
	}
}
