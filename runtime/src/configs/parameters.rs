//! Every rate and period governance may change, as pallet-parameters dynamic parameters.
//!
//! The values below are the production defaults; a network's genesis preset may start with
//! others (the development chain's short periods) through [`crate::genesis_parameters`].
//! Each pallet reads them through `Get` types, so a change applies from the next block on.

use frame_support::dynamic_params::{dynamic_pallet_params, dynamic_params};
use sp_runtime::{FixedU128, Perbill};

use crate::{
	units::{DAYS, DSG, HOURS, USD},
	Balance, BlockNumber, Runtime,
};

/// The production defaults, named so the bounds check can see what resetting a parameter
/// (setting it to `None`) brings back.
pub mod defaults {
	use super::*;

	pub const MIN_EXPERIENCE_FEE: Perbill = Perbill::from_percent(5);
	pub const MAX_EXPERIENCE_FEE: Perbill = Perbill::from_percent(30);
	pub const DEFAULT_EXPERIENCE_FEE: Perbill = Perbill::from_percent(15);
	pub const COMMUNITY_FEE: Perbill = Perbill::from_parts(6_000_000);
	pub const EXPERTS_SHARE: Perbill = Perbill::from_percent(10);
	pub const REVIEWERS_SHARE: Perbill = Perbill::from_percent(50);
	pub const DIVIDEND_SHARE: Perbill = Perbill::from_percent(50);
	pub const DSG_PAYMENT_DISCOUNT: Perbill = Perbill::from_percent(5);
	pub const MAX_DSG_DISCOUNT: Perbill = Perbill::from_percent(20);
	pub const MIN_ORDER_VALUE: Balance = USD;
	pub const INITIAL_RATE: FixedU128 = FixedU128::from_rational(1, 10);
	pub const HALVING_VOLUME: Balance = 1_000_000_000 * USD;
	pub const MINING_CAP: Balance = 400_000_000 * DSG;
	pub const PERIOD_ACCOUNT_CAP: Balance = 100_000 * DSG;
	pub const MAX_REWARD_TO_TREASURY_RATIO: Perbill = Perbill::from_percent(80);
	pub const DIRECT_RATE: Perbill = Perbill::from_percent(20);
	pub const INDIRECT_RATE: Perbill = Perbill::from_percent(10);
}

/// The widest values governance may give, whatever the others are.
pub mod limits {
	use super::*;

	/// The longest any period may be.
	pub const MAX_PERIOD: BlockNumber = 365 * DAYS;
	/// The highest experience fee and the highest total DSG discount.
	pub const MAX_FEE_RATE: Perbill = Perbill::from_percent(50);
	/// The highest community fee.
	pub const MAX_COMMUNITY_FEE: Perbill = Perbill::from_percent(10);
	/// The smallest and the largest minimum order value (USD units).
	pub const MIN_ORDER_VALUE_RANGE: (Balance, Balance) = (USD / 100, 10_000 * USD);
	/// The most DSG mining may ever mint (the mining pallet's `MaxMiningCap`).
	pub const MAX_MINING_CAP: Balance = 1_000_000_000 * DSG;
	/// The highest mining rate, DSG per USD.
	pub const MAX_INITIAL_RATE: FixedU128 = FixedU128::from_u32(1_000);
	/// The shortest session: pallet-session divides by it.
	pub const MIN_SESSION_PERIOD: BlockNumber = 10;
	/// The most reviewers a round's quorum may ask for (the reviews pallet's
	/// `MaxReviewersPerRound`).
	pub const MAX_MIN_REVEALERS: u32 = 100;
	/// The highest instant-withdrawal fee of the dividend pool.
	pub const MAX_TURBO_FEE: Perbill = Perbill::from_percent(50);
}

#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Fees and periods of the order flow (pallet-orders).
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod commerce {
		/// Lowest experience fee a product may set.
		#[codec(index = 0)]
		pub static MinExperienceFee: Perbill = defaults::MIN_EXPERIENCE_FEE;
		/// Highest experience fee a product may set.
		#[codec(index = 1)]
		pub static MaxExperienceFee: Perbill = defaults::MAX_EXPERIENCE_FEE;
		/// Experience fee of a product that does not choose one (seed: 15% on average).
		#[codec(index = 2)]
		pub static DefaultExperienceFee: Perbill = defaults::DEFAULT_EXPERIENCE_FEE;
		/// Community fee for the global dividend pool (seed: six thousandths).
		#[codec(index = 3)]
		pub static CommunityFee: Perbill = defaults::COMMUNITY_FEE;
		/// Of the experience fee: the experts' share (seed: 10%).
		#[codec(index = 4)]
		pub static ExpertsShare: Perbill = defaults::EXPERTS_SHARE;
		/// Of the experience fee: the reviewers' share (seed: 50%).
		#[codec(index = 5)]
		pub static ReviewersShare: Perbill = defaults::REVIEWERS_SHARE;
		/// Of the platform revenue after commissions: the dividend pool's share.
		#[codec(index = 6)]
		pub static DividendShare: Perbill = defaults::DIVIDEND_SHARE;
		/// Discount on prices paid in DSG.
		#[codec(index = 7)]
		pub static DsgPaymentDiscount: Perbill = defaults::DSG_PAYMENT_DISCOUNT;
		/// Highest total DSG discount (platform plus tier).
		#[codec(index = 8)]
		pub static MaxDsgDiscount: Perbill = defaults::MAX_DSG_DISCOUNT;
		/// Blocks a merchant has to ship.
		#[codec(index = 9)]
		pub static ShipDeadline: BlockNumber = 7 * DAYS;
		/// Blocks after shipping before anyone may confirm receipt.
		#[codec(index = 10)]
		pub static AutoConfirmPeriod: BlockNumber = 14 * DAYS;
		/// The after-sales window after receipt.
		#[codec(index = 11)]
		pub static AfterSalesPeriod: BlockNumber = 7 * DAYS;
		/// Blocks a merchant has to answer a refund request.
		#[codec(index = 12)]
		pub static RefundResponsePeriod: BlockNumber = 3 * DAYS;
		/// Blocks a buyer has to dispute a rejected refund.
		#[codec(index = 13)]
		pub static DisputeWindow: BlockNumber = 3 * DAYS;
		/// Blocks the arbitration track has to rule a dispute before the default ruling.
		#[codec(index = 14)]
		pub static ArbitrationPeriod: BlockNumber = 14 * DAYS;
		/// The smallest order, in USD units (6 decimals).
		#[codec(index = 15)]
		pub static MinOrderValue: Balance = defaults::MIN_ORDER_VALUE;
	}

	/// The DSG/USD price used for DSG payments and reward valuation.
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod oracle {
		/// USD per DSG; zero means "no price" (DSG payments and mining pause).
		#[codec(index = 0)]
		pub static DsgUsdPrice: FixedU128 = FixedU128::from_rational(1, 10);
	}

	/// Consumption mining (pallet-mining).
	#[dynamic_pallet_params]
	#[codec(index = 2)]
	pub mod mining {
		/// DSG mined per USD of settled sales before any halving.
		#[codec(index = 0)]
		pub static InitialRate: FixedU128 = defaults::INITIAL_RATE;
		/// Settled volume (USD units) between halvings.
		#[codec(index = 1)]
		pub static HalvingVolume: Balance = defaults::HALVING_VOLUME;
		/// Most DSG ever mined.
		#[codec(index = 2)]
		pub static MiningCap: Balance = defaults::MINING_CAP;
		/// Most DSG one account may mine per cap period (`MiningCapPeriod` blocks).
		#[codec(index = 3)]
		pub static PeriodAccountCap: Balance = defaults::PERIOD_ACCOUNT_CAP;
		/// A reward's USD value is at most this share of its order's treasury part (< 100%).
		#[codec(index = 4)]
		pub static MaxRewardToTreasuryRatio: Perbill = defaults::MAX_REWARD_TO_TREASURY_RATIO;
		/// Blocks over which mined DSG vests; zero pays liquid DSG.
		#[codec(index = 5)]
		pub static VestingPeriod: BlockNumber = 0;
	}

	/// Promoter commissions (pallet-referrals).
	#[dynamic_pallet_params]
	#[codec(index = 3)]
	pub mod referrals {
		/// The direct promoter's share of an order's platform revenue.
		#[codec(index = 0)]
		pub static DirectRate: Perbill = defaults::DIRECT_RATE;
		/// The direct promoter's own promoter's share.
		#[codec(index = 1)]
		pub static IndirectRate: Perbill = defaults::INDIRECT_RATE;
	}

	/// DSG staking (pallet-membership).
	#[dynamic_pallet_params]
	#[codec(index = 4)]
	pub mod membership {
		/// Blocks unstaked DSG stays held before it can be withdrawn.
		#[codec(index = 0)]
		pub static UnbondingPeriod: BlockNumber = 7 * DAYS;
	}

	/// Review rounds (pallet-reviews).
	#[dynamic_pallet_params]
	#[codec(index = 5)]
	pub mod reviews {
		/// Length of a round's commit phase.
		#[codec(index = 0)]
		pub static CommitPhase: BlockNumber = 3 * DAYS;
		/// Length of a round's reveal phase.
		#[codec(index = 1)]
		pub static RevealPhase: BlockNumber = DAYS;
		/// Blocks after finalization during which a round can be appealed.
		#[codec(index = 2)]
		pub static AppealPeriod: BlockNumber = 3 * DAYS;
		/// Score points from consensus beyond which a reviewer is an outlier.
		#[codec(index = 3)]
		pub static OutlierTolerance: u8 = 20;
		/// Share of an outlier's bond that is forfeited to the treasury.
		#[codec(index = 4)]
		pub static OutlierSlash: Perbill = Perbill::from_percent(50);
		/// Blocks the arbitration track has to rule an appeal before it lapses.
		#[codec(index = 5)]
		pub static AppealRulingPeriod: BlockNumber = 7 * DAYS;
		/// The fewest reveals that make a consensus (and a published score).
		#[codec(index = 6)]
		pub static MinRevealers: u32 = 3;
	}

	/// The global dividend pool (pallet-dividends).
	#[dynamic_pallet_params]
	#[codec(index = 6)]
	pub mod dividends {
		/// Fee of an instant (turbo) withdrawal, returned to the pool.
		#[codec(index = 0)]
		pub static TurboFee: Perbill = Perbill::from_percent(2);
		/// Blocks a standard claim waits before it can be withdrawn.
		#[codec(index = 1)]
		pub static StandardWithdrawDelay: BlockNumber = 7 * DAYS;
		/// Blocks a staked RWA-NFT stays before it can be unstaked.
		#[codec(index = 2)]
		pub static MinRwaStakePeriod: BlockNumber = 30 * DAYS;
		/// Length of a dividend epoch (new shares earn from the next one).
		#[codec(index = 3)]
		pub static EpochLength: BlockNumber = 24 * HOURS;
		/// Dividend shares per DSG planck of an elite member's stake; RWA-NFTs weigh their
		/// sale in USD units, so 1/10^7 makes one staked DSG weigh like 0.10 USD of purchases.
		#[codec(index = 4)]
		pub static StakeShareWeight: FixedU128 = FixedU128::from_rational(1, 10_000_000);
	}

	/// Governance itself (only root may change these).
	#[dynamic_pallet_params]
	#[codec(index = 7)]
	pub mod governance {
		/// Development networks: referendum tracks run in blocks instead of days.
		#[codec(index = 0)]
		pub static FastTracks: bool = false;
		/// Blocks per session: validator-set changes take effect at session boundaries. Root
		/// bypasses every call filter, so the runtime reads it through [`super::SessionPeriod`],
		/// which never goes below `limits::MIN_SESSION_PERIOD`.
		#[codec(index = 1)]
		pub static SessionPeriod: BlockNumber = HOURS;
	}
}

pub use dynamic_params::*;

/// pallet-parameters' benchmarks need some parameter to write.
#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Oracle(oracle::Parameters::DsgUsdPrice(oracle::DsgUsdPrice, None))
	}
}

/// Whether setting `parameter` keeps the rates coherent: the anti-wash-trading bound stays
/// below 100%, fee splits never exceed the whole, discounts and fee bounds stay ordered,
/// periods stay between one block and a year, and the mining cap is bounded. A reset (`None`)
/// is checked as the default it brings back. The runtime's call filter refuses a governance
/// `set_parameter` that breaks them; root bypasses every filter in FRAME, so the pallets clamp
/// again at use where a value could halt or break them.
pub fn parameter_within_bounds(parameter: &RuntimeParameters) -> bool {
	use frame_support::traits::Get;
	fn value<V: Copy>(new: &Option<V>, default: V) -> V {
		new.unwrap_or(default)
	}
	fn period(blocks: BlockNumber) -> bool {
		(1..=limits::MAX_PERIOD).contains(&blocks)
	}
	fn at_most_whole(a: Perbill, b: Perbill) -> bool {
		a.deconstruct().saturating_add(b.deconstruct()) <= Perbill::one().deconstruct()
	}
	match parameter {
		RuntimeParameters::Commerce(p) => match p {
			commerce::Parameters::MinExperienceFee(_, new) => {
				let min = value(new, defaults::MIN_EXPERIENCE_FEE);
				min <= commerce::MaxExperienceFee::get()
					&& min <= commerce::DefaultExperienceFee::get()
			},
			commerce::Parameters::MaxExperienceFee(_, new) => {
				let max = value(new, defaults::MAX_EXPERIENCE_FEE);
				max >= commerce::MinExperienceFee::get()
					&& max >= commerce::DefaultExperienceFee::get()
					&& max <= limits::MAX_FEE_RATE
			},
			commerce::Parameters::DefaultExperienceFee(_, new) => {
				let fee = value(new, defaults::DEFAULT_EXPERIENCE_FEE);
				fee >= commerce::MinExperienceFee::get() && fee <= commerce::MaxExperienceFee::get()
			},
			commerce::Parameters::CommunityFee(_, new) => {
				value(new, defaults::COMMUNITY_FEE) <= limits::MAX_COMMUNITY_FEE
			},
			commerce::Parameters::ExpertsShare(_, new) => {
				at_most_whole(value(new, defaults::EXPERTS_SHARE), commerce::ReviewersShare::get())
			},
			commerce::Parameters::ReviewersShare(_, new) => {
				at_most_whole(value(new, defaults::REVIEWERS_SHARE), commerce::ExpertsShare::get())
			},
			commerce::Parameters::DividendShare(..) => true,
			commerce::Parameters::DsgPaymentDiscount(_, new) => {
				value(new, defaults::DSG_PAYMENT_DISCOUNT) <= commerce::MaxDsgDiscount::get()
			},
			commerce::Parameters::MaxDsgDiscount(_, new) => {
				let max = value(new, defaults::MAX_DSG_DISCOUNT);
				max >= commerce::DsgPaymentDiscount::get() && max <= limits::MAX_FEE_RATE
			},
			commerce::Parameters::MinOrderValue(_, new) => {
				let (low, high) = limits::MIN_ORDER_VALUE_RANGE;
				(low..=high).contains(&value(new, defaults::MIN_ORDER_VALUE))
			},
			commerce::Parameters::ShipDeadline(_, new)
			| commerce::Parameters::AutoConfirmPeriod(_, new)
			| commerce::Parameters::AfterSalesPeriod(_, new)
			| commerce::Parameters::RefundResponsePeriod(_, new)
			| commerce::Parameters::DisputeWindow(_, new)
			| commerce::Parameters::ArbitrationPeriod(_, new) => new.map_or(true, period),
		},
		RuntimeParameters::Oracle(_) => true,
		RuntimeParameters::Mining(p) => match p {
			mining::Parameters::MaxRewardToTreasuryRatio(_, new) => {
				value(new, defaults::MAX_REWARD_TO_TREASURY_RATIO) < Perbill::one()
			},
			mining::Parameters::MiningCap(_, new) => {
				let cap = value(new, defaults::MINING_CAP);
				cap <= limits::MAX_MINING_CAP
					&& cap >= pallet_mining::Pallet::<Runtime>::total_mined()
			},
			mining::Parameters::InitialRate(_, new) => {
				value(new, defaults::INITIAL_RATE) <= limits::MAX_INITIAL_RATE
			},
			mining::Parameters::HalvingVolume(_, new) => {
				value(new, defaults::HALVING_VOLUME) >= USD
			},
			mining::Parameters::PeriodAccountCap(..) => true,
			mining::Parameters::VestingPeriod(_, new) => {
				new.map_or(true, |blocks| blocks <= limits::MAX_PERIOD)
			},
		},
		RuntimeParameters::Referrals(p) => match p {
			referrals::Parameters::DirectRate(_, new) => {
				at_most_whole(value(new, defaults::DIRECT_RATE), referrals::IndirectRate::get())
			},
			referrals::Parameters::IndirectRate(_, new) => {
				at_most_whole(value(new, defaults::INDIRECT_RATE), referrals::DirectRate::get())
			},
		},
		RuntimeParameters::Membership(membership::Parameters::UnbondingPeriod(_, new)) => {
			new.map_or(true, period)
		},
		RuntimeParameters::Reviews(p) => match p {
			reviews::Parameters::CommitPhase(_, new)
			| reviews::Parameters::RevealPhase(_, new)
			| reviews::Parameters::AppealPeriod(_, new)
			| reviews::Parameters::AppealRulingPeriod(_, new) => new.map_or(true, period),
			reviews::Parameters::OutlierTolerance(_, new) => {
				new.map_or(true, |points| points <= 100)
			},
			reviews::Parameters::OutlierSlash(..) => true,
			reviews::Parameters::MinRevealers(_, new) => {
				new.map_or(true, |n| (1..=limits::MAX_MIN_REVEALERS).contains(&n))
			},
		},
		RuntimeParameters::Dividends(p) => match p {
			dividends::Parameters::TurboFee(_, new) => {
				new.map_or(true, |fee| fee <= limits::MAX_TURBO_FEE)
			},
			dividends::Parameters::StandardWithdrawDelay(_, new)
			| dividends::Parameters::MinRwaStakePeriod(_, new) => {
				new.map_or(true, |blocks| blocks <= limits::MAX_PERIOD)
			},
			dividends::Parameters::EpochLength(_, new) => new.map_or(true, period),
			dividends::Parameters::StakeShareWeight(..) => true,
		},
		RuntimeParameters::Governance(p) => match p {
			governance::Parameters::FastTracks(..) => true,
			governance::Parameters::SessionPeriod(_, new) => new.map_or(true, |blocks| {
				(limits::MIN_SESSION_PERIOD..=limits::MAX_PERIOD).contains(&blocks)
			}),
		},
	}
}

/// The session length pallet-session uses: `governance::SessionPeriod`, never below
/// `limits::MIN_SESSION_PERIOD` (a zero period would divide by zero and halt the chain; root,
/// which may set governance's own parameters, is not stopped by the call filter).
pub struct SessionPeriod;
impl frame_support::traits::Get<BlockNumber> for SessionPeriod {
	fn get() -> BlockNumber {
		<governance::SessionPeriod as frame_support::traits::Get<BlockNumber>>::get()
			.max(limits::MIN_SESSION_PERIOD)
	}
}

/// The DSG/USD price is the `oracle::DsgUsdPrice` parameter until a pallet-asset-conversion
/// pool's time-weighted price replaces it.
pub struct ParameterPriceOracle;
impl despend_primitives::PriceOracle for ParameterPriceOracle {
	fn dsg_usd_price() -> Option<FixedU128> {
		use frame_support::traits::Get;
		use sp_runtime::traits::Zero;
		let price = oracle::DsgUsdPrice::get();
		(!price.is_zero()).then_some(price)
	}
}
