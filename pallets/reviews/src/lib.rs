//! # Reviews: experiential-consumer review consensus
//!
//! The trust engine of DeSpend: a product's quality is agreed by people who bought and used it,
//! measured against a standard a product expert published, with money on the line.
//!
//! ## Where the money comes from
//!
//! When an order settles, the order pallet moves the experts' and the reviewers' parts of the
//! product's experience fee into this pallet's account ([`Config::PalletId`]) and tells this
//! pallet through [`despend_primitives::OnOrderSettled`]. This pallet then adds them to the
//! product's open **round** (one pool per asset), opening a round if none is open, and gives
//! the buyer a **ticket** for that round: the right to review it, weighing what the buyer's
//! orders paid into it. Fees that arrive after the round's commit phase wait for the next
//! round, and so do their tickets.
//!
//! ## A round
//!
//! 1. **Commit** ([`Config::CommitPhase`] blocks): a ticket holder posts
//!    `blake2_256(SCALE((scores, salt, reviewer)))` with a DSG bond of at least
//!    [`Config::MinBond`] ([`Pallet::commit_review`]): one review per account and round.
//! 2. **Reveal** ([`Config::RevealPhase`] blocks): the reviewer reveals the scores (0..=100 per
//!    criterion of the round's standard) and the salt ([`Pallet::reveal_review`]).
//! 3. **Finalize** (anyone, [`Pallet::finalize_round`], or `on_idle`): with at least
//!    [`Config::MinRevealers`] reveals, the consensus per criterion is the lower weighted
//!    median of the revealed scores, weighted by each review's "experiential computing power"
//!    ([`Pallet::review_weight`]: the reviewer's sales in the round, linear, times its tier
//!    bonus and reputation), and the product's score is published ([`ProductScores`]). The
//!    expert of the round's standard is paid the experts' pool (the treasury is, if there is
//!    no standard or the expert has left).
//! 4. **Appeal** ([`Config::AppealPeriod`] blocks): the merchant or a revealer may appeal with
//!    [`Config::AppealBond`]; [`Config::ArbitrationOrigin`] upholds the round (the appeal bond
//!    goes to the treasury) or overturns it with corrected scores (the bond is returned)
//!    within [`Config::AppealRulingPeriod`]; unruled, the appeal lapses: the round stands and
//!    the bond is returned.
//! 5. **Payout** (anyone after the appeal period, [`Pallet::claim_round_rewards`], or
//!    `on_idle`): each review earns its **own sales' share** of the reviewers' pool
//!    (`sale_usd / round sales`) scaled by its accuracy (`100 − distance` to the consensus,
//!    in score points); outliers (farther than [`Config::OutlierTolerance`]) earn nothing and
//!    lose [`Config::OutlierSlash`] of their bond, non-revealers lose all of it. Below the
//!    quorum nobody is judged: revealers earn their share in full. Whatever is not earned, and
//!    every forfeited bond, goes to the treasury. Reputation rises with accuracy and falls for
//!    outliers and non-revealers.
//!
//! So no reviewer, and no group of accounts, can ever take more of a pool than its own
//! orders paid into it: reviewing your own sales earns back at most your own fees, and a
//! product's only reviewers cannot take the fees of buyers who did not review. The work pays
//! the buyer who reviews well, out of the fee that buyer paid.
//!
//! Every loop is bounded by [`Config::MaxReviewersPerRound`], [`Config::MaxCriteria`] and
//! [`Config::MaxPoolAssets`]; background work is taken from two bounded, block-ordered queues
//! within `on_idle`'s remaining weight, and the permissionless calls do the same work.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use features::queues::Queue;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// This pallet's account (derived from `Config::PalletId`), as a `Get` for the runtime to hand
/// to the pallets that pay into it.
pub struct PalletAccount<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<T::AccountId> for PalletAccount<T> {
	fn get() -> T::AccountId {
		Pallet::<T>::account_id()
	}
}

mod features;
mod impl_traits;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
pub mod migrations;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// The log target of this pallet.
pub(crate) const LOG_TARGET: &str = "runtime::reviews";

/// What benchmarks need from the runtime to set up a worst case.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// The assets fees can arrive in (DSG and the stablecoins, at most `MaxPoolAssets`),
	/// created if they do not exist yet, so benchmarks can mint them.
	fn fee_assets() -> alloc::vec::Vec<AssetKind>;
}

// FRAME's macros expand to `expect` on the pallet's registered name and on error encoding;
// the pallet's own code has none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use despend_primitives::{
		CategoryId, Cid, FreeBalance, MemberTiers, OrderId, ProductId, QualityStandardId,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, MutateHold as _},
			fungibles,
			tokens::Precision,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::Perbill;
	use sp_core::H256;

	/// The in-code storage version (1: the queues keep one entry per round, under its block).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds DSG.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An expert's registration deposit.
		#[codec(index = 0)]
		ExpertDeposit,
		/// The deposit of a published quality standard.
		#[codec(index = 1)]
		StandardDeposit,
		/// A reviewer's bond on a committed review.
		#[codec(index = 2)]
		ReviewBond,
		/// The bond of an appeal against a round.
		#[codec(index = 3)]
		AppealBond,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// DSG (pallet-balances): deposits and bonds are held in it.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// An asset fees can be paid in: DSG or a stablecoin (`NativeOrWithId<u32>`).
		type AssetKind: Parameter + MaxEncodedLen + Ord;

		/// All payment assets (DSG and stablecoins): the pools are paid out of them.
		type Assets: fungibles::Inspect<
				Self::AccountId,
				AssetId = Self::AssetKind,
				Balance = BalanceOf<Self>,
			> + fungibles::Mutate<Self::AccountId>;

		/// Membership tiers: a tier's `review_weight_bonus` raises a review's weight.
		type Members: MemberTiers<Self::AccountId, BalanceOf<Self>>;

		/// What DSG a reviewer or appellant can commit: bonds, which may be forfeited to the
		/// treasury, never take frozen (vested, vote-locked) DSG.
		type FreeBalance: FreeBalance<Self::AccountId, BalanceOf<Self>>;

		/// Rules on appeals (uphold or overturn a round).
		type ArbitrationOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// This pallet's account: the pools are kept there. The runtime endows it with the
		/// existential deposit of DSG and the minimum balance of each stablecoin, so payouts
		/// (which keep it alive) can always pay a pool out in full.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Receives the experts' pool of rounds without a standard or whose expert has left,
		/// what reviewers did not earn, forfeited bonds, and fees no pool can take.
		type TreasuryAccount: Get<Self::AccountId>;

		/// DSG held to register as an expert.
		#[pallet::constant]
		type ExpertDeposit: Get<BalanceOf<Self>>;

		/// DSG held per published quality standard.
		#[pallet::constant]
		type StandardDeposit: Get<BalanceOf<Self>>;

		/// The smallest bond a review may post (DSG).
		#[pallet::constant]
		type MinBond: Get<BalanceOf<Self>>;

		/// The bond of an appeal (DSG).
		#[pallet::constant]
		type AppealBond: Get<BalanceOf<Self>>;

		/// Blocks of a round's commit phase.
		#[pallet::constant]
		type CommitPhase: Get<BlockNumberFor<Self>>;

		/// Blocks of a round's reveal phase.
		#[pallet::constant]
		type RevealPhase: Get<BlockNumberFor<Self>>;

		/// Blocks after finalization during which a round may be appealed; payouts wait for it.
		#[pallet::constant]
		type AppealPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks the arbitration origin has to rule an appeal; after them the appeal lapses.
		#[pallet::constant]
		type AppealRulingPeriod: Get<BlockNumberFor<Self>>;

		/// The fewest reveals that make a consensus: below it no score is published and nobody
		/// is judged.
		#[pallet::constant]
		type MinRevealers: Get<u32>;

		/// A revealer whose distance to the consensus exceeds this many score points (the
		/// criterion-weighted mean of `|score - consensus|`) is an outlier.
		#[pallet::constant]
		type OutlierTolerance: Get<u8>;

		/// The part of an outlier's bond that is forfeited to the treasury.
		#[pallet::constant]
		type OutlierSlash: Get<Perbill>;

		/// Reputation a perfectly accurate review earns (scaled by its accuracy); reputation
		/// stays within `0..=1000`.
		#[pallet::constant]
		type ReputationGain: Get<u32>;

		/// Reputation an outlier or a non-revealer loses.
		#[pallet::constant]
		type ReputationLoss: Get<u32>;

		/// The most criteria a standard may have.
		#[pallet::constant]
		type MaxCriteria: Get<u32>;

		/// The longest criterion name, in bytes.
		#[pallet::constant]
		type MaxCriterionNameLen: Get<u32>;

		/// The most reviews one round accepts.
		#[pallet::constant]
		type MaxReviewersPerRound: Get<u32>;

		/// The most assets a pool keeps (DSG and the stablecoins: 3).
		#[pallet::constant]
		type MaxPoolAssets: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets up benchmarks' worst cases.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AssetKind>;
	}

	/// Registered product experts.
	#[pallet::storage]
	pub type Experts<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Expert<T>>;

	/// Active quality standards.
	#[pallet::storage]
	pub type Standards<T: Config> =
		StorageMap<_, Twox64Concat, QualityStandardId, QualityStandard<T>>;

	/// The id the next published standard gets.
	#[pallet::storage]
	pub type NextStandardId<T: Config> = StorageValue<_, QualityStandardId, ValueQuery>;

	/// Unused rights to review, by product and buyer: one per buyer and product, for the
	/// round its latest orders fed (a newer round replaces an older, unused one).
	#[pallet::storage]
	pub type Tickets<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProductId, Blake2_128Concat, T::AccountId, Ticket<T>>;

	/// Each reviewed product's merchant, standard and round bookkeeping.
	#[pallet::storage]
	pub type ProductStates<T: Config> = StorageMap<_, Twox64Concat, ProductId, ProductState<T>>;

	/// Finalized rounds waiting for their payout (removed once paid). A product's open round
	/// is in its [`ProductStates`] entry.
	#[pallet::storage]
	pub type Rounds<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProductId, Twox64Concat, RoundIndex, Round<T>>;

	/// Reviews of rounds not yet paid out, by product, round and reviewer.
	#[pallet::storage]
	pub type RoundReviews<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, ProductId>,
			NMapKey<Twox64Concat, RoundIndex>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		Review<T>,
	>;

	/// Reviewers' reputation (`0..=1000`; absent means [`INITIAL_REPUTATION`]).
	#[pallet::storage]
	pub type Reputations<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32>;

	/// Each product's published quality score.
	#[pallet::storage]
	pub type ProductScores<T: Config> = StorageMap<_, Twox64Concat, ProductId, ProductScore<T>>;

	/// Open rounds under the block their reveal phase ends, one entry each, for `on_idle` to
	/// finalize.
	#[pallet::storage]
	pub type FinalizationQueue<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		(ProductId, RoundIndex),
		(),
		OptionQuery,
	>;

	/// Finalized rounds under the block their appeal period (or their appeal's ruling period)
	/// ends, one entry each, for `on_idle` to pay out.
	#[pallet::storage]
	pub type PayoutQueue<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		(ProductId, RoundIndex),
		(),
		OptionQuery,
	>;

	/// The first block of each queue `on_idle` has not worked off yet: finalization, payout
	/// (`None` until the first `on_idle`, which starts at its own block).
	#[pallet::storage]
	pub type QueueCursors<T: Config> =
		StorageValue<_, (BlockNumberFor<T>, BlockNumberFor<T>), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An expert registered.
		ExpertRegistered { expert: T::AccountId, deposit: BalanceOf<T>, profile: Cid },
		/// An expert left; their deposit was returned.
		ExpertDeregistered { expert: T::AccountId, deposit: BalanceOf<T> },
		/// An expert published a quality standard.
		StandardPublished {
			standard: QualityStandardId,
			expert: T::AccountId,
			category: CategoryId,
			criteria: u32,
			metadata: Cid,
		},
		/// A standard was retired; its deposit was returned. Rounds already using it go on.
		StandardRetired { standard: QualityStandardId, expert: T::AccountId },
		/// A settled order's experience fees reached the product's reviews, and gave its buyer
		/// the right to review `round`, weighing `sale_usd` (all the buyer's orders that fed
		/// that round). `reviewers` and `experts` of `asset` joined that round's pools: the
		/// open round's, or, once its commit phase is over, the carry-over for the next one
		/// (`round` is then the next round's index). What a pool could not take went to the
		/// treasury ([`Event::FeesDiverted`]).
		TicketIssued {
			order: OrderId,
			buyer: T::AccountId,
			product: ProductId,
			round: RoundIndex,
			sale_usd: BalanceOf<T>,
			asset: T::AssetKind,
			reviewers: BalanceOf<T>,
			experts: BalanceOf<T>,
		},
		/// A product's review round opened.
		RoundOpened {
			product: ProductId,
			round: RoundIndex,
			standard: Option<QualityStandardId>,
			commit_end: BlockNumberFor<T>,
			reveal_end: BlockNumberFor<T>,
		},
		/// A pool could not take an asset (all its asset slots are used); the amount went to
		/// the treasury.
		FeesDiverted { product: ProductId, asset: T::AssetKind, amount: BalanceOf<T> },
		/// A review was committed and its bond held.
		ReviewCommitted {
			product: ProductId,
			round: RoundIndex,
			reviewer: T::AccountId,
			bond: BalanceOf<T>,
			weight: u128,
		},
		/// A review was revealed.
		ReviewRevealed {
			product: ProductId,
			round: RoundIndex,
			reviewer: T::AccountId,
			scores: ScoresOf<T>,
		},
		/// A round was finalized: `consensus` is `None` if fewer than `MinRevealers` revealed.
		/// Payouts come from `payout_from` on.
		RoundFinalized {
			product: ProductId,
			round: RoundIndex,
			reviewers: u32,
			revealed: u32,
			consensus: Option<ScoresOf<T>>,
			payout_from: BlockNumberFor<T>,
		},
		/// A product's quality score was published.
		ProductScored { product: ProductId, round: RoundIndex, scores: ScoresOf<T>, overall: Score },
		/// The experts' pool of a round was paid (`to` is the treasury when the round has no
		/// standard or its expert left).
		ExpertsPaid {
			product: ProductId,
			round: RoundIndex,
			to: T::AccountId,
			asset: T::AssetKind,
			amount: BalanceOf<T>,
		},
		/// A reviewer was paid its share of the round's pool.
		ReviewerRewarded {
			product: ProductId,
			round: RoundIndex,
			reviewer: T::AccountId,
			asset: T::AssetKind,
			amount: BalanceOf<T>,
		},
		/// A payout could not be made (e.g. below the receiver's minimum balance); the amount
		/// went to the treasury.
		PayoutFailed {
			product: ProductId,
			round: RoundIndex,
			to: T::AccountId,
			asset: T::AssetKind,
			amount: BalanceOf<T>,
		},
		/// A reviewer's bond was returned.
		BondReturned {
			product: ProductId,
			round: RoundIndex,
			reviewer: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// (Part of) a reviewer's bond was forfeited to the treasury.
		BondSlashed {
			product: ProductId,
			round: RoundIndex,
			reviewer: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A reviewer's reputation changed.
		ReputationChanged { reviewer: T::AccountId, reputation: u32 },
		/// What the round's reviewers did not earn of its pool went to the treasury.
		Unearned {
			product: ProductId,
			round: RoundIndex,
			asset: T::AssetKind,
			amount: BalanceOf<T>,
		},
		/// A round was paid out and removed; `paid` reviewers earned a share.
		RoundClosed { product: ProductId, round: RoundIndex, paid: u32 },
		/// A round was appealed; its payouts wait for the ruling.
		Appealed {
			product: ProductId,
			round: RoundIndex,
			appellant: T::AccountId,
			bond: BalanceOf<T>,
		},
		/// The arbitration upheld a round against its appeal; the appeal bond went to the
		/// treasury.
		RoundUpheld {
			product: ProductId,
			round: RoundIndex,
			appellant: T::AccountId,
			forfeited: BalanceOf<T>,
		},
		/// The arbitration overturned a round's consensus; the appeal bond was returned.
		RoundOverturned {
			product: ProductId,
			round: RoundIndex,
			appellant: T::AccountId,
			consensus: ScoresOf<T>,
		},
		/// The arbitration did not rule in time: the round stands and the appeal bond was
		/// returned.
		AppealLapsed { product: ProductId, round: RoundIndex, appellant: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This account is already a registered expert.
		AlreadyExpert,
		/// This account is not a registered expert.
		NotExpert,
		/// Retire your active quality standards before leaving.
		HasActiveStandards,
		/// Not enough free DSG for the deposit or bond. Holding only stablecoins? Swap some for DSG with `assetConversion.swapExactTokensForTokens`.
		InsufficientBalance,
		/// Part of this DSG is frozen (vesting, a conviction vote): a bond, which may be
		/// forfeited, takes only unfrozen DSG.
		FundsFrozen,
		/// A quality standard needs at least one criterion.
		NoCriteria,
		/// The criteria weights must add up to exactly 100%.
		CriteriaWeightsNotWhole,
		/// Every criterion needs a name.
		EmptyCriterionName,
		/// No more quality standard ids are available.
		StandardIdsExhausted,
		/// No active quality standard has this id.
		UnknownStandard,
		/// Only the expert who published this standard may do that.
		NotStandardExpert,
		/// You have no settled order of this product whose fees fed its open round (or you
		/// used it already).
		UnknownTicket,
		/// The product has no open review round.
		NoOpenRound,
		/// The round's commit phase is over; wait for the product's next round.
		CommitPhaseOver,
		/// You already committed a review in this round.
		AlreadyCommitted,
		/// This round has as many reviewers as it accepts.
		RoundFull,
		/// The bond is below the minimum.
		BondTooLow,
		/// Reveals start when the commit phase ends.
		RevealPhaseNotStarted,
		/// The reveal phase is over.
		RevealPhaseOver,
		/// You have no review committed in this round.
		NotCommitted,
		/// You already revealed this review.
		AlreadyRevealed,
		/// Give exactly one score per criterion of the round's standard.
		WrongScoreCount,
		/// Scores range from 0 to 100.
		ScoreOutOfRange,
		/// These scores and salt do not match your commitment.
		CommitmentMismatch,
		/// The round can be finalized only after its reveal phase.
		RevealPhaseNotOver,
		/// No such round waits for finalization or payout.
		UnknownRound,
		/// The round is not finalized yet.
		RoundNotFinalized,
		/// Payouts wait until the appeal period is over.
		AppealPeriodNotOver,
		/// The round is under appeal; its payouts wait for the ruling.
		RoundUnderAppeal,
		/// The appeal period of this round is over.
		AppealPeriodOver,
		/// Only the product's merchant or a reviewer who revealed in the round may appeal.
		NotEntitledToAppeal,
		/// Too few revealed in this round: there is no consensus to appeal.
		NothingToAppeal,
		/// The round is not under appeal.
		NotAppealed,
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// `product`'s published quality score: per criterion and overall.
		pub fn product_score(product: ProductId) -> Option<ProductScore<T>> {
			ProductScores::<T>::get(product)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::do_on_idle(now, remaining)
		}

		fn integrity_test() {
			assert!(T::MaxCriteria::get() >= 1, "a standard needs room for a criterion");
			assert!(T::MaxReviewersPerRound::get() >= 1, "a round needs room for a reviewer");
			assert!(T::MaxPoolAssets::get() >= 1, "a pool needs room for an asset");
			assert!(T::OutlierTolerance::get() <= MAX_SCORE, "tolerance beyond the score range");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register as a product expert, holding [`Config::ExpertDeposit`].
		///
		/// - `profile`: the expert's public profile (IPFS CID).
		///
		/// Emits [`Event::ExpertRegistered`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_expert())]
		pub fn register_expert(origin: OriginFor<T>, profile: Cid) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_expert(who, profile)
		}

		/// Leave the experts, getting the deposit back. Only without active standards.
		///
		/// Emits [`Event::ExpertDeregistered`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::deregister_expert())]
		pub fn deregister_expert(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_expert(who)
		}

		/// Publish a quality standard for `category`, holding [`Config::StandardDeposit`].
		///
		/// - `criteria`: what reviewers score, each with a name and a weight; the weights add
		///   up to 100%.
		/// - `metadata`: the standard's full text and test protocol (IPFS CID).
		///
		/// Emits [`Event::StandardPublished`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::publish_standard(criteria.len() as u32))]
		pub fn publish_standard(
			origin: OriginFor<T>,
			category: CategoryId,
			criteria: CriteriaOf<T>,
			metadata: Cid,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_standard(who, category, criteria, metadata)
		}

		/// Retire one of your standards: new rounds no longer use it, rounds using it go on.
		/// The deposit is returned.
		///
		/// Emits [`Event::StandardRetired`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::retire_standard())]
		pub fn retire_standard(
			origin: OriginFor<T>,
			standard: QualityStandardId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire_standard(who, standard)
		}

		/// Commit a review of `product` in its open round, using the ticket your settled orders
		/// of it gave for that round, and hold `bond` DSG.
		///
		/// - `commitment`: `blake2_256(SCALE((scores, salt, reviewer)))`, with `scores` a
		///   `Vec<u8>` (one score 0..=100 per criterion), `salt` 32 bytes kept secret until the
		///   reveal, and `reviewer` your account id.
		///
		/// Emits [`Event::ReviewCommitted`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::commit_review())]
		pub fn commit_review(
			origin: OriginFor<T>,
			product: ProductId,
			commitment: H256,
			#[pallet::compact] bond: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_review(who, product, commitment, bond)
		}

		/// Reveal your committed review of `product` during the reveal phase.
		///
		/// Emits [`Event::ReviewRevealed`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reveal_review(scores.len() as u32))]
		pub fn reveal_review(
			origin: OriginFor<T>,
			product: ProductId,
			scores: ScoresOf<T>,
			salt: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_review(who, product, scores, salt)
		}

		/// Finalize `product`'s open round once its reveal phase is over (anyone may).
		///
		/// Emits [`Event::RoundFinalized`], [`Event::ProductScored`] (if anyone revealed) and
		/// [`Event::ExpertsPaid`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::finalize_round(
			T::MaxReviewersPerRound::get(),
			T::MaxCriteria::get(),
		))]
		pub fn finalize_round(
			origin: OriginFor<T>,
			product: ProductId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let (reviewers, criteria) = Self::do_finalize_round(product)?;
			Ok(Some(T::WeightInfo::finalize_round(reviewers, criteria)).into())
		}

		/// Pay out a finalized round whose appeal period is over, or whose appeal lapsed
		/// (anyone may): bonds are returned or forfeited, reviewers are paid their shares,
		/// reputations updated.
		///
		/// Emits [`Event::ReviewerRewarded`], [`Event::BondReturned`], [`Event::BondSlashed`],
		/// [`Event::ReputationChanged`] and [`Event::RoundClosed`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::claim_round_rewards(T::MaxReviewersPerRound::get()))]
		pub fn claim_round_rewards(
			origin: OriginFor<T>,
			product: ProductId,
			round: RoundIndex,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let reviewers = Self::do_claim_round_rewards(product, round)?;
			Ok(Some(T::WeightInfo::claim_round_rewards(reviewers)).into())
		}

		/// Appeal a finalized round within its appeal period, holding [`Config::AppealBond`].
		/// Only the product's merchant or a reviewer who revealed in the round may.
		///
		/// Emits [`Event::Appealed`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(
			origin: OriginFor<T>,
			product: ProductId,
			round: RoundIndex,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_appeal(who, product, round)
		}

		/// Reject an appeal: the round stands, the appeal bond goes to the treasury, and the
		/// round is paid out.
		///
		/// Emits [`Event::RoundUpheld`] and the payout events.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::uphold(T::MaxReviewersPerRound::get()))]
		pub fn uphold(
			origin: OriginFor<T>,
			product: ProductId,
			round: RoundIndex,
		) -> DispatchResultWithPostInfo {
			T::ArbitrationOrigin::ensure_origin(origin)?;
			let reviewers = Self::do_uphold(product, round)?;
			Ok(Some(T::WeightInfo::uphold(reviewers)).into())
		}

		/// Accept an appeal: `corrected_scores` replace the round's consensus (and the
		/// product's published score), winners are recomputed, the appeal bond is returned,
		/// and the round is paid out.
		///
		/// Emits [`Event::RoundOverturned`], [`Event::ProductScored`] and the payout events.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::overturn(
			T::MaxReviewersPerRound::get(),
			corrected_scores.len() as u32,
		))]
		pub fn overturn(
			origin: OriginFor<T>,
			product: ProductId,
			round: RoundIndex,
			corrected_scores: ScoresOf<T>,
		) -> DispatchResultWithPostInfo {
			T::ArbitrationOrigin::ensure_origin(origin)?;
			let criteria = corrected_scores.len() as u32;
			let reviewers = Self::do_overturn(product, round, corrected_scores)?;
			Ok(Some(T::WeightInfo::overturn(reviewers, criteria)).into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account keeping the pools.
		pub fn account_id() -> T::AccountId {
			use sp_runtime::traits::AccountIdConversion;
			T::PalletId::get().into_account_truncating()
		}

		/// Round `index` of `product`: a finalized one from [`Rounds`], the open one from the
		/// product's state.
		pub fn round(product: ProductId, index: RoundIndex) -> Option<Round<T>> {
			Rounds::<T>::get(product, index).or_else(|| {
				ProductStates::<T>::get(product)
					.and_then(|state| state.open_round)
					.and_then(|(open, round)| (open == index).then_some(round))
			})
		}

		/// `who`'s reputation (`0..=1000`, [`INITIAL_REPUTATION`] without history).
		pub fn reputation(who: &T::AccountId) -> u32 {
			Reputations::<T>::get(who).unwrap_or(INITIAL_REPUTATION)
		}

		/// Holds `amount` DSG of `who` for `reason`. Bonds may be forfeited, so they take only
		/// unfrozen DSG. Errors: `FundsFrozen`, `InsufficientBalance`.
		pub(crate) fn hold(
			reason: HoldReason,
			who: &T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			use frame_support::traits::fungible::Inspect;
			if matches!(reason, HoldReason::ReviewBond | HoldReason::AppealBond)
				&& amount > T::FreeBalance::committable(who)
			{
				return Err(if amount < T::Currency::balance(who) {
					Error::<T>::FundsFrozen
				} else {
					Error::<T>::InsufficientBalance
				}
				.into());
			}
			T::Currency::hold(&reason.into(), who, amount)
				.map_err(|_| Error::<T>::InsufficientBalance.into())
		}

		/// Releases up to `amount` DSG of `who` held for `reason`; returns what was released.
		pub(crate) fn release(
			reason: HoldReason,
			who: &T::AccountId,
			amount: BalanceOf<T>,
		) -> BalanceOf<T> {
			T::Currency::release(&reason.into(), who, amount, Precision::BestEffort)
				.unwrap_or_default()
		}
	}
}
