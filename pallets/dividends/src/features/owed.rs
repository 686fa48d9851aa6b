//! What an account is owed: the computations behind the views `pending_income` and
//! `queued_withdrawals`.

use crate::*;
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_arithmetic::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// What `who` would get by claiming `asset` now (income not yet claimed), as `claim`
	/// computes it. Income kept for the next epoch is not included.
	pub fn income_owed(who: &T::AccountId, asset: &T::AssetKind) -> BalanceOf<T> {
		let info = Shareholders::<T>::get(who).unwrap_or_default();
		let acc = Acc::<T>::get(asset);
		let record = IncomeRecords::<T>::get(who, asset).unwrap_or_default();
		let mut owed = record.owed.saturating_add(crate::features::shares::accrued::<T>(
			info.active,
			record.paid_acc,
			acc,
		));
		if !info.upcoming.is_zero() && info.upcoming_epoch <= CurrentEpoch::<T>::get() {
			if let Some(start) = EpochSnapshots::<T>::get(info.upcoming_epoch, asset) {
				owed = owed.saturating_add(crate::features::shares::accrued::<T>(
					info.upcoming,
					start,
					acc,
				));
			}
		}
		owed
	}

	/// [`Self::income_owed`] in every pool asset.
	pub(crate) fn pending_of(who: &T::AccountId) -> Vec<(T::AssetKind, BalanceOf<T>)> {
		T::PoolAssets::get()
			.into_iter()
			.map(|asset| {
				let owed = Self::income_owed(who, &asset);
				(asset, owed)
			})
			.collect()
	}

	/// `who`'s queued withdrawals, total per asset, released or not.
	pub(crate) fn queued_of(who: &T::AccountId) -> Vec<(T::AssetKind, BalanceOf<T>)> {
		let mut total: Vec<(T::AssetKind, BalanceOf<T>)> = Vec::new();
		for entry in Withdrawals::<T>::get(who) {
			for (asset, amount) in entry.amounts {
				match total.iter_mut().find(|(a, _)| *a == asset) {
					Some((_, sum)) => *sum = sum.saturating_add(amount),
					None => total.push((asset, amount)),
				}
			}
		}
		total.retain(|(_, amount)| !amount.is_zero());
		total
	}
}
