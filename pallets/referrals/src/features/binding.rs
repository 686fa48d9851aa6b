//! Binding a referrer: once per account, with a permanent deposit, never into a cycle.

use crate::*;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{Fortitude, Preservation},
		Get,
	},
};
use sp_runtime::{traits::Zero, DispatchError};

impl<T: Config> Pallet<T> {
	/// Binds `referrer` as `who`'s promoter and holds the binding deposit. Returns how many
	/// links of the referrer's chain were walked to rule out a cycle (for the weight).
	///
	/// Errors: [`Error::AlreadyBound`], [`Error::SelfReferral`], [`Error::ReferrerNotFound`],
	/// [`Error::ReferralCycle`], [`Error::AncestorChainTooLong`],
	/// [`Error::InsufficientBalance`].
	pub fn do_bind_referrer(
		who: &T::AccountId,
		referrer: T::AccountId,
	) -> Result<u32, DispatchError> {
		ensure!(!Referrer::<T>::contains_key(who), Error::<T>::AlreadyBound);
		ensure!(*who != referrer, Error::<T>::SelfReferral);
		ensure!(frame_system::Pallet::<T>::account_exists(&referrer), Error::<T>::ReferrerNotFound);
		let links_walked = Self::ensure_not_ancestor_of(who, &referrer)?;
		let deposit = T::BindDeposit::get();
		ensure!(
			deposit <= T::Currency::reducible_balance(who, Preservation::Protect, Fortitude::Force),
			Error::<T>::InsufficientBalance
		);

		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::Binding.into(), who, deposit)?;
		}
		RefereeCount::<T>::mutate(&referrer, |count| *count = count.saturating_add(1));
		Referrer::<T>::insert(who, Binding { referrer: referrer.clone(), deposit });
		Self::deposit_event(Event::ReferrerBound { who: who.clone(), referrer, deposit });
		Ok(links_walked)
	}

	/// Proves that `who` (not yet bound) is not an ancestor of `referrer`, so that binding
	/// `who → referrer` closes no cycle. Returns how many links were walked.
	///
	/// `who` has no referrer yet, so it can only be the root of `referrer`'s chain; and if
	/// nobody refers to `who`, it is nobody's ancestor and there is nothing to walk. Otherwise
	/// the chain is walked up to `MaxAncestorCheck` links.
	///
	/// Errors: [`Error::ReferralCycle`] (`who` is in the chain),
	/// [`Error::AncestorChainTooLong`] (the chain goes on beyond the links checked).
	pub fn ensure_not_ancestor_of(
		who: &T::AccountId,
		referrer: &T::AccountId,
	) -> Result<u32, DispatchError> {
		if RefereeCount::<T>::get(who) == 0 {
			return Ok(0);
		}
		let mut current = referrer.clone();
		for walked in 1..=T::MaxAncestorCheck::get() {
			ensure!(current != *who, Error::<T>::ReferralCycle);
			match Referrer::<T>::get(&current) {
				// The chain ends at a root other than `who`: no cycle.
				None => return Ok(walked),
				Some(binding) => current = binding.referrer,
			}
		}
		// The next link is known without another read: name a cycle when it is one.
		ensure!(current != *who, Error::<T>::ReferralCycle);
		Err(Error::<T>::AncestorChainTooLong.into())
	}

	/// `who`'s referrer, if bound.
	pub fn referrer_of(who: &T::AccountId) -> Option<T::AccountId> {
		Referrer::<T>::get(who).map(|binding| binding.referrer)
	}
}
