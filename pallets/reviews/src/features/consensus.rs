//! The arithmetic of consensus, free of storage so it can be read (and tested) on its own:
//! review weight, weighted median, distance, verdicts and pool shares. All integer, checked or
//! saturating; no randomness.

use crate::types::{
	Score, Verdict, DISTANCE_PER_POINT, MAX_DISTANCE, MAX_REPUTATION, MAX_SCORE, NEUTRAL_REPUTATION,
};
use alloc::vec::Vec;
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, traits::IntegerSquareRoot, Perbill,
	Rounding,
};

/// A review's "experiential computing power":
///
/// `weight = max(1, isqrt(min(sale_usd, cap)) × (1 + bonus) × (500 + reputation) / 1000)`
///
/// - `sale_usd`: the order's amount in USD units (6 decimals). The square root rewards buying
///   more, but with diminishing returns (100× the money is 10× the weight), and the cap ends it
///   there: a whale cannot outvote many real buyers.
/// - `bonus`: the reviewer's tier `review_weight_bonus`.
/// - `reputation` (`0..=1000`, 500 neutral): from 0.5× to 1.5× ("adaptive voting").
pub fn review_weight(sale_usd: u128, cap: u128, bonus: Perbill, reputation: u32) -> u128 {
	let base = sale_usd.min(cap).integer_sqrt();
	let boosted = base.saturating_add(bonus.mul_floor(base));
	let factor = NEUTRAL_REPUTATION.saturating_add(reputation.min(MAX_REPUTATION));
	let weighted = multiply_by_rational_with_rounding(
		boosted,
		u128::from(factor),
		u128::from(MAX_REPUTATION),
		Rounding::Down,
	)
	.unwrap_or(boosted);
	weighted.max(1)
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
	/// Its weight.
	pub weight: u128,
	/// Its commit position (the last tie-breaker).
	pub index: u32,
	/// Its revealed scores, if revealed.
	pub scores: Option<&'a [Score]>,
}

/// Judges `ballots` against `consensus`: who did not reveal, who is an outlier (distance over
/// `tolerance` points), and which of the others win (the `winners` closest; ties go to the
/// higher weight, then to the earlier commit). Returns one verdict per ballot, in order.
///
/// A review's points are `weight × max(1, accuracy)` with `accuracy = MAX_DISTANCE − distance`
/// (so "100 − distance" in nano-points); the `max` keeps every winner's claim positive.
pub fn judge(
	ballots: &[Ballot],
	consensus: &[Score],
	weights: &[Perbill],
	tolerance: u8,
	winners: u32,
) -> Vec<Verdict> {
	let limit = u64::from(tolerance).saturating_mul(DISTANCE_PER_POINT);
	let mut verdicts: Vec<Verdict> = ballots
		.iter()
		.map(|ballot| match ballot.scores {
			None => Verdict::NotRevealed,
			Some(scores) => {
				let distance = distance(scores, consensus, weights);
				if distance > limit {
					Verdict::Outlier { distance }
				} else {
					let accuracy = MAX_DISTANCE.saturating_sub(distance).max(1);
					let points = ballot.weight.saturating_mul(u128::from(accuracy));
					Verdict::Agreed { distance, points, rank: None }
				}
			},
		})
		.collect();

	// Rank the agreeing reviews: closest first, then heavier, then earlier.
	let mut agreed: Vec<(u64, u128, u32, usize)> = verdicts
		.iter()
		.zip(ballots.iter())
		.enumerate()
		.filter_map(|(at, (verdict, ballot))| match verdict {
			Verdict::Agreed { distance, .. } => Some((*distance, ballot.weight, ballot.index, at)),
			_ => None,
		})
		.collect();
	agreed.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
	for (rank, (_, _, _, at)) in agreed.into_iter().take(winners as usize).enumerate() {
		if let Some(Verdict::Agreed { rank: slot, .. }) = verdicts.get_mut(at) {
			*slot = Some(rank as u32);
		}
	}
	verdicts
}

/// Splits `pool` among claims in proportion to their points: every claim gets its floor
/// share and the first claim also the rounding remainder, so the shares add up to `pool`
/// exactly. Empty if there are no claims.
pub fn shares(pool: u128, points: &[u128]) -> Vec<u128> {
	let total = points.iter().fold(0u128, |sum, p| sum.saturating_add(*p));
	if points.is_empty() || total == 0 {
		return Vec::new();
	}
	let mut out: Vec<u128> = points
		.iter()
		.map(|p| multiply_by_rational_with_rounding(pool, *p, total, Rounding::Down).unwrap_or(0))
		.collect();
	let paid = out.iter().fold(0u128, |sum, s| sum.saturating_add(*s));
	if let Some(first) = out.first_mut() {
		*first = first.saturating_add(pool.saturating_sub(paid));
	}
	out
}

/// The new reputation after a verdict: `+gain × accuracy / 100` for an agreeing review,
/// `−loss` for an outlier or a non-revealer, kept within `0..=MAX_REPUTATION`.
pub fn next_reputation(reputation: u32, verdict: &Verdict, gain: u32, loss: u32) -> u32 {
	match verdict {
		Verdict::Agreed { distance, .. } => {
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
		Verdict::Outlier { .. } | Verdict::NotRevealed => {
			reputation.min(MAX_REPUTATION).saturating_sub(loss)
		},
	}
}
