//! Staking: bonding DSG into the active stake, unbonding it through unlocking chunks, and
//! withdrawing or rebonding those chunks.
//!
//! All stake (active and unlocking) is held under [`HoldReason::Staked`]; only
//! `withdraw_unbonded` releases it. Every change of an active stake goes through
//! [`Pallet::active_stake_changed`], which tells the dividend pool and emits `TierChanged`.
//!
//! Amounts are added with saturating arithmetic: every amount in a ledger is held from one
//! account's balance, so no sum of them can exceed the token's total issuance.

use crate::*;
use despend_primitives::{OnStakeChanged, Tier};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Stakes `amount` more of `who`'s DSG.
	///
	/// Errors: [`Error::ZeroAmount`], [`Error::BelowMinimumStake`] (the active stake after it
	/// would be under `MinStake`), [`Error::InsufficientBalance`] (the free balance, keeping
	/// the existential deposit, cannot cover it).
	pub fn do_stake(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).unwrap_or_default();
		let old_active = ledger.active;
		let new_active = old_active.saturating_add(amount);
		ensure!(new_active >= T::MinStake::get(), Error::<T>::BelowMinimumStake);
		ensure!(
			amount <= T::Currency::reducible_balance(who, Preservation::Protect, Fortitude::Force),
			Error::<T>::InsufficientBalance
		);

		T::Currency::hold(&HoldReason::Staked.into(), who, amount)?;
		ledger.active = new_active;
		TotalStaked::<T>::mutate(|total| *total = total.saturating_add(amount));
		let tier = Self::active_stake_changed(who, ledger, old_active);
		Self::deposit_event(Event::Staked { who: who.clone(), amount, tier });
		Ok(())
	}

	/// Moves `amount` of `who`'s active stake into a new unlocking chunk, due after
	/// `UnbondingPeriod` blocks (merged into the newest chunk if that one is due at the same
	/// block).
	///
	/// Errors: [`Error::ZeroAmount`], [`Error::NotStaking`], [`Error::InsufficientActiveStake`],
	/// [`Error::RemainderBelowMinimum`] (the active stake left would be above zero but under
	/// `MinStake`), [`Error::NoMoreChunks`] (`MaxUnlockingChunks` chunks already).
	pub fn do_unstake(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaking)?;
		let old_active = ledger.active;
		ensure!(amount <= old_active, Error::<T>::InsufficientActiveStake);
		let remaining = old_active.saturating_sub(amount);
		ensure!(
			remaining.is_zero() || remaining >= T::MinStake::get(),
			Error::<T>::RemainderBelowMinimum
		);

		// Chunks stay ordered by unlock block even if governance lowered `UnbondingPeriod`: a
		// new chunk never unlocks before an older one (rebonding takes the newest first).
		let unlock_at = ledger.unlocking.last().map(|last| last.unlock_at).unwrap_or_default().max(
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get()),
		);
		match ledger.unlocking.last_mut() {
			// Two unstakes in one block share a chunk: a member cannot fill the chunks with
			// one block's worth of calls.
			Some(last) if last.unlock_at == unlock_at => {
				last.value = last.value.saturating_add(amount);
			},
			_ => ledger
				.unlocking
				.try_push(UnlockChunk { value: amount, unlock_at })
				.map_err(|_| Error::<T>::NoMoreChunks)?,
		}
		ledger.active = remaining;
		TotalStaked::<T>::mutate(|total| *total = total.saturating_sub(amount));
		let tier = Self::active_stake_changed(who, ledger, old_active);
		Self::deposit_event(Event::Unstaked { who: who.clone(), amount, unlock_at, tier });
		Ok(())
	}

	/// Releases every unlocking chunk of `who` that is due to the free balance; removes the
	/// ledger when nothing is left in it.
	///
	/// Errors: [`Error::NotStaking`], [`Error::NothingToWithdraw`] (no chunk is due yet).
	pub fn do_withdraw_unbonded(who: &T::AccountId) -> DispatchResult {
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaking)?;
		let now = frame_system::Pallet::<T>::block_number();
		let amount = ledger.withdrawable(&now);
		ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);

		T::Currency::release(&HoldReason::Staked.into(), who, amount, Precision::Exact)?;
		ledger.unlocking.retain(|chunk| chunk.unlock_at > now);
		if ledger.is_empty() {
			Ledger::<T>::remove(who);
		} else {
			Ledger::<T>::insert(who, ledger);
		}
		Self::deposit_event(Event::Withdrawn { who: who.clone(), amount });
		Ok(())
	}

	/// Moves `amount` of `who`'s unlocking stake back into the active stake, taking the newest
	/// chunks first (they are the furthest from being withdrawable).
	///
	/// Errors: [`Error::ZeroAmount`], [`Error::NotStaking`], [`Error::NotEnoughUnlocking`],
	/// [`Error::BelowMinimumStake`] (the active stake after it would be under `MinStake`).
	pub fn do_rebond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaking)?;
		ensure!(amount <= ledger.total_unlocking(), Error::<T>::NotEnoughUnlocking);
		let old_active = ledger.active;
		let new_active = old_active.saturating_add(amount);
		ensure!(new_active >= T::MinStake::get(), Error::<T>::BelowMinimumStake);

		let mut left = amount;
		// At most `MaxUnlockingChunks` rounds: each either removes a chunk or ends the loop.
		while !left.is_zero() {
			let Some(newest) = ledger.unlocking.last_mut() else { break };
			if newest.value <= left {
				left = left.saturating_sub(newest.value);
				ledger.unlocking.pop();
			} else {
				newest.value = newest.value.saturating_sub(left);
				left = Zero::zero();
			}
		}
		ledger.active = new_active;
		TotalStaked::<T>::mutate(|total| *total = total.saturating_add(amount));
		let tier = Self::active_stake_changed(who, ledger, old_active);
		Self::deposit_event(Event::Rebonded { who: who.clone(), amount, tier });
		Ok(())
	}

	/// Passes a change of `who`'s elite status that did not come from their stake (a new tier
	/// table or `EliteTier`) on to [`Config::OnStakeChanged`].
	///
	/// Errors: [`Error::NotStaking`], [`Error::EliteStatusUnchanged`].
	pub fn do_refresh(who: &T::AccountId) -> DispatchResult {
		let mut ledger = Ledger::<T>::get(who).ok_or(Error::<T>::NotStaking)?;
		let is_elite = Self::is_elite_tier(Self::tier_of(&ledger.active));
		ensure!(ledger.elite != is_elite, Error::<T>::EliteStatusUnchanged);

		ledger.elite = is_elite;
		let active = ledger.active;
		Ledger::<T>::insert(who, ledger);
		T::OnStakeChanged::on_stake_changed(who, active, is_elite);
		Self::deposit_event(Event::EliteStatusRefreshed { who: who.clone(), is_elite });
		Ok(())
	}

	/// Stores `ledger` (whose active stake was `old_active`) and tells everyone who follows
	/// active stakes: [`Config::OnStakeChanged`] with the new stake and elite status, and an
	/// [`Event::TierChanged`] when the tier changed. Returns the new tier.
	///
	/// The ledger is written before the dividend pool is told, so that it reads the new stake
	/// if it asks [`despend_primitives::MemberTiers`].
	pub(crate) fn active_stake_changed(
		who: &T::AccountId,
		mut ledger: LedgerOf<T>,
		old_active: BalanceOf<T>,
	) -> Tier {
		let table = Tiers::<T>::get();
		let from = tier_for(&table, &old_active);
		let to = tier_for(&table, &ledger.active);
		let is_elite = Self::is_elite_tier(to);
		let active = ledger.active;
		ledger.elite = is_elite;
		Ledger::<T>::insert(who, ledger);
		T::OnStakeChanged::on_stake_changed(who, active, is_elite);
		if from != to {
			Self::deposit_event(Event::TierChanged { who: who.clone(), from, to });
		}
		to
	}

	/// The amount held for staking from `who` (active and unlocking stake).
	pub fn staked_on_hold(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&HoldReason::Staked.into(), who)
	}
}
