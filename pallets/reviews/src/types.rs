//! The data the reviews pallet keeps: experts and their quality standards, review tickets,
//! rounds with their pools, reviews, and the published product scores.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use despend_primitives::{CategoryId, Cid, ProductId, QualityStandardId};
use frame_support::{
	pallet_prelude::*, traits::fungible, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_arithmetic::Perbill;
use sp_core::H256;

/// A DSG amount (deposits, bonds) and, since every asset shares it, any pool amount.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Numbers a product's review rounds, from 0.
pub type RoundIndex = u32;

/// A quality score: 0 (worst) to [`MAX_SCORE`] (best).
pub type Score = u8;

/// The highest score a reviewer may give a criterion.
pub const MAX_SCORE: Score = 100;

/// Reputation is kept in `0..=MAX_REPUTATION`; a reviewer with no history has
/// [`INITIAL_REPUTATION`]. Reputation scales a review's weight by
/// `(REPUTATION_BASE + reputation) / MAX_REPUTATION`, i.e. from 0.5× to 1.5×.
pub const MAX_REPUTATION: u32 = 1_000;

/// The reputation of a reviewer with no history: the lowest, so that an account made for the
/// occasion never weighs more than the account it was split from.
pub const INITIAL_REPUTATION: u32 = 0;

/// The part of the weight factor every reviewer has, whatever its reputation: 0.5×.
pub const REPUTATION_BASE: u32 = 500;

/// Distances between score vectors are measured in "nano-points": criterion weight parts
/// (`Perbill`, 10⁹ = 100%) times score points, so the largest distance is `100 × 10⁹`.
pub const DISTANCE_PER_POINT: u64 = 1_000_000_000;

/// The largest possible distance: every criterion [`MAX_SCORE`] points off.
pub const MAX_DISTANCE: u64 = MAX_SCORE as u64 * DISTANCE_PER_POINT;

/// One criterion of a quality standard: what reviewers score, and how much it counts.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(NameLimit))]
#[codec(mel_bound())]
pub struct Criterion<NameLimit: Get<u32>> {
	/// The criterion's name (e.g. "battery life"), UTF-8.
	pub name: BoundedVec<u8, NameLimit>,
	/// Its share of the overall score; a standard's weights add up to 100%.
	pub weight: Perbill,
}

/// The criteria of a standard, as a call passes them and storage keeps them.
pub type CriteriaOf<T> =
	BoundedVec<Criterion<<T as Config>::MaxCriterionNameLen>, <T as Config>::MaxCriteria>;

/// One score per criterion, in the standard's order.
pub type ScoresOf<T> = BoundedVec<Score, <T as Config>::MaxCriteria>;

/// A registered product expert.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Expert<T: Config> {
	/// The DSG held for the registration (returned on deregistration).
	pub deposit: BalanceOf<T>,
	/// The expert's public profile (IPFS CID).
	pub profile: Cid,
	/// How many of the expert's standards are active.
	pub standards: u32,
}

/// A quality standard an expert published for a category.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct QualityStandard<T: Config> {
	/// The expert who published it and earns the experts' share of the rounds that use it.
	pub expert: T::AccountId,
	/// The category whose products may use it.
	pub category: CategoryId,
	/// What reviewers score, with weights adding up to 100%.
	pub criteria: CriteriaOf<T>,
	/// The standard's full text and test protocol (IPFS CID).
	pub metadata: Cid,
	/// The DSG held for it (returned when it is retired).
	pub deposit: BalanceOf<T>,
}

/// A buyer's right to review one round of a product ("proof of experience"): the round its
/// settled orders' fees fed. All of the buyer's orders that fed the same round make one
/// ticket, used up by one review.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Ticket<T: Config> {
	/// The round the orders' fees fed (a round that has not opened yet, if they arrived after
	/// the open round's commit phase).
	pub round: RoundIndex,
	/// What those orders settled for, in USD units (6 decimals): the base of the review's
	/// weight and its share of the round's pool.
	pub sale_usd: BalanceOf<T>,
}

/// Amounts per asset; bounded by `MaxPoolAssets`.
pub type PoolOf<T> =
	BoundedVec<(<T as Config>::AssetKind, BalanceOf<T>), <T as Config>::MaxPoolAssets>;

/// The two pools a round's experience fees fill (the platform's part never comes here).
#[derive(
	Encode,
	Decode,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
	frame_support::DefaultNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Pools<T: Config> {
	/// For the round's reviewers (the reviewers' part of the experience fees).
	pub reviewers: PoolOf<T>,
	/// For the expert of the round's standard (the experts' part).
	pub experts: PoolOf<T>,
}

impl<T: Config> Pools<T> {
	/// Whether both pools are empty.
	pub fn is_empty(&self) -> bool {
		self.reviewers.is_empty() && self.experts.is_empty()
	}
}

/// Where a round stands.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub enum RoundStatus<T: Config> {
	/// Commit phase, then reveal phase, until it is finalized.
	Open,
	/// The consensus is known (if enough reviewers revealed); payouts wait for
	/// `appeal_deadline`.
	Finalized {
		/// Appeals are possible before this block; payouts from this block on.
		appeal_deadline: BlockNumberFor<T>,
	},
	/// An appeal waits for the arbitration's ruling until `ruling_deadline`; after it the
	/// round stands as finalized and the appeal bond is returned.
	Appealed {
		/// Who appealed.
		appellant: T::AccountId,
		/// The DSG they hold as appeal bond.
		bond: BalanceOf<T>,
		/// The arbitration rules before this block; from it on the appeal lapses.
		ruling_deadline: BlockNumberFor<T>,
	},
}

/// One review round of a product.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Round<T: Config> {
	/// The block in which the round opened (its first fee arrived).
	pub opened_at: BlockNumberFor<T>,
	/// Commits are accepted before this block; reveals from it on.
	pub commit_end: BlockNumberFor<T>,
	/// Reveals are accepted before this block; the round may be finalized from it on.
	pub reveal_end: BlockNumberFor<T>,
	/// The quality standard the round scores against, if the product had a usable one.
	pub standard: Option<QualityStandardId>,
	/// The expert of that standard when the round opened.
	pub expert: Option<T::AccountId>,
	/// The criteria weights (one criterion of 100% when there is no standard).
	pub weights: BoundedVec<Perbill, T::MaxCriteria>,
	/// Experience fees collected for this round.
	pub pools: Pools<T>,
	/// The USD value (6 decimals) of the sales whose fees fed the pools: a reviewer's share
	/// of the reviewers' pool is its own sales' part of this.
	pub sales_usd: BalanceOf<T>,
	/// How many reviews were committed.
	pub reviewers: u32,
	/// How many of them were revealed.
	pub revealed: u32,
	/// The DSG bonds held for this round's reviews.
	pub bonds: BalanceOf<T>,
	/// The consensus score per criterion, once finalized with at least `MinRevealers` reveals
	/// (or as the arbitration corrected it).
	pub consensus: Option<ScoresOf<T>>,
	/// Where the round stands.
	pub status: RoundStatus<T>,
}

/// A committed (and maybe revealed) review.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Review<T: Config> {
	/// The USD value of the reviewer's sales that fed the round (from its ticket): its share
	/// of the reviewers' pool is `sale_usd / Round::sales_usd`, times its accuracy.
	pub sale_usd: BalanceOf<T>,
	/// The review's position in the round's commit order (0 = first): the last tie-breaker.
	pub index: u32,
	/// `blake2_256(SCALE((scores, salt, reviewer)))`.
	pub commitment: H256,
	/// The DSG bond held.
	pub bond: BalanceOf<T>,
	/// The review's "experiential computing power", fixed at commit (see `Pallet::review_weight`).
	pub weight: u128,
	/// The revealed scores.
	pub scores: Option<ScoresOf<T>>,
}

/// What the pallet knows about a product from its settlements, and its round bookkeeping.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct ProductState<T: Config> {
	/// The product's merchant (may appeal its rounds).
	pub merchant: T::AccountId,
	/// The product's category.
	pub category: CategoryId,
	/// The quality standard the product referred to at its latest settlement.
	pub standard: Option<QualityStandardId>,
	/// The round in commit or reveal phase, if any, with its index. It is kept here, in the
	/// item every settlement of the product reads and writes anyway, and moves to
	/// [`crate::Rounds`] when it is finalized.
	pub open_round: Option<(RoundIndex, Round<T>)>,
	/// How many rounds were opened: the index of the next one.
	pub rounds: RoundIndex,
	/// Fees that arrived after the open round's commit phase, for the product's next round.
	pub carry_over: Pools<T>,
	/// The USD value of the sales whose fees are in `carry_over`.
	pub carry_over_sales: BalanceOf<T>,
	/// Whether fees arrived after the open round's commit phase: the next round then opens as
	/// soon as this one is finalized.
	pub late_fees: bool,
}

/// A product's published quality score.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct ProductScore<T: Config> {
	/// The round that produced it.
	pub round: RoundIndex,
	/// The standard it was measured against (`None`: one overall criterion).
	pub standard: Option<QualityStandardId>,
	/// The consensus score per criterion (0..=100).
	pub scores: ScoresOf<T>,
	/// The overall score: criteria weighted by their weights, rounded to the nearest point.
	pub overall: Score,
	/// How many reviewers revealed in that round.
	pub reviewers: u32,
}

/// A round due for finalization or for payout: `(due block, product, round)`.
pub type QueueEntry<BlockNumber> = (BlockNumber, ProductId, RoundIndex);

/// How a review came out against the consensus.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
	/// Never revealed: the whole bond is forfeited.
	NotRevealed,
	/// Revealed, but farther than `OutlierTolerance` from the consensus: part of the bond is
	/// forfeited.
	Outlier {
		/// The distance to the consensus, in nano-points.
		distance: u64,
	},
	/// Revealed within the tolerance: the bond comes back, and the review earns its share of
	/// the pool scaled by its accuracy.
	Agreed {
		/// The distance to the consensus, in nano-points.
		distance: u64,
	},
	/// Revealed in a round with fewer than `MinRevealers` reveals: there is no consensus to
	/// judge against; the bond comes back and the review earns its share in full.
	Unjudged,
}
