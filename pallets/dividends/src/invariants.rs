//! The pool's invariants, checked by `try_state` (and after every test).

use crate::*;
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use despend_primitives::{RwaItems, StakedRwa};
use frame_support::traits::fungibles::Inspect;
use frame_support::traits::Get;
use sp_arithmetic::traits::{Saturating, Zero};
use sp_runtime::TryRuntimeError;

fn ensure_state(condition: bool, message: &'static str) -> Result<(), TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(TryRuntimeError::Other(message))
	}
}

/// Adds `amount` to `asset`'s entry of `sums`.
fn add_to<A: PartialEq, B: Saturating + Copy>(sums: &mut Vec<(A, B)>, asset: A, amount: B) {
	match sums.iter_mut().find(|(a, _)| *a == asset) {
		Some((_, sum)) => *sum = sum.saturating_add(amount),
		None => sums.push((asset, amount)),
	}
}

/// The entry of `asset` in `sums` (zero if none).
fn sum_of<A: PartialEq, B: Zero + Copy>(sums: &[(A, B)], asset: &A) -> B {
	sums.iter().find(|(a, _)| a == asset).map(|(_, sum)| *sum).unwrap_or_else(Zero::zero)
}

impl<T: Config> Pallet<T> {
	/// Check the pool's invariants:
	/// - shares: every shareholder's `active + upcoming` equals its stake share plus RWA share;
	///   `TotalShares` equals the sum of the active shares (with upcoming shares whose epoch
	///   started, not yet activated lazily); `Upcoming` holds exactly the other upcoming shares
	///   and accounts; `SnapshotRefs` counts exactly the accounts still to activate;
	/// - staked RWA-NFTs: each is reported staked, still owned by its staker, and each
	///   account's RWA share is the sum of its staked items' weights;
	/// - queued withdrawals: `Queued` is the sum of all queue entries, per asset;
	/// - solvency: for each pool asset, the pool account's balance covers all pending income
	///   (computed), queued withdrawals and undistributed income.
	///
	/// Iterates all storage: for `try-runtime` and tests only.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let current = CurrentEpoch::<T>::get();

		// Staked RWA-NFTs.
		let mut rwa_shares: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (item, staked) in StakedItems::<T>::iter() {
			ensure_state(Self::is_staked(item), "a staked item is not reported staked")?;
			ensure_state(
				T::Rwa::owner(item).as_ref() == Some(&staked.owner),
				"a staked item changed hands",
			)?;
			let sum = rwa_shares.entry(staked.owner).or_insert_with(Zero::zero);
			*sum = sum.saturating_add(staked.weight);
		}

		// Shares.
		let mut active = BalanceOf::<T>::zero();
		let mut upcoming = BalanceOf::<T>::zero();
		let mut upcoming_accounts = 0u32;
		let mut refs: BTreeMap<EpochIndex, u32> = BTreeMap::new();
		for (who, info) in Shareholders::<T>::iter() {
			ensure_state(!info.is_empty(), "an empty shareholder record is stored")?;
			ensure_state(
				info.active.saturating_add(info.upcoming) == info.entitled(),
				"a shareholder's shares differ from its entitlement",
			)?;
			let staked = rwa_shares.remove(&who).unwrap_or_else(Zero::zero);
			ensure_state(info.rwa_share == staked, "an RWA share differs from the staked items")?;
			active = active.saturating_add(info.active);
			if !info.upcoming.is_zero() {
				if info.upcoming_epoch <= current {
					active = active.saturating_add(info.upcoming);
					*refs.entry(info.upcoming_epoch).or_insert(0) += 1;
				} else {
					ensure_state(
						info.upcoming_epoch == current.saturating_add(1),
						"upcoming shares are not for the next epoch",
					)?;
					upcoming = upcoming.saturating_add(info.upcoming);
					upcoming_accounts = upcoming_accounts.saturating_add(1);
				}
			}
		}
		ensure_state(
			rwa_shares.values().all(|weight| weight.is_zero()),
			"staked items of an account without shares",
		)?;
		ensure_state(TotalShares::<T>::get() == active, "TotalShares differs from active shares")?;
		match Upcoming::<T>::get() {
			Some(next) => ensure_state(
				next.shares == upcoming
					&& next.accounts == upcoming_accounts
					&& next.epoch == current.saturating_add(1),
				"Upcoming differs from the accounts' upcoming shares",
			)?,
			None => ensure_state(upcoming.is_zero(), "upcoming shares missing from Upcoming")?,
		}
		let stored_refs: BTreeMap<EpochIndex, u32> = SnapshotRefs::<T>::iter().collect();
		ensure_state(stored_refs == refs, "SnapshotRefs differs from the accounts to activate")?;
		for epoch in refs.keys() {
			for asset in T::PoolAssets::get() {
				ensure_state(
					EpochSnapshots::<T>::contains_key(epoch, &asset),
					"a snapshot still needed is missing",
				)?;
			}
		}

		// Queued withdrawals.
		let mut queued = Vec::new();
		for (_, queue) in Withdrawals::<T>::iter() {
			for entry in queue {
				for (asset, amount) in entry.amounts {
					add_to(&mut queued, asset, amount);
				}
			}
		}
		for (asset, total) in Queued::<T>::iter() {
			ensure_state(sum_of(&queued, &asset) == total, "Queued differs from the queues")?;
		}
		for (asset, amount) in queued.iter() {
			ensure_state(Queued::<T>::get(asset) == *amount, "a queued asset is not in Queued")?;
		}

		// Solvency.
		let pool = Self::account_id();
		let assets = T::PoolAssets::get();
		let mut owed = Vec::new();
		for who in Shareholders::<T>::iter_keys() {
			for asset in assets.iter() {
				add_to(&mut owed, asset.clone(), Self::income_owed(&who, asset));
			}
		}
		for (who, asset, record) in IncomeRecords::<T>::iter() {
			if !Shareholders::<T>::contains_key(&who) {
				add_to(&mut owed, asset, record.owed);
			}
		}
		for asset in assets {
			let needed = sum_of(&owed, &asset)
				.saturating_add(Queued::<T>::get(&asset))
				.saturating_add(Undistributed::<T>::get(&asset));
			ensure_state(
				T::Assets::balance(asset, &pool) >= needed,
				"the pool cannot pay what it owes",
			)?;
		}
		Ok(())
	}
}
