//! The membership pallet's data types: a member's ledger, the tier table and the views a
//! wallet reads.

use crate::Config;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use despend_primitives::{Tier, TierBenefits, DSG_DECIMALS, MAX_TIER};
use frame_support::{
	traits::{fungible, ConstU32, Get},
	BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_arithmetic::Perbill;
use sp_runtime::{
	traits::{UniqueSaturatedFrom, Zero},
	Saturating,
};

/// The balance type of the staked token (DSG).
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A member's ledger as stored.
pub type LedgerOf<T> =
	MemberLedger<BalanceOf<T>, BlockNumberFor<T>, <T as Config>::MaxUnlockingChunks>;

/// The tier table as stored.
pub type TierTableOf<T> = TierTable<BalanceOf<T>>;

/// The tier table: entry `i` describes tier K(i+1). Between 1 and [`MAX_TIER`] entries, with
/// strictly increasing thresholds and non-decreasing benefits.
pub type TierTable<Balance> = BoundedVec<TierInfo<Balance>, ConstU32<{ MAX_TIER as u32 }>>;

/// One tier of the table.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct TierInfo<Balance> {
	/// The active stake a member needs to reach this tier.
	pub threshold: Balance,
	/// What the tier gives.
	pub benefits: TierBenefits,
}

/// Stake leaving the active stake: still held, released by `withdraw_unbonded` once
/// `unlock_at` is reached.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct UnlockChunk<Balance, BlockNumber> {
	/// How much unbonds.
	pub value: Balance,
	/// The block from which it can be withdrawn.
	pub unlock_at: BlockNumber,
}

/// What one member has staked. Every unit in it (active and unlocking) is held from the
/// member's balance under `HoldReason::Staked`.
#[derive(
	Encode,
	Decode,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxChunks))]
#[codec(mel_bound(Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen))]
pub struct MemberLedger<Balance, BlockNumber, MaxChunks>
where
	Balance: Clone + PartialEq + Eq + Debug + Default,
	BlockNumber: Clone + PartialEq + Eq + Debug,
	MaxChunks: Get<u32>,
{
	/// The active stake: what the tier is derived from.
	pub active: Balance,
	/// Stake on its way out, oldest first (strictly increasing `unlock_at`).
	pub unlocking: BoundedVec<UnlockChunk<Balance, BlockNumber>, MaxChunks>,
	/// The elite status last reported to `OnStakeChanged`, so that a change of the tier table
	/// or of `EliteTier` can be passed on by `refresh` exactly once.
	pub elite: bool,
}

impl<Balance, BlockNumber, MaxChunks> MemberLedger<Balance, BlockNumber, MaxChunks>
where
	Balance: Clone + PartialEq + Eq + Debug + Default + Copy + Saturating + Zero,
	BlockNumber: Clone + PartialEq + Eq + Debug + PartialOrd,
	MaxChunks: Get<u32>,
{
	/// The sum of the unlocking chunks.
	pub fn total_unlocking(&self) -> Balance {
		self.unlocking.iter().fold(Zero::zero(), |sum: Balance, c| sum.saturating_add(c.value))
	}

	/// The sum of the chunks that can be withdrawn at block `now`.
	pub fn withdrawable(&self, now: &BlockNumber) -> Balance {
		self.unlocking
			.iter()
			.filter(|c| c.unlock_at <= *now)
			.fold(Zero::zero(), |sum: Balance, c| sum.saturating_add(c.value))
	}

	/// Everything held for this ledger: active plus unlocking.
	pub fn total(&self) -> Balance {
		self.active.saturating_add(self.total_unlocking())
	}

	/// Whether nothing is left in the ledger (it can be removed).
	pub fn is_empty(&self) -> bool {
		self.active.is_zero() && self.unlocking.is_empty()
	}
}

/// A member as a wallet shows it (the runtime API `DespendApi::member_info`).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct MemberInfo<Balance, BlockNumber> {
	/// The current tier (0 = K0).
	pub tier: Tier,
	/// Whether the member shares the dividend pool (tier at least `EliteTier`).
	pub is_elite: bool,
	/// What the current tier gives.
	pub benefits: TierBenefits,
	/// The active stake.
	pub active: Balance,
	/// The unlocking chunks, oldest first.
	pub unlocking: Vec<UnlockChunk<Balance, BlockNumber>>,
	/// What `withdraw_unbonded` would release now.
	pub withdrawable: Balance,
	/// The threshold of the next tier, if there is one above the current tier.
	pub next_tier_threshold: Option<Balance>,
}

/// One tier as written in a chain spec (the genesis tier table). Kept flat so that the
/// JSON of a chain spec reads naturally.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisTier<Balance> {
	/// The active stake a member needs to reach this tier.
	pub threshold: Balance,
	/// Extra consumption-mining reward.
	pub mining_bonus: Perbill,
	/// Discount on prices paid in DSG.
	pub dsg_payment_discount: Perbill,
	/// Extra weight of the member's reviews.
	pub review_weight_bonus: Perbill,
}

impl<Balance> From<GenesisTier<Balance>> for TierInfo<Balance> {
	fn from(t: GenesisTier<Balance>) -> Self {
		TierInfo {
			threshold: t.threshold,
			benefits: TierBenefits {
				mining_bonus: t.mining_bonus,
				dsg_payment_discount: t.dsg_payment_discount,
				review_weight_bonus: t.review_weight_bonus,
			},
		}
	}
}

/// The default tier table K1..K15 (thresholds in whole DSG; bonuses in percent, the DSG
/// payment discount in per mille): K1 at 100 DSG, K13 (the dividend tier) at 100,000 DSG,
/// K15 at 500,000 DSG.
const DEFAULT_TIERS: [(u128, u32, u32, u32); MAX_TIER as usize] = [
	// (threshold DSG, mining bonus %, DSG payment discount ‰, review weight bonus %)
	(100, 1, 5, 2),
	(300, 2, 10, 4),
	(600, 3, 15, 6),
	(1_000, 4, 20, 8),
	(2_000, 5, 25, 10),
	(3_500, 7, 30, 15),
	(5_000, 9, 35, 20),
	(8_000, 11, 40, 25),
	(12_000, 13, 45, 30),
	(20_000, 16, 50, 40),
	(35_000, 20, 60, 50),
	(60_000, 25, 70, 60),
	(100_000, 30, 80, 70),
	(200_000, 40, 90, 85),
	(500_000, 50, 100, 100),
];

/// [`DEFAULT_TIERS`] for a chain spec, with thresholds in DSG's smallest unit.
pub fn default_genesis_tiers<Balance: UniqueSaturatedFrom<u128>>() -> Vec<GenesisTier<Balance>> {
	let unit = 10u128.saturating_pow(DSG_DECIMALS);
	DEFAULT_TIERS
		.iter()
		.map(|&(dsg, mining, discount, review)| GenesisTier {
			threshold: Balance::unique_saturated_from(dsg.saturating_mul(unit)),
			mining_bonus: Perbill::from_percent(mining),
			dsg_payment_discount: Perbill::from_perthousand(discount),
			review_weight_bonus: Perbill::from_percent(review),
		})
		.collect()
}

/// Why a tier table is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TierTableError {
	/// The table has no entry.
	Empty,
	/// K1's threshold is zero (everyone would be a member).
	ZeroThreshold,
	/// A threshold is not above the one before.
	ThresholdsNotIncreasing,
	/// A benefit is lower than in the tier below.
	BenefitsDecreasing,
}

/// Checks a tier table: at least one entry (the bound gives at most [`MAX_TIER`]), a non-zero
/// K1 threshold, strictly increasing thresholds and, benefit by benefit, non-decreasing
/// benefits (a higher tier never gives less).
pub fn validate_tier_table<Balance: PartialOrd + Zero>(
	table: &[TierInfo<Balance>],
) -> Result<(), TierTableError> {
	let first = table.first().ok_or(TierTableError::Empty)?;
	if first.threshold.is_zero() {
		return Err(TierTableError::ZeroThreshold);
	}
	for pair in table.windows(2) {
		let [lower, higher] = pair else { continue };
		if higher.threshold <= lower.threshold {
			return Err(TierTableError::ThresholdsNotIncreasing);
		}
		let (l, h) = (&lower.benefits, &higher.benefits);
		if h.mining_bonus < l.mining_bonus
			|| h.dsg_payment_discount < l.dsg_payment_discount
			|| h.review_weight_bonus < l.review_weight_bonus
		{
			return Err(TierTableError::BenefitsDecreasing);
		}
	}
	Ok(())
}

/// The tier an active stake reaches under `table` (valid, so sorted by threshold): the number
/// of thresholds it meets. 0 is K0.
pub fn tier_for<Balance: PartialOrd>(table: &[TierInfo<Balance>], active: &Balance) -> Tier {
	// Thresholds strictly increase, so the tiers met form a prefix: a binary search.
	let met = table.partition_point(|t| t.threshold <= *active);
	Tier::try_from(met).unwrap_or(MAX_TIER)
}
