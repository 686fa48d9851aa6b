//! Paying rewards out: minting DSG liquid, or minting and locking it with a pallet-vesting
//! schedule in one storage transaction, and keeping it pending when the buyer has no free
//! vesting schedule slot.
//!
//! Mint and lock are atomic: the slot and the deposit are checked first
//! (`can_add_vesting_schedule`, `can_deposit`), and both writes run in `with_transaction`, so
//! a failure of either rolls both back. A reward is therefore either minted and locked, or
//! kept pending in the buyer's [`Miners`] record, or (when it cannot be deposited at all)
//! skipped with nothing recorded.

use crate::*;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	storage::{with_transaction, TransactionOutcome},
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Provenance},
		Get, VestingSchedule,
	},
};
use sp_arithmetic::traits::{Saturating, Zero};
use sp_runtime::{traits::SaturatedConversion, DispatchError};

impl<T: Config> Pallet<T> {
	/// Pays `amount` DSG to `who`, together with what `miner` (their record, which the caller
	/// stores) has pending.
	///
	/// Liquid when `VestingPeriod` is zero, otherwise minted and vested. If `who` has no free
	/// vesting schedule slot, the total waits in `miner.pending` instead (`Payout::Pending`).
	/// Returns `Err(BelowExistentialDeposit | DepositRefused)`, with nothing changed, when the
	/// DSG cannot be deposited into `who`'s account.
	pub(crate) fn do_pay_reward(
		who: &T::AccountId,
		amount: BalanceOf<T>,
		miner: &mut MinerOf<T>,
	) -> Result<Payout, SkipReason> {
		let pending = miner.pending;
		let total = amount.saturating_add(pending);
		match Self::mint_reward(who, total) {
			Ok(vested) => {
				if !pending.is_zero() {
					miner.pending = Zero::zero();
					Self::deposit_event(Event::PendingRewardReleased {
						who: who.clone(),
						amount: pending,
						vested,
					});
				}
				Ok(if vested { Payout::Vested } else { Payout::Liquid })
			},
			Err(MintError::NoVestingSlot) => {
				miner.pending = total;
				Ok(Payout::Pending)
			},
			Err(MintError::Refused(reason)) => Err(reason),
		}
	}

	/// Mints `who`'s pending DSG now that (it is hoped) a vesting slot is free.
	///
	/// Errors: [`Error::NothingPending`] if there is none, [`Error::VestingScheduleLimit`] if
	/// `who` still has no free vesting schedule slot, [`Error::CannotReceive`] if the DSG cannot
	/// be deposited. Emits [`Event::PendingRewardReleased`].
	pub(crate) fn do_claim_pending(who: &T::AccountId) -> DispatchResult {
		let mut miner = Miners::<T>::get(who).unwrap_or_default();
		let amount = miner.pending;
		ensure!(!amount.is_zero(), Error::<T>::NothingPending);
		let vested = Self::mint_reward(who, amount).map_err(|error| match error {
			MintError::NoVestingSlot => Error::<T>::VestingScheduleLimit,
			MintError::Refused(_) => Error::<T>::CannotReceive,
		})?;
		miner.pending = Zero::zero();
		Miners::<T>::insert(who, miner);
		Self::deposit_event(Event::PendingRewardReleased { who: who.clone(), amount, vested });
		Ok(())
	}

	/// Mints `amount` DSG to `who`: liquid (`Ok(false)`) when `VestingPeriod` is zero, else
	/// locked by a new vesting schedule releasing `amount / VestingPeriod` (at least one planck)
	/// per block from now on (`Ok(true)`).
	///
	/// The per-block amount rounds down, so the schedule never releases faster than
	/// `VestingPeriod`. Changes nothing on error.
	pub(crate) fn mint_reward(who: &T::AccountId, amount: BalanceOf<T>) -> Result<bool, MintError> {
		match T::Currency::can_deposit(who, amount, Provenance::Minted) {
			DepositConsequence::Success => {},
			DepositConsequence::BelowMinimum => {
				return Err(MintError::Refused(SkipReason::BelowExistentialDeposit))
			},
			_ => return Err(MintError::Refused(SkipReason::DepositRefused)),
		}

		let period = T::VestingPeriod::get();
		if period.is_zero() {
			T::Currency::mint_into(who, amount)
				.map_err(|_| MintError::Refused(SkipReason::DepositRefused))?;
			return Ok(false);
		}

		let (locked, per_block) = Self::vesting_terms(amount, period.saturated_into())
			.ok_or(MintError::Refused(SkipReason::DepositRefused))?;
		let now = frame_system::Pallet::<T>::block_number();
		if T::Vesting::can_add_vesting_schedule(who, locked, per_block, now).is_err() {
			return Err(MintError::NoVestingSlot);
		}
		with_transaction(|| -> TransactionOutcome<Result<(), DispatchError>> {
			let result = T::Currency::mint_into(who, amount)
				.and_then(|_| T::Vesting::add_vesting_schedule(who, locked, per_block, now));
			match result {
				Ok(()) => TransactionOutcome::Commit(Ok(())),
				Err(error) => TransactionOutcome::Rollback(Err(error)),
			}
		})
		.map_err(|_| MintError::Refused(SkipReason::DepositRefused))?;
		Ok(true)
	}

	/// The `(locked, per_block)` of a schedule vesting `amount` over `period` blocks, in
	/// pallet-vesting's balance type; `None` if `amount` does not fit that type.
	pub(crate) fn vesting_terms(
		amount: BalanceOf<T>,
		period: u128,
	) -> Option<(VestingBalanceOf<T>, VestingBalanceOf<T>)> {
		let amount = Self::to_u128(amount);
		let locked: VestingBalanceOf<T> = amount.saturated_into();
		if locked.saturated_into::<u128>() != amount {
			return None;
		}
		let per_block = amount.checked_div(period).unwrap_or(amount).max(1);
		Some((locked, per_block.saturated_into()))
	}
}
