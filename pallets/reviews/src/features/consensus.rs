//! The arithmetic of consensus, free of storage so it can be read (and tested) on its own:
//! review weight, weighted median, distance, verdicts and claims on the pool. All integer, checked or
//! saturating; no randomness.

use crate::types::{
	Score, Verdict, DISTANCE_PER_POINT, MAX_DISTANCE, MAX_REPUTATION, MAX_SCORE, REPUTATION_BASE,
};
use alloc::vec::Vec;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Perbill, Rounding};

/// A review's "experiential computing power", its influence on the consensus:
///
/// `weight = sale_usd × (1 + bonus) × (REPUTATION_BASE + reputation) / MAX_REPUTATION`
///
/// - `sale_usd`: what the reviewer's orders that fed the round settled for, in USD units
///   (6 decimals). Linear, so splitting one purchase into many orders or accounts never adds
///   weight (a root or a cap would reward splitting).
/// - `bonus`: the reviewer's tier `review_weight_bonus` (a fresh account has none).
/// - `reputation` (`0..=1000`, 0 for a fresh account): from 0.5× to 1.5× ("adaptive
///   voting"), so an account made for the occasion never weighs more than an established one.
pub fn review_weight(sale_usd: u128, bonus: Perbill, reputation: u32) -> u128 {
	let boosted = sale_usd.saturating_add(bonus.mul_floor(sale_usd));
	let factor = REPUTATION_BASE.saturating_add(reputation.min(MAX_REPUTATION));
	multiply_by_rational_with_rounding(
		boosted,
		u128::from(factor),
		u128::from(MAX_REPUTATION),
		Rounding::Down,
	)
	.unwrap_or(boosted)
}

/// The lower weighted median of `(score, weight)` votes: the smallest score `s` such that the
/// votes at or below `s` carry at least half of the total weight. `None` without weight.
pub fn weighted_median(votes: impl Iterator<Item = (Score, u128)>) -> Option<Score> {
	// Scores are 0..=100: a histogram makes this O(votes + 101), no sort needed.
	let mut buckets = [0u128; MAX_SCORE as usize + 1];
	let mut total = 0u128;
	for (score, weight) in votes {
		if let Some(bucket) = buckets.get_mut(usize::from(score)) {
			*bucket = bucket.saturating_add(weight);
			total = total.saturating_add(weight);
		}
	}
	if total == 0 {
		return None;
	}
	let mut below = 0u128;
	for (score, weight) in (0..=MAX_SCORE).zip(buckets.iter()) {
		below = below.saturating_add(*weight);
		// `below >= total / 2` without losing the half of an odd total.
		if below.saturating_mul(2) >= total {
			return Some(score);
		}
	}
	None
}

/// The distance between `scores` and `consensus`: `Σ weight_c × |score_c − consensus_c|`, in
/// nano-points (criterion weights in parts per billion), so `0..=MAX_DISTANCE`.
pub fn distance(scores: &[Score], consensus: &[Score], weights: &[Perbill]) -> u64 {
	scores.iter().zip(consensus.iter()).zip(weights.iter()).fold(0u64, |sum, ((s, c), w)| {
		sum.saturating_add(u64::from(w.deconstruct()).saturating_mul(u64::from(s.abs_diff(*c))))
	})
}

/// The overall score: criteria weighted by their weights, rounded to the nearest point.
pub fn overall_score(scores: &[Score], weights: &[Perbill]) -> Score {
	let parts = scores.iter().zip(weights.iter()).fold(0u64, |sum, (s, w)| {
		sum.saturating_add(u64::from(w.deconstruct()).saturating_mul(u64::from(*s)))
	});
	let rounded = parts.saturating_add(DISTANCE_PER_POINT / 2) / DISTANCE_PER_POINT;
	Score::try_from(rounded.min(u64::from(MAX_SCORE))).unwrap_or(MAX_SCORE)
}

/// One review as consensus sees it.
pub struct Ballot<'a> {
	/// Its revealed scores, if revealed.
	pub scores: Option<&'a [Score]>,
}

/// Judges `ballots` against `consensus`: who did not reveal, who is an outlier (distance over
/// `tolerance` points) and who agreed. Returns one verdict per ballot, in order.
pub fn judge(
	ballots: &[Ballot],
	consensus: &[Score],
	weights: &[Perbill],
	tolerance: u8,
) -> Vec<Verdict> {
	let limit = u64::from(tolerance).saturating_mul(DISTANCE_PER_POINT);
	ballots
		.iter()
		.map(|ballot| match ballot.scores {
			None => Verdict::NotRevealed,
			Some(scores) => {
				let distance = distance(scores, consensus, weights);
				if distance > limit {
					Verdict::Outlier { distance }
				} else {
					Verdict::Agreed { distance }
				}
			},
		})
		.collect()
}

/// The part of a verdict's share it earns, in nano-points out of [`MAX_DISTANCE`]: all of it
/// unjudged, `MAX_DISTANCE − distance` when agreeing, nothing otherwise.
pub fn accuracy(verdict: &Verdict) -> u64 {
	match verdict {
		Verdict::Unjudged => MAX_DISTANCE,
		Verdict::Agreed { distance } => MAX_DISTANCE.saturating_sub(*distance),
		Verdict::Outlier { .. } | Verdict::NotRevealed => 0,
	}
}

/// What a review earns of `pool`: its sales' part of the round's sales (`sale_usd /
/// total_sales`), scaled by `accuracy` (nano-points out of [`MAX_DISTANCE`]), rounded down.
/// So no reviewer ever takes more of the pool than its own orders paid into it, and the
/// claims of a round never add up to more than the pool.
pub fn claim(pool: u128, sale_usd: u128, total_sales: u128, accuracy: u64) -> u128 {
	if total_sales == 0 {
		return 0;
	}
	let part = multiply_by_rational_with_rounding(
		pool,
		sale_usd.min(total_sales),
		total_sales,
		Rounding::Down,
	)
	.unwrap_or(0);
	multiply_by_rational_with_rounding(
		part,
		u128::from(accuracy.min(MAX_DISTANCE)),
		u128::from(MAX_DISTANCE),
		Rounding::Down,
	)
	.unwrap_or(0)
}

/// The new reputation after a verdict: `+gain × accuracy / 100` for an agreeing review,
/// `−loss` for an outlier or a non-revealer, unchanged when unjudged; kept within
/// `0..=MAX_REPUTATION`.
pub fn next_reputation(reputation: u32, verdict: &Verdict, gain: u32, loss: u32) -> u32 {
	match verdict {
		Verdict::Agreed { distance } => {
			let accuracy = MAX_DISTANCE.saturating_sub(*distance);
			let earned = multiply_by_rational_with_rounding(
				u128::from(gain),
				u128::from(accuracy),
				u128::from(MAX_DISTANCE),
				Rounding::Down,
			)
			.and_then(|e| u32::try_from(e).ok())
			.unwrap_or(0);
			reputation.saturating_add(earned).min(MAX_REPUTATION)
		},
		Verdict::Unjudged => reputation.min(MAX_REPUTATION),
		Verdict::Outlier { .. } | Verdict::NotRevealed => {
			reputation.min(MAX_REPUTATION).saturating_sub(loss)
		},
	}
}
