//! Claims: income leaves the pool through the withdrawal queue (`claim`, then `withdraw`) or
//! at once minus the turbo fee (`turbo_claim`).

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{DepositConsequence, Preservation, Provenance},
	},
};
use sp_arithmetic::{
	traits::{Saturating, Zero},
	Perbill,
};

impl<T: Config> Pallet<T> {
	/// The error for an account with nothing to claim: `NotAShareholder` without any share,
	/// `NothingToClaim` otherwise.
	fn no_income_error(info: &ShareholderOf<T>) -> Error<T> {
		if info.is_empty() {
			Error::<T>::NotAShareholder
		} else {
			Error::<T>::NothingToClaim
		}
	}

	/// Whether `who` can receive `amount` of `asset` (its account exists or the amount opens it).
	fn can_receive(asset: &T::AssetKind, who: &T::AccountId, amount: BalanceOf<T>) -> bool {
		T::Assets::can_deposit(asset.clone(), who, amount, Provenance::Extant)
			== DepositConsequence::Success
	}

	/// Pay `amount` of `asset` from the pool account to `who`, keeping the pool account alive.
	fn pay(asset: &T::AssetKind, who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Assets::transfer(asset.clone(), &Self::account_id(), who, amount, Preservation::Preserve)
			.map(|_| ())
	}

	/// Move all of `who`'s income into a withdrawal queue entry released after
	/// `StandardWithdrawDelay`.
	///
	/// Errors: `NotAShareholder`, `NothingToClaim`, `TooManyPendingWithdrawals`.
	pub(crate) fn do_claim(who: T::AccountId) -> DispatchResult {
		Self::roll_epoch();
		let mut info = Shareholders::<T>::get(&who).unwrap_or_default();
		let mut records = Self::settle(&who, &mut info);
		let mut amounts = AmountsOf::<T>::default();
		for (asset, record) in records.iter_mut() {
			// At most one entry per pool asset: the push cannot fail, and if it did the income
			// would simply stay owed.
			if !record.owed.is_zero() && amounts.try_push((asset.clone(), record.owed)).is_ok() {
				record.owed = Zero::zero();
			}
		}
		ensure!(!amounts.is_empty(), Self::no_income_error(&info));

		let release_at = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::StandardWithdrawDelay::get());
		Withdrawals::<T>::try_mutate(&who, |queue| {
			queue.try_push(Withdrawal { release_at, amounts: amounts.clone() })
		})
		.map_err(|_| Error::<T>::TooManyPendingWithdrawals)?;
		for (asset, amount) in amounts.iter() {
			Queued::<T>::mutate(asset, |queued| *queued = queued.saturating_add(*amount));
		}
		Self::write_account(&who, &info, records);
		Self::deposit_event(Event::Claimed { who, amounts, release_at });
		Ok(())
	}

	/// Add `amounts` into `total` (one entry per asset); false, and nothing added, if that
	/// would need more than `MAX_POOL_ASSETS` entries.
	fn merge_amounts(total: &mut AmountsOf<T>, amounts: &AmountsOf<T>) -> bool {
		let mut merged = total.clone();
		for (asset, amount) in amounts.iter() {
			match merged.iter_mut().find(|(a, _)| a == asset) {
				Some((_, sum)) => *sum = sum.saturating_add(*amount),
				None => {
					if merged.try_push((asset.clone(), *amount)).is_err() {
						return false;
					}
				},
			}
		}
		*total = merged;
		true
	}

	/// Pay `who` every released entry of its withdrawal queue. An amount `who` cannot receive
	/// stays queued (released).
	///
	/// Errors: `NothingToWithdraw` (nothing released), `CannotReceive` (nothing payable).
	pub(crate) fn do_withdraw(who: T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let queue = Withdrawals::<T>::get(&who);
		ensure!(queue.iter().any(|entry| entry.release_at <= now), Error::<T>::NothingToWithdraw);

		let mut due = AmountsOf::<T>::default();
		let mut kept = BoundedVec::<WithdrawalOf<T>, T::MaxPendingWithdrawals>::default();
		for entry in queue {
			if entry.release_at <= now && Self::merge_amounts(&mut due, &entry.amounts) {
				continue;
			}
			// Cannot fail: `kept` holds at most what the queue held.
			let _ = kept.try_push(entry);
		}

		let mut paid = AmountsOf::<T>::default();
		let mut unpaid = AmountsOf::<T>::default();
		for (asset, amount) in due {
			if Self::can_receive(&asset, &who, amount) {
				Self::pay(&asset, &who, amount)?;
				Queued::<T>::mutate(&asset, |queued| *queued = queued.saturating_sub(amount));
				let _ = paid.try_push((asset, amount));
			} else {
				let _ = unpaid.try_push((asset, amount));
			}
		}
		ensure!(!paid.is_empty(), Error::<T>::CannotReceive);
		if !unpaid.is_empty() {
			// At least one released entry was merged away, so there is room.
			let _ = kept.try_insert(0, Withdrawal { release_at: now, amounts: unpaid });
		}
		if kept.is_empty() {
			Withdrawals::<T>::remove(&who);
		} else {
			Withdrawals::<T>::insert(&who, kept);
		}
		Self::deposit_event(Event::Withdrawn { who, amounts: paid });
		Ok(())
	}

	/// Pay `who` all its income now, minus `TurboFee` of each amount (rounded up). The fee is
	/// shared among the other shareholders (held for the next epoch if there are none). An
	/// amount `who` cannot receive stays owed.
	///
	/// Errors: `FeeTooHigh` (`TurboFee` above `max_fee`), `NotAShareholder`, `NothingToClaim`,
	/// `CannotReceive`.
	pub(crate) fn do_turbo_claim(who: T::AccountId, max_fee: Perbill) -> DispatchResult {
		let fee_rate = T::TurboFee::get();
		ensure!(fee_rate <= max_fee, Error::<T>::FeeTooHigh);
		Self::roll_epoch();
		let mut info = Shareholders::<T>::get(&who).unwrap_or_default();
		let mut records = Self::settle(&who, &mut info);
		// Everyone's active shares but the claimer's.
		let others = TotalShares::<T>::get().saturating_sub(info.active);

		let mut payouts = TurboPayoutsOf::<T>::default();
		let mut cannot_receive = false;
		for (asset, record) in records.iter_mut() {
			if record.owed.is_zero() {
				continue;
			}
			let fee = fee_rate.mul_ceil(record.owed);
			let paid = record.owed.saturating_sub(fee);
			if !paid.is_zero() {
				if !Self::can_receive(asset, &who, paid) {
					cannot_receive = true;
					continue;
				}
				Self::pay(asset, &who, paid)?;
			}
			record.owed = Zero::zero();
			if !fee.is_zero() {
				if others.is_zero() {
					Self::hold(asset.clone(), fee);
				} else {
					Self::distribute(asset.clone(), fee, others);
					// The claimer does not earn from its own fee.
					record.paid_acc = Acc::<T>::get(&*asset);
				}
			}
			let _ = payouts.try_push(TurboPayout { asset: asset.clone(), paid, fee });
		}
		if payouts.is_empty() {
			let error = if cannot_receive {
				Error::<T>::CannotReceive
			} else {
				Self::no_income_error(&info)
			};
			return Err(error.into());
		}
		Self::write_account(&who, &info, records);
		Self::deposit_event(Event::TurboClaimed { who, payouts });
		Ok(())
	}
}
