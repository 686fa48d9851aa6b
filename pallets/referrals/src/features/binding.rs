//! Binding a promoter: once per account, with a permanent deposit, never into a cycle.

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
	/// Binds `promoter` as `who`'s promoter and holds the binding deposit. Returns how many
	/// links of the promoter's chain were walked to rule out a cycle (for the weight).
	///
	/// Errors: [`Error::AlreadyBound`], [`Error::SelfReferral`], [`Error::UnknownPromoter`],
	/// [`Error::ReferralCycle`], [`Error::AncestorChainTooLong`],
	/// [`Error::InsufficientBalance`].
	pub fn do_bind_promoter(
		who: &T::AccountId,
		promoter: T::AccountId,
	) -> Result<u32, DispatchError> {
		ensure!(!Promoter::<T>::contains_key(who), Error::<T>::AlreadyBound);
		ensure!(*who != promoter, Error::<T>::SelfReferral);
		ensure!(frame_system::Pallet::<T>::account_exists(&promoter), Error::<T>::UnknownPromoter);
		let links_walked = Self::ensure_not_ancestor_of(who, &promoter)?;
		let deposit = T::BindDeposit::get();
		ensure!(
			deposit <= T::Currency::reducible_balance(who, Preservation::Protect, Fortitude::Force),
			Error::<T>::InsufficientBalance
		);

		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::Binding.into(), who, deposit)?;
		}
		PromotedCount::<T>::mutate(&promoter, |count| *count = count.saturating_add(1));
		Promoter::<T>::insert(who, Binding { promoter: promoter.clone(), deposit });
		Self::deposit_event(Event::PromoterBound { buyer: who.clone(), promoter, deposit });
		Ok(links_walked)
	}

	/// Proves that `who` (not yet bound) is not an ancestor of `promoter`, so that binding
	/// `who → promoter` closes no cycle. Returns how many links were walked.
	///
	/// `who` has no promoter yet, so it can only be the root of `promoter`'s chain; and if
	/// nobody refers to `who`, it is nobody's ancestor and there is nothing to walk. Otherwise
	/// the chain is walked up to `MaxAncestorCheck` links.
	///
	/// Errors: [`Error::ReferralCycle`] (`who` is in the chain),
	/// [`Error::AncestorChainTooLong`] (the chain goes on beyond the links checked).
	pub fn ensure_not_ancestor_of(
		who: &T::AccountId,
		promoter: &T::AccountId,
	) -> Result<u32, DispatchError> {
		if PromotedCount::<T>::get(who) == 0 {
			return Ok(0);
		}
		let mut current = promoter.clone();
		for walked in 1..=T::MaxAncestorCheck::get() {
			ensure!(current != *who, Error::<T>::ReferralCycle);
			match Promoter::<T>::get(&current) {
				// The chain ends at a root other than `who`: no cycle.
				None => return Ok(walked),
				Some(binding) => current = binding.promoter,
			}
		}
		// The next link is known without another read: name a cycle when it is one.
		ensure!(current != *who, Error::<T>::ReferralCycle);
		Err(Error::<T>::AncestorChainTooLong.into())
	}

	/// `who`'s promoter, if bound.
	pub fn promoter_of(who: &T::AccountId) -> Option<T::AccountId> {
		Promoter::<T>::get(who).map(|binding| binding.promoter)
	}
}
