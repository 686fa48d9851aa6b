//! Appeals: within `AppealPeriod` after finalization the product's merchant or a revealer may
//! put a bond on a round being wrong. The arbitration origin upholds the round (the appeal
//! bond goes to the treasury) or overturns it with corrected scores (the reviews are judged
//! again and the appeal bond returned); either ruling pays the round out at once. Unruled
//! after `AppealRulingPeriod`, the appeal lapses (see `do_claim_round_rewards`).

use crate::*;
use despend_primitives::ProductId;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold as _,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Appeals round `index` of `product` by `who`, holding [`Config::AppealBond`]; the round
	/// waits for a ruling until `AppealRulingPeriod` from now.
	///
	/// Errors: [`Error::UnknownRound`], [`Error::RoundNotFinalized`],
	/// [`Error::RoundUnderAppeal`], [`Error::NothingToAppeal`], [`Error::AppealPeriodOver`],
	/// [`Error::NotEntitledToAppeal`], [`Error::FundsFrozen`], [`Error::InsufficientBalance`].
	pub(crate) fn do_appeal(
		who: T::AccountId,
		product: ProductId,
		index: RoundIndex,
	) -> DispatchResult {
		let mut round = Self::round(product, index).ok_or(Error::<T>::UnknownRound)?;
		let appeal_deadline = match round.status {
			RoundStatus::Open => return Err(Error::<T>::RoundNotFinalized.into()),
			RoundStatus::Appealed { .. } => return Err(Error::<T>::RoundUnderAppeal.into()),
			RoundStatus::Finalized { appeal_deadline } => appeal_deadline,
		};
		ensure!(round.consensus.is_some(), Error::<T>::NothingToAppeal);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < appeal_deadline, Error::<T>::AppealPeriodOver);
		let is_merchant =
			ProductStates::<T>::get(product).is_some_and(|state| state.merchant == who);
		let is_revealer = RoundReviews::<T>::get((product, index, &who))
			.is_some_and(|review| review.scores.is_some());
		ensure!(is_merchant || is_revealer, Error::<T>::NotEntitledToAppeal);
		let bond = T::AppealBond::get();
		Self::hold(HoldReason::AppealBond, &who, bond)?;

		Self::unschedule(Queue::Payout, appeal_deadline, product, index);
		let ruling_deadline = now.saturating_add(T::AppealRulingPeriod::get());
		Self::schedule(Queue::Payout, ruling_deadline, product, index);
		round.status = RoundStatus::Appealed { appellant: who.clone(), bond, ruling_deadline };
		Rounds::<T>::insert(product, index, round);
		Self::deposit_event(Event::Appealed { product, round: index, appellant: who, bond });
		Ok(())
	}

	/// Upholds appealed round `index` of `product`: the appeal bond goes to the treasury and
	/// the round is paid out. Returns the number of reviews settled.
	///
	/// Errors: [`Error::UnknownRound`], [`Error::NotAppealed`].
	pub(crate) fn do_uphold(product: ProductId, index: RoundIndex) -> Result<u32, DispatchError> {
		let round = Self::round(product, index).ok_or(Error::<T>::UnknownRound)?;
		let RoundStatus::Appealed { appellant, bond, ruling_deadline } = round.status.clone()
		else {
			return Err(Error::<T>::NotAppealed.into());
		};
		Self::unschedule(Queue::Payout, ruling_deadline, product, index);
		let forfeited = T::Currency::transfer_on_hold(
			&HoldReason::AppealBond.into(),
			&appellant,
			&T::TreasuryAccount::get(),
			bond,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)
		.unwrap_or_default();
		// Whatever could not be forfeited (nothing, normally) is not kept on hold.
		Self::release(HoldReason::AppealBond, &appellant, bond.saturating_sub(forfeited));
		Self::deposit_event(Event::RoundUpheld { product, round: index, appellant, forfeited });
		Ok(Self::pay_round(product, index, round))
	}

	/// Overturns appealed round `index` of `product`: `corrected` becomes its consensus and the
	/// product's published score, the appeal bond is returned, and the round is paid out
	/// against the corrected consensus. Returns the number of reviews settled.
	///
	/// Errors: [`Error::UnknownRound`], [`Error::NotAppealed`], [`Error::WrongScoreCount`],
	/// [`Error::ScoreOutOfRange`].
	pub(crate) fn do_overturn(
		product: ProductId,
		index: RoundIndex,
		corrected: ScoresOf<T>,
	) -> Result<u32, DispatchError> {
		let mut round = Self::round(product, index).ok_or(Error::<T>::UnknownRound)?;
		let RoundStatus::Appealed { appellant, bond, ruling_deadline } = round.status.clone()
		else {
			return Err(Error::<T>::NotAppealed.into());
		};
		Self::ensure_valid_scores(&corrected, round.weights.len())?;
		Self::unschedule(Queue::Payout, ruling_deadline, product, index);

		Self::release(HoldReason::AppealBond, &appellant, bond);
		round.consensus = Some(corrected.clone());
		Self::publish_score(product, index, &round, corrected.clone());
		Self::deposit_event(Event::RoundOverturned {
			product,
			round: index,
			appellant,
			consensus: corrected,
		});
		Ok(Self::pay_round(product, index, round))
	}
}
