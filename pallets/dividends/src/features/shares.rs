//! Shares and epochs: the accumulator bookkeeping that keeps distribution O(1).
//!
//! Every operation first rolls the pool into the current epoch ([`Pallet::roll_epoch`]), then
//! brings the touched account up to date ([`Pallet::settle`]), changes it, and writes it back
//! ([`Pallet::write_account`]). See the crate documentation for the design.

use crate::*;
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::traits::{One, Saturating, Zero};
use sp_core::U256;
use sp_runtime::{traits::AccountIdConversion, FixedPointNumber, SaturatedConversion};

/// What `shares` earned while the accumulator went from `from` to `to`, rounded down.
pub(crate) fn accrued<T: Config>(shares: BalanceOf<T>, from: U256, to: U256) -> BalanceOf<T> {
	if shares.is_zero() || to <= from {
		return Zero::zero();
	}
	let shares = U256::from(shares.saturated_into::<u128>());
	let value = shares.saturating_mul(to.saturating_sub(from)) / U256::from(ACC_SCALE);
	u128::try_from(value).unwrap_or(u128::MAX).saturated_into()
}

/// The accumulator increase that shares `amount` among `shares`, rounded down (zero when
/// there are no shares).
pub(crate) fn acc_increment<T: Config>(amount: BalanceOf<T>, shares: BalanceOf<T>) -> U256 {
	U256::from(amount.saturated_into::<u128>())
		.saturating_mul(U256::from(ACC_SCALE))
		.checked_div(U256::from(shares.saturated_into::<u128>()))
		.unwrap_or_default()
}

/// An account's income records, one per pool asset, as `settle` leaves them.
pub(crate) type Records<T> = Vec<(<T as Config>::AssetKind, IncomeRecordOf<T>)>;

impl<T: Config> Pallet<T> {
	/// The pool's account, holding all income until it is paid.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The first block at which the next epoch can start.
	pub fn next_epoch_at() -> BlockNumberFor<T> {
		EpochStart::<T>::get().saturating_add(T::EpochLength::get().max(One::one()))
	}

	/// Roll the pool into the next epoch if the current one has lasted `EpochLength` blocks:
	/// upcoming shares become active (with a snapshot of the accumulators for their accounts'
	/// lazy activation) and income kept for lack of shareholders is shared among them.
	/// Returns whether it rolled.
	pub(crate) fn roll_epoch() -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		if now < Self::next_epoch_at() {
			return false;
		}
		let epoch = CurrentEpoch::<T>::get().saturating_add(1);
		CurrentEpoch::<T>::put(epoch);
		EpochStart::<T>::put(now);
		let assets = T::PoolAssets::get();
		let mut total = TotalShares::<T>::get();
		if let Some(upcoming) = Upcoming::<T>::take() {
			if upcoming.accounts > 0 {
				for asset in assets.iter() {
					EpochSnapshots::<T>::insert(upcoming.epoch, asset, Acc::<T>::get(asset));
				}
				SnapshotRefs::<T>::insert(upcoming.epoch, upcoming.accounts);
			}
			total = total.saturating_add(upcoming.shares);
			TotalShares::<T>::put(total);
		}
		Self::deposit_event(Event::EpochStarted { epoch, total_shares: total });
		if !total.is_zero() {
			for asset in assets {
				let held = Undistributed::<T>::take(&asset);
				if !held.is_zero() {
					Self::distribute(asset, held, total);
				}
			}
		}
		true
	}

	/// Bring `who`'s income up to date with the accumulators, activating its upcoming shares
	/// if their epoch has started. Changes `info`; returns the income records to write with
	/// [`Self::write_account`]. The pool must be rolled first.
	pub(crate) fn settle(who: &T::AccountId, info: &mut ShareholderOf<T>) -> Records<T> {
		let activating =
			!info.upcoming.is_zero() && info.upcoming_epoch <= CurrentEpoch::<T>::get();
		let records = T::PoolAssets::get()
			.into_iter()
			.map(|asset| {
				let acc = Acc::<T>::get(&asset);
				let mut record = IncomeRecords::<T>::get(who, &asset).unwrap_or_default();
				let mut earned = accrued::<T>(info.active, record.paid_acc, acc);
				if activating {
					// No snapshot (an asset added since): the shares earn nothing in it yet.
					let start =
						EpochSnapshots::<T>::get(info.upcoming_epoch, &asset).unwrap_or(acc);
					earned = earned.saturating_add(accrued::<T>(info.upcoming, start, acc));
				}
				record.owed = record.owed.saturating_add(earned);
				record.paid_acc = acc;
				(asset, record)
			})
			.collect();
		if activating {
			info.active = info.active.saturating_add(info.upcoming);
			info.upcoming = Zero::zero();
			Self::release_snapshot(info.upcoming_epoch);
		}
		records
	}

	/// One account fewer needs the snapshots of `epoch`: delete them after the last.
	fn release_snapshot(epoch: EpochIndex) {
		let refs = SnapshotRefs::<T>::get(epoch).saturating_sub(1);
		if refs == 0 {
			SnapshotRefs::<T>::remove(epoch);
			// One removal per pool asset, not `clear_prefix`: that scans every pending change
			// of the block. `PoolAssets` only grows, so this covers every snapshot of `epoch`.
			for asset in T::PoolAssets::get() {
				EpochSnapshots::<T>::remove(epoch, asset);
			}
		} else {
			SnapshotRefs::<T>::insert(epoch, refs);
		}
	}

	/// Store `who`'s shares and income records, dropping what is empty.
	pub(crate) fn write_account(who: &T::AccountId, info: &ShareholderOf<T>, records: Records<T>) {
		let earning = !info.active.is_zero();
		for (asset, record) in records {
			if record.owed.is_zero() && !earning {
				IncomeRecords::<T>::remove(who, &asset);
			} else {
				IncomeRecords::<T>::insert(who, &asset, record);
			}
		}
		if info.is_empty() {
			Shareholders::<T>::remove(who);
		} else {
			Shareholders::<T>::insert(who, info);
		}
	}

	/// Change what `who` is entitled to with `change` (on `stake_share` or `rwa_share`): an
	/// increase starts earning at the next epoch, a decrease applies at once (taken from the
	/// upcoming shares first). Rolls the pool and settles the account first.
	pub(crate) fn update_shares(who: &T::AccountId, change: impl FnOnce(&mut ShareholderOf<T>)) {
		Self::roll_epoch();
		let mut info = Shareholders::<T>::get(who).unwrap_or_default();
		let records = Self::settle(who, &mut info);
		let before = info.active.saturating_add(info.upcoming);
		change(&mut info);
		let after = info.entitled();
		if after > before {
			Self::schedule_increase(&mut info, after.saturating_sub(before));
		} else if after < before {
			Self::apply_decrease(&mut info, before.saturating_sub(after));
		}
		Self::write_account(who, &info, records);
		Self::deposit_event(Event::SharesChanged {
			who: who.clone(),
			stake_share: info.stake_share,
			rwa_share: info.rwa_share,
			active: info.active,
			upcoming: info.upcoming,
			upcoming_epoch: info.upcoming_epoch,
		});
	}

	/// Add `amount` to the shares starting at the next epoch.
	fn schedule_increase(info: &mut ShareholderOf<T>, amount: BalanceOf<T>) {
		let next = CurrentEpoch::<T>::get().saturating_add(1);
		// After the roll, any upcoming shares are for `next`.
		let mut upcoming = Upcoming::<T>::get().unwrap_or_default();
		upcoming.epoch = next;
		upcoming.shares = upcoming.shares.saturating_add(amount);
		if info.upcoming.is_zero() {
			upcoming.accounts = upcoming.accounts.saturating_add(1);
			info.upcoming_epoch = next;
		}
		info.upcoming = info.upcoming.saturating_add(amount);
		Upcoming::<T>::put(upcoming);
	}

	/// Take `amount` off the account's shares: upcoming ones first, then active ones.
	fn apply_decrease(info: &mut ShareholderOf<T>, amount: BalanceOf<T>) {
		let from_upcoming = amount.min(info.upcoming);
		if !from_upcoming.is_zero() {
			info.upcoming = info.upcoming.saturating_sub(from_upcoming);
			let account_left = info.upcoming.is_zero();
			Upcoming::<T>::mutate_exists(|maybe| {
				if let Some(upcoming) = maybe {
					upcoming.shares = upcoming.shares.saturating_sub(from_upcoming);
					if account_left {
						upcoming.accounts = upcoming.accounts.saturating_sub(1);
					}
					if upcoming.accounts == 0 {
						*maybe = None;
					}
				}
			});
		}
		let from_active = amount.saturating_sub(from_upcoming);
		if !from_active.is_zero() {
			info.active = info.active.saturating_sub(from_active);
			TotalShares::<T>::mutate(|total| *total = total.saturating_sub(from_active));
		}
	}

	/// Set `who`'s stake share from its active stake and elite status (zero unless elite).
	pub(crate) fn set_stake_share(who: &T::AccountId, stake: BalanceOf<T>, is_elite: bool) {
		let share = if is_elite {
			T::StakeShareWeight::get().saturating_mul_int(stake)
		} else {
			Zero::zero()
		};
		let current = Shareholders::<T>::get(who).map(|info| info.stake_share).unwrap_or_default();
		if share != current {
			Self::update_shares(who, |info| info.stake_share = share);
		}
	}

	/// Bring `who`'s stake share up to date with `Config::Members`.
	pub(crate) fn do_sync_stake(who: &T::AccountId) {
		use despend_primitives::MemberTiers;
		Self::set_stake_share(who, T::Members::active_stake(who), T::Members::is_elite(who));
	}
}
