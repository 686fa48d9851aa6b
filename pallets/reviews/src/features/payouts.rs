//! Paying a round out once its appeal period is over (or the arbitration ruled): bonds are
//! returned or forfeited, the winners share the reviewers' pool plus the forfeited DSG in
//! proportion to `weight × accuracy`, reputations move, and the round is removed. Bounded by
//! `MaxReviewersPerRound` (reviews) and `MaxPoolAssets` (assets).

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
	/// Pays out round `index` of `product` once its appeal period is over. Returns the number
	/// of reviews it settled (for the weight).
	///
	/// Errors: [`Error::RoundNotFound`], [`Error::RoundNotFinalized`],
	/// [`Error::RoundUnderAppeal`], [`Error::AppealPeriodNotOver`].
	pub(crate) fn do_claim_round_rewards(
		product: ProductId,
		index: RoundIndex,
	) -> Result<u32, DispatchError> {
		let round = Rounds::<T>::get(product, index).ok_or(Error::<T>::RoundNotFound)?;
		match round.status {
			RoundStatus::Open => Err(Error::<T>::RoundNotFinalized.into()),
			RoundStatus::Appealed { .. } => Err(Error::<T>::RoundUnderAppeal.into()),
			RoundStatus::Finalized { appeal_deadline } => {
				let now = frame_system::Pallet::<T>::block_number();
				ensure!(now >= appeal_deadline, Error::<T>::AppealPeriodNotOver);
				Self::unschedule::<PayoutQueue<T>>(product, index);
				Ok(Self::pay_round(product, index, round))
			},
		}
	}

	/// Settles every review of `round` against its consensus and pays the winners; removes
	/// the round and its reviews. Returns the number of reviews settled.
	pub(crate) fn pay_round(product: ProductId, index: RoundIndex, round: Round<T>) -> u32 {
		let mut reviews: Vec<(T::AccountId, Review<T>)> =
			RoundReviews::<T>::drain_prefix((product, index)).collect();
		reviews.sort_by_key(|(_, review)| review.index);
		let ballots: Vec<Ballot> = reviews
			.iter()
			.map(|(_, review)| Ballot {
				weight: review.weight,
				index: review.index,
				scores: review.scores.as_ref().map(|s| s.as_slice()),
			})
			.collect();
		let verdicts = match &round.consensus {
			Some(consensus) => consensus::judge(
				&ballots,
				consensus,
				&round.weights,
				T::OutlierTolerance::get(),
				T::WinnerCount::get(),
			),
			None => ballots.iter().map(|_| Verdict::NotRevealed).collect(),
		};

		// Bonds first: what is forfeited joins the DSG pool before the winners are paid.
		let mut forfeited = round.forfeited;
		for ((reviewer, review), verdict) in reviews.iter().zip(verdicts.iter()) {
			forfeited
				.saturating_accrue(Self::settle_bond(product, index, reviewer, review, verdict));
			Self::update_reputation(reviewer, verdict);
		}
		let mut pool: Vec<(T::AssetKind, BalanceOf<T>)> = round.pools.reviewers.into_inner();
		if !forfeited.is_zero() {
			let native = T::NativeAsset::get();
			match pool.iter_mut().find(|(asset, _)| *asset == native) {
				Some((_, amount)) => amount.saturating_accrue(forfeited),
				None => pool.push((native, forfeited)),
			}
		}

		// Winners in rank order, so the closest gets the rounding remainder.
		let mut winners: Vec<(u32, &T::AccountId, u128)> = reviews
			.iter()
			.zip(verdicts.iter())
			.filter_map(|((reviewer, _), verdict)| match verdict {
				Verdict::Agreed { points, rank: Some(rank), .. } => {
					Some((*rank, reviewer, *points))
				},
				_ => None,
			})
			.collect();
		winners.sort_by_key(|(rank, _, _)| *rank);
		let points: Vec<u128> = winners.iter().map(|(_, _, points)| *points).collect();
		for (asset, amount) in pool {
			if amount.is_zero() {
				continue;
			}
			let shares = consensus::shares(amount.unique_saturated_into(), &points);
			if shares.is_empty() {
				// No winner: the pool waits for the product's next round.
				Self::credit_next_round(product, asset, amount, Zero::zero());
				continue;
			}
			for ((_, winner, _), share) in winners.iter().zip(shares) {
				let share = BalanceOf::<T>::unique_saturated_from(share);
				if share.is_zero() {
					continue;
				}
				if Self::pay_out(asset.clone(), winner, share).is_ok() {
					Self::deposit_event(Event::ReviewerRewarded {
						product,
						round: index,
						reviewer: (*winner).clone(),
						asset: asset.clone(),
						amount: share,
					});
				} else {
					Self::deposit_event(Event::PayoutFailed {
						product,
						round: index,
						to: (*winner).clone(),
						asset: asset.clone(),
						amount: share,
					});
					Self::credit_next_round(product, asset.clone(), share, Zero::zero());
				}
			}
		}

		Rounds::<T>::remove(product, index);
		let count = reviews.len() as u32;
		Self::deposit_event(Event::RoundClosed {
			product,
			round: index,
			winners: winners.len() as u32,
		});
		count
	}

	/// Returns `review`'s bond, or moves the forfeited part of it (all of it for a
	/// non-revealer, [`Config::OutlierSlash`] for an outlier) into the pallet account. Returns
	/// the DSG forfeited.
	fn settle_bond(
		product: ProductId,
		index: RoundIndex,
		reviewer: &T::AccountId,
		review: &Review<T>,
		verdict: &Verdict,
	) -> BalanceOf<T> {
		let to_forfeit = match verdict {
			Verdict::NotRevealed => review.bond,
			Verdict::Outlier { .. } => T::OutlierSlash::get().mul_floor(review.bond),
			Verdict::Agreed { .. } => Zero::zero(),
		};
		let forfeited = if to_forfeit.is_zero() {
			Zero::zero()
		} else {
			T::NativeBalance::transfer_on_hold(
				&HoldReason::ReviewBond.into(),
				reviewer,
				&Self::account_id(),
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
		forfeited
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
