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

#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Fees and periods of the order flow (pallet-orders).
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod commerce {
		/// Lowest experience fee a product may set.
		#[codec(index = 0)]
		pub static MinExperienceFee: Perbill = Perbill::from_percent(5);
		/// Highest experience fee a product may set.
		#[codec(index = 1)]
		pub static MaxExperienceFee: Perbill = Perbill::from_percent(30);
		/// Experience fee of a product that does not choose one (seed: 15% on average).
		#[codec(index = 2)]
		pub static DefaultExperienceFee: Perbill = Perbill::from_percent(15);
		/// Community fee for the global dividend pool (seed: six thousandths).
		#[codec(index = 3)]
		pub static CommunityFee: Perbill = Perbill::from_parts(6_000_000);
		/// Of the experience fee: the experts' share (seed: 10%).
		#[codec(index = 4)]
		pub static ExpertsShare: Perbill = Perbill::from_percent(10);
		/// Of the experience fee: the winning reviewers' share (seed: 50%).
		#[codec(index = 5)]
		pub static ReviewersShare: Perbill = Perbill::from_percent(50);
		/// Of the platform revenue after commissions: the dividend pool's share.
		#[codec(index = 6)]
		pub static DividendShare: Perbill = Perbill::from_percent(50);
		/// Discount on prices paid in DSG.
		#[codec(index = 7)]
		pub static DsgPaymentDiscount: Perbill = Perbill::from_percent(5);
		/// Highest total DSG discount (platform plus tier).
		#[codec(index = 8)]
		pub static MaxDsgDiscount: Perbill = Perbill::from_percent(20);
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
		pub static InitialRate: FixedU128 = FixedU128::from_u32(1);
		/// Settled volume (USD units) between halvings.
		#[codec(index = 1)]
		pub static HalvingVolume: Balance = 10_000_000 * USD;
		/// Most DSG ever mined.
		#[codec(index = 2)]
		pub static MiningCap: Balance = 400_000_000 * DSG;
		/// Most DSG one account may mine per epoch.
		#[codec(index = 3)]
		pub static EpochAccountCap: Balance = 100_000 * DSG;
		/// A reward's USD value is at most this share of the fees its order paid (< 100%).
		#[codec(index = 4)]
		pub static MaxRewardToFeeRatio: Perbill = Perbill::from_percent(50);
		/// Blocks over which mined DSG vests; zero pays liquid DSG.
		#[codec(index = 5)]
		pub static VestingPeriod: BlockNumber = 0;
	}

	/// Promoter commissions (pallet-referrals).
	#[dynamic_pallet_params]
	#[codec(index = 3)]
	pub mod referrals {
		/// The direct referrer's share of an order's platform revenue.
		#[codec(index = 0)]
		pub static DirectRate: Perbill = Perbill::from_percent(20);
		/// The referrer's referrer's share.
		#[codec(index = 1)]
		pub static IndirectRate: Perbill = Perbill::from_percent(10);
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
		/// Share of an outlier's bond that is slashed into the pool.
		#[codec(index = 4)]
		pub static OutlierSlash: Perbill = Perbill::from_percent(50);
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
		/// Blocks per session: validator-set changes take effect at session boundaries.
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
/// below 100%, fee splits never exceed the whole, discounts and fee bounds stay ordered. The
/// runtime's call filter refuses a governance `set_parameter` that breaks them (root is trusted;
/// the pallets clamp again at use).
pub fn parameter_within_bounds(parameter: &RuntimeParameters) -> bool {
	use frame_support::traits::Get;
	let whole = Perbill::one();
	match parameter {
		RuntimeParameters::Mining(mining::Parameters::MaxRewardToFeeRatio(_, Some(ratio))) => {
			*ratio < whole
		},
		RuntimeParameters::Commerce(p) => match p {
			commerce::Parameters::MinExperienceFee(_, Some(min)) => {
				*min <= commerce::MaxExperienceFee::get()
			},
			commerce::Parameters::MaxExperienceFee(_, Some(max)) => {
				*max >= commerce::MinExperienceFee::get() && *max <= Perbill::from_percent(50)
			},
			commerce::Parameters::DefaultExperienceFee(_, Some(fee)) => {
				*fee >= commerce::MinExperienceFee::get()
					&& *fee <= commerce::MaxExperienceFee::get()
			},
			commerce::Parameters::CommunityFee(_, Some(fee)) => *fee <= Perbill::from_percent(10),
			commerce::Parameters::ExpertsShare(_, Some(share)) => {
				share.deconstruct().saturating_add(commerce::ReviewersShare::get().deconstruct())
					<= whole.deconstruct()
			},
			commerce::Parameters::ReviewersShare(_, Some(share)) => {
				share.deconstruct().saturating_add(commerce::ExpertsShare::get().deconstruct())
					<= whole.deconstruct()
			},
			commerce::Parameters::DsgPaymentDiscount(_, Some(discount)) => {
				*discount <= commerce::MaxDsgDiscount::get()
			},
			commerce::Parameters::MaxDsgDiscount(_, Some(max)) => {
				*max >= commerce::DsgPaymentDiscount::get() && *max <= Perbill::from_percent(50)
			},
			_ => true,
		},
		RuntimeParameters::Referrals(p) => match p {
			referrals::Parameters::DirectRate(_, Some(rate)) => {
				rate.deconstruct().saturating_add(referrals::IndirectRate::get().deconstruct())
					<= whole.deconstruct()
			},
			referrals::Parameters::IndirectRate(_, Some(rate)) => {
				rate.deconstruct().saturating_add(referrals::DirectRate::get().deconstruct())
					<= whole.deconstruct()
			},
			_ => true,
		},
		_ => true,
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
