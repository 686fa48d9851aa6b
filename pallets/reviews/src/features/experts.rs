//! Product experts and their quality standards: what the rounds score against, and who earns
//! the experts' share of the experience fees.

use crate::*;
use despend_primitives::{CategoryId, Cid, QualityStandardId};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get};
use sp_arithmetic::Perbill;

impl<T: Config> Pallet<T> {
	/// Registers `who` as an expert with `profile`, holding [`Config::ExpertDeposit`].
	///
	/// Errors: [`Error::AlreadyExpert`], [`Error::InsufficientBalance`].
	pub(crate) fn do_register_expert(who: T::AccountId, profile: Cid) -> DispatchResult {
		ensure!(!Experts::<T>::contains_key(&who), Error::<T>::AlreadyExpert);
		let deposit = T::ExpertDeposit::get();
		Self::hold(HoldReason::ExpertDeposit, &who, deposit)?;
		Experts::<T>::insert(&who, Expert { deposit, profile: profile.clone(), standards: 0 });
		Self::deposit_event(Event::ExpertRegistered { expert: who, deposit, profile });
		Ok(())
	}

	/// Deregisters expert `who` and returns their deposit. Rounds that still name them as
	/// expert pay the experts' share to the treasury instead.
	///
	/// Errors: [`Error::NotExpert`], [`Error::HasActiveStandards`].
	pub(crate) fn do_deregister_expert(who: T::AccountId) -> DispatchResult {
		let expert = Experts::<T>::get(&who).ok_or(Error::<T>::NotExpert)?;
		ensure!(expert.standards == 0, Error::<T>::HasActiveStandards);
		Experts::<T>::remove(&who);
		let deposit = Self::release(HoldReason::ExpertDeposit, &who, expert.deposit);
		Self::deposit_event(Event::ExpertDeregistered { expert: who, deposit });
		Ok(())
	}

	/// Publishes a standard of expert `who` for `category` with `criteria` and `metadata`,
	/// holding [`Config::StandardDeposit`].
	///
	/// Errors: [`Error::NotExpert`], [`Error::NoCriteria`], [`Error::EmptyCriterionName`],
	/// [`Error::CriteriaWeightsNotWhole`], [`Error::StandardIdsExhausted`],
	/// [`Error::InsufficientBalance`].
	pub(crate) fn do_publish_standard(
		who: T::AccountId,
		category: CategoryId,
		criteria: CriteriaOf<T>,
		metadata: Cid,
	) -> DispatchResult {
		let mut expert = Experts::<T>::get(&who).ok_or(Error::<T>::NotExpert)?;
		ensure!(!criteria.is_empty(), Error::<T>::NoCriteria);
		ensure!(criteria.iter().all(|c| !c.name.is_empty()), Error::<T>::EmptyCriterionName);
		// Sum in parts (u64) so an overshoot cannot saturate into a false "whole".
		let parts = criteria
			.iter()
			.fold(0u64, |sum, c| sum.saturating_add(u64::from(c.weight.deconstruct())));
		ensure!(
			parts == u64::from(Perbill::one().deconstruct()),
			Error::<T>::CriteriaWeightsNotWhole
		);
		let id = NextStandardId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::StandardIdsExhausted)?;
		let deposit = T::StandardDeposit::get();
		Self::hold(HoldReason::StandardDeposit, &who, deposit)?;

		expert.standards = expert.standards.saturating_add(1);
		Experts::<T>::insert(&who, expert);
		NextStandardId::<T>::put(next);
		let count = criteria.len() as u32;
		Standards::<T>::insert(
			id,
			QualityStandard {
				expert: who.clone(),
				category,
				criteria,
				metadata: metadata.clone(),
				deposit,
			},
		);
		Self::deposit_event(Event::StandardPublished {
			standard: id,
			expert: who,
			category,
			criteria: count,
			metadata,
		});
		Ok(())
	}

	/// Retires `standard`, which `who` must have published, and returns its deposit. Open
	/// rounds keep the criteria and expert they started with.
	///
	/// Errors: [`Error::UnknownStandard`], [`Error::NotStandardExpert`].
	pub(crate) fn do_retire_standard(
		who: T::AccountId,
		standard: QualityStandardId,
	) -> DispatchResult {
		let record = Standards::<T>::get(standard).ok_or(Error::<T>::UnknownStandard)?;
		ensure!(record.expert == who, Error::<T>::NotStandardExpert);
		Standards::<T>::remove(standard);
		Experts::<T>::mutate(&who, |maybe| {
			if let Some(expert) = maybe {
				expert.standards = expert.standards.saturating_sub(1);
			}
		});
		Self::release(HoldReason::StandardDeposit, &who, record.deposit);
		Self::deposit_event(Event::StandardRetired { standard, expert: who });
		Ok(())
	}
}
