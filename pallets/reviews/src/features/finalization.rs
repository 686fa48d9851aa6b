//! Finalizing a round once its reveal phase is over: the consensus (weighted median per
//! criterion), the product's published score, the experts' pay, and the start of the appeal
//! period. Bounded by `MaxReviewersPerRound × MaxCriteria`.

use crate::{features::consensus, *};
use alloc::vec::Vec;
use despend_primitives::ProductId;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Finalizes `product`'s open round: computes its consensus (if at least `MinRevealers`
	/// revealed),
	/// publishes the product's score, pays the experts' pool, queues the payout after
	/// [`Config::AppealPeriod`] (at once without a consensus: there is nothing to appeal), and
	/// opens the next round if fees arrived during this one's reveal phase. Returns the round's
	/// reviewer and criterion counts (for the weight).
	///
	/// Errors: [`Error::NoOpenRound`], [`Error::RevealPhaseNotOver`].
	pub(crate) fn do_finalize_round(product: ProductId) -> Result<(u32, u32), DispatchError> {
		let mut state = ProductStates::<T>::get(product).ok_or(Error::<T>::NoOpenRound)?;
		let (index, mut round) = state.open_round.take().ok_or(Error::<T>::NoOpenRound)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= round.reveal_end, Error::<T>::RevealPhaseNotOver);
		Self::unschedule(Queue::Finalization, round.reveal_end, product, index);

		let quorum = round.revealed > 0 && round.revealed >= T::MinRevealers::get();
		let consensus = if quorum { Self::consensus_of(product, index, &round) } else { None };
		if let Some(scores) = &consensus {
			Self::publish_score(product, index, &round, scores.clone());
		}
		Self::pay_experts(product, index, &mut round);

		let payout_from =
			if consensus.is_some() { now.saturating_add(T::AppealPeriod::get()) } else { now };
		round.consensus = consensus.clone();
		round.status = RoundStatus::Finalized { appeal_deadline: payout_from };
		Self::schedule(Queue::Payout, payout_from, product, index);
		let counts = (round.reviewers, round.weights.len() as u32);
		Self::deposit_event(Event::RoundFinalized {
			product,
			round: index,
			reviewers: round.reviewers,
			revealed: round.revealed,
			consensus,
			payout_from,
		});
		// The round leaves the product's state for `Rounds`, where it waits for its payout.
		Rounds::<T>::insert(product, index, round);
		if state.late_fees {
			Self::open_round(product, &mut state, now);
		}
		ProductStates::<T>::insert(product, state);
		Ok(counts)
	}

	/// The consensus of round `index` of `product`: per criterion, the lower weighted median of
	/// the revealed scores.
	fn consensus_of(
		product: ProductId,
		index: RoundIndex,
		round: &Round<T>,
	) -> Option<ScoresOf<T>> {
		let revealed: Vec<(u128, ScoresOf<T>)> =
			RoundReviews::<T>::iter_prefix_values((product, index))
				.filter_map(|review| review.scores.map(|scores| (review.weight, scores)))
				.collect();
		let medians: Option<Vec<Score>> = (0..round.weights.len())
			.map(|criterion| {
				consensus::weighted_median(revealed.iter().filter_map(|(weight, scores)| {
					scores.get(criterion).map(|score| (*score, *weight))
				}))
			})
			.collect();
		medians.map(BoundedVec::truncate_from)
	}

	/// Publishes `scores` as `product`'s quality score from round `index`, unless a later
	/// round already published one.
	pub(crate) fn publish_score(
		product: ProductId,
		index: RoundIndex,
		round: &Round<T>,
		scores: ScoresOf<T>,
	) {
		if ProductScores::<T>::get(product).is_some_and(|published| published.round > index) {
			return;
		}
		let overall = consensus::overall_score(&scores, &round.weights);
		ProductScores::<T>::insert(
			product,
			ProductScore {
				round: index,
				standard: round.standard,
				scores: scores.clone(),
				overall,
				reviewers: round.revealed,
			},
		);
		Self::deposit_event(Event::ProductScored { product, round: index, scores, overall });
	}

	/// Pays `round`'s experts' pool to its standard's expert if they are still registered,
	/// otherwise to the treasury. A payment that fails goes to the treasury.
	fn pay_experts(product: ProductId, index: RoundIndex, round: &mut Round<T>) {
		let to = round
			.expert
			.clone()
			.filter(|expert| Experts::<T>::contains_key(expert))
			.unwrap_or_else(T::TreasuryAccount::get);
		let pool = core::mem::take(&mut round.pools.experts);
		for (asset, amount) in pool {
			if amount.is_zero() {
				continue;
			}
			if Self::pay_out(asset.clone(), &to, amount).is_ok() {
				Self::deposit_event(Event::ExpertsPaid {
					product,
					round: index,
					to: to.clone(),
					asset,
					amount,
				});
			} else {
				Self::deposit_event(Event::PayoutFailed {
					product,
					round: index,
					to: to.clone(),
					asset: asset.clone(),
					amount,
				});
				Self::divert(product, asset, amount);
			}
		}
	}
}
