//! Paying a round out once its appeal period is over (or the arbitration ruled, or the appeal
//! lapsed): bonds are returned or forfeited to the treasury, each review earns its own sales'
//! share of the reviewers' pool scaled by its accuracy, the rest goes to the treasury,
//! reputations move, and the round is removed. Bounded by `MaxReviewersPerRound` (reviews)
//! and `MaxPoolAssets` (assets).

use crate::{
	features::consensus::{self, Ballot},
	*,
};
use alloc::vec::Vec;
use despend_primitives::ProductId;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold as _,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::traits::{Saturating, UniqueSaturatedFrom, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// Pays out round `index` of `product` once its appeal period is over, or once its appeal
	/// lapsed (the arbitration did not rule by the deadline: the round stands, the appeal bond
	/// is returned). Returns the number of reviews it settled (for the weight).
	///
	/// Errors: [`Error::UnknownRound`], [`Error::RoundNotFinalized`],
	/// [`Error::RoundUnderAppeal`], [`Error::AppealPeriodNotOver`].
	pub(crate) fn do_claim_round_rewards(
		product: ProductId,
		index: RoundIndex,
	) -> Result<u32, DispatchError> {
		let round = Self::round(product, index).ok_or(Error::<T>::UnknownRound)?;
		let now = frame_system::Pallet::<T>::block_number();
		match round.status.clone() {
			RoundStatus::Open => Err(Error::<T>::RoundNotFinalized.into()),
			RoundStatus::Appealed { appellant, bond, ruling_deadline } => {
				ensure!(now >= ruling_deadline, Error::<T>::RoundUnderAppeal);
				Self::unschedule(Queue::Payout, ruling_deadline, product, index);
				Self::release(HoldReason::AppealBond, &appellant, bond);
				Self::deposit_event(Event::AppealLapsed { product, round: index, appellant });
				Ok(Self::pay_round(product, index, round))
			},
			RoundStatus::Finalized { appeal_deadline } => {
				ensure!(now >= appeal_deadline, Error::<T>::AppealPeriodNotOver);
				Self::unschedule(Queue::Payout, appeal_deadline, product, index);
				Ok(Self::pay_round(product, index, round))
			},
		}
	}

	/// Settles every review of `round` against its consensus (or leaves them unjudged without
	/// one), pays each its claim on the reviewers' pool and the rest to the treasury; removes
	/// the round and its reviews. Returns the number of reviews settled.
	pub(crate) fn pay_round(product: ProductId, index: RoundIndex, round: Round<T>) -> u32 {
		let mut reviews: Vec<(T::AccountId, Review<T>)> =
			RoundReviews::<T>::drain_prefix((product, index)).collect();
		reviews.sort_by_key(|(_, review)| review.index);
		let verdicts: Vec<Verdict> = match &round.consensus {
			Some(consensus) => {
				let ballots: Vec<Ballot> = reviews
					.iter()
					.map(|(_, review)| Ballot {
						scores: review.scores.as_ref().map(|s| s.as_slice()),
					})
					.collect();
				consensus::judge(&ballots, consensus, &round.weights, T::OutlierTolerance::get())
			},
			None => {
				reviews
					.iter()
					.map(|(_, review)| {
						if review.scores.is_some() {
							Verdict::Unjudged
						} else {
							Verdict::NotRevealed
						}
					})
					.collect()
			},
		};

		for ((reviewer, review), verdict) in reviews.iter().zip(verdicts.iter()) {
			Self::settle_bond(product, index, reviewer, review, verdict);
			Self::update_reputation(reviewer, verdict);
		}

		let total_sales: u128 = round.sales_usd.unique_saturated_into();
		let mut paid = 0u32;
		for (asset, amount) in round.pools.reviewers {
			if amount.is_zero() {
				continue;
			}
			let pool: u128 = amount.unique_saturated_into();
			let mut left = amount;
			for ((reviewer, review), verdict) in reviews.iter().zip(verdicts.iter()) {
				let earned = consensus::claim(
					pool,
					review.sale_usd.unique_saturated_into(),
					total_sales,
					consensus::accuracy(verdict),
				);
				let earned = BalanceOf::<T>::unique_saturated_from(earned).min(left);
				if earned.is_zero() {
					continue;
				}
				left.saturating_reduce(earned);
				if Self::pay_out(asset.clone(), reviewer, earned).is_ok() {
					paid.saturating_inc();
					Self::deposit_event(Event::ReviewerRewarded {
						product,
						round: index,
						reviewer: reviewer.clone(),
						asset: asset.clone(),
						amount: earned,
					});
				} else {
					Self::deposit_event(Event::PayoutFailed {
						product,
						round: index,
						to: reviewer.clone(),
						asset: asset.clone(),
						amount: earned,
					});
					left.saturating_accrue(earned);
				}
			}
			if !left.is_zero() {
				Self::divert(product, asset.clone(), left);
				Self::deposit_event(Event::Unearned { product, round: index, asset, amount: left });
			}
		}

		Rounds::<T>::remove(product, index);
		let count = reviews.len() as u32;
		Self::deposit_event(Event::RoundClosed { product, round: index, paid });
		count
	}

	/// Returns `review`'s bond, or forfeits part of it to the treasury (all of it for a
	/// non-revealer, [`Config::OutlierSlash`] for an outlier).
	fn settle_bond(
		product: ProductId,
		index: RoundIndex,
		reviewer: &T::AccountId,
		review: &Review<T>,
		verdict: &Verdict,
	) {
		let to_forfeit = match verdict {
			Verdict::NotRevealed => review.bond,
			Verdict::Outlier { .. } => T::OutlierSlash::get().mul_floor(review.bond),
			Verdict::Agreed { .. } | Verdict::Unjudged => Zero::zero(),
		};
		let forfeited = if to_forfeit.is_zero() {
			Zero::zero()
		} else {
			// `Force`: the bond was held from unfrozen DSG; a freeze placed over it later
			// cannot keep it from being forfeited.
			T::Currency::transfer_on_hold(
				&HoldReason::ReviewBond.into(),
				reviewer,
				&T::TreasuryAccount::get(),
				to_forfeit,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_default()
		};
		if !forfeited.is_zero() {
			Self::deposit_event(Event::BondSlashed {
				product,
				round: index,
				reviewer: reviewer.clone(),
				amount: forfeited,
			});
		}
		let rest = review.bond.saturating_sub(forfeited);
		if !rest.is_zero() {
			let returned = Self::release(HoldReason::ReviewBond, reviewer, rest);
			Self::deposit_event(Event::BondReturned {
				product,
				round: index,
				reviewer: reviewer.clone(),
				amount: returned,
			});
		}
	}

	/// Moves `reviewer`'s reputation after `verdict` (see [`consensus::next_reputation`]).
	fn update_reputation(reviewer: &T::AccountId, verdict: &Verdict) {
		let before = Self::reputation(reviewer);
		let after = consensus::next_reputation(
			before,
			verdict,
			T::ReputationGain::get(),
			T::ReputationLoss::get(),
		);
		if after != before {
			Reputations::<T>::insert(reviewer, after);
			Self::deposit_event(Event::ReputationChanged {
				reviewer: reviewer.clone(),
				reputation: after,
			});
		}
	}
}
