//! DeSpend's own pallets: orders (the hub), membership, mining, referrals, reviews, RWA-NFTs
//! and the dividend pool, wired to each other through the traits of `despend-primitives`, and
//! pallet-vesting for vested mining rewards.

use frame_support::{
	parameter_types,
	traits::{ConstU32, EitherOf, Get, WithdrawReasons},
	PalletId,
};
use frame_system::EnsureRoot;

use crate::governance::{Arbitrator, CategoryLauncher, ParameterSetter};
use sp_runtime::traits::{AccountIdConversion, ConvertInto};
use sp_runtime::Perbill;

use super::assets::{
	payment_assets, AssetKind, Native, NativeAndAssets, PaymentAssets, StablecoinAssets,
};
use super::parameters::{
	commerce, dividends as dividend_params, membership as membership_params,
	mining as mining_params, referrals as referral_params, reviews as review_params,
	ParameterPriceOracle,
};
use crate::{
	units::{DAYS, DSG, MILLI_DSG},
	AccountId, Balance, Balances, BlockNumber, Dividends, Membership, Mining, Nfts, Referrals,
	Reviews, Runtime, RuntimeEvent, RuntimeHoldReason, Rwa, System,
};

/// The treasury's account (pallet-treasury's `PalletId`).
pub const TREASURY_PALLET_ID: PalletId = PalletId(*b"py/trsry");
/// The review pallet's account: review pools and expert shares.
pub const REVIEWS_PALLET_ID: PalletId = PalletId(*b"dsp/revw");
/// The dividend pool's account.
pub const DIVIDENDS_PALLET_ID: PalletId = PalletId(*b"dsp/divs");
/// The RWA pallet's account: owner of the RWA-NFT collection.
pub const RWA_PALLET_ID: PalletId = PalletId(*b"dsp/rwa_");
/// The order pallet's escrow account: keeps every open order's payment.
pub const ESCROW_PALLET_ID: PalletId = PalletId(*b"dsp/escr");

parameter_types! {
	/// pallet-treasury's account, as the treasury derives it.
	pub TreasuryAccount: AccountId = crate::Treasury::account_id();
	pub const ReviewsPalletId: PalletId = REVIEWS_PALLET_ID;
	pub const DividendsPalletId: PalletId = DIVIDENDS_PALLET_ID;
	pub const RwaPalletId: PalletId = RWA_PALLET_ID;
	/// The escrow account of open orders' payments.
	pub EscrowAccount: AccountId = ESCROW_PALLET_ID.into_account_truncating();
}

/// The review pallet's account (review pools and expert shares), as that pallet hands it out.
pub type ReviewPoolAccount = pallet_reviews::PalletAccount<Runtime>;
/// The dividend pool's account, as the dividends pallet hands it out.
pub type DividendPoolAccount = pallet_dividends::PalletAccount<Runtime>;
/// The RWA pallet's account (owner of the RWA-NFT collection), as that pallet hands it out.
pub type RwaAccount = pallet_rwa::PalletAccount<Runtime>;

/// The accounts every pallet pays into, funded at genesis so they can receive any amount of
/// any payment asset.
pub fn pool_accounts() -> [AccountId; 4] {
	[
		TreasuryAccount::get(),
		ReviewPoolAccount::get(),
		DividendPoolAccount::get(),
		RwaAccount::get(),
	]
}

parameter_types! {
	pub const MerchantDeposit: Balance = 100 * DSG;
	pub const ProductDeposit: Balance = 10 * DSG;
	pub const DisputeDeposit: Balance = 50 * DSG;
}

/// DSG an account may commit to a hold that can be paid away (escrow, bonds, dispute
/// deposits): its free balance less the frozen part (vesting, conviction votes) that is not
/// already backed by its membership stake (a hold that never leaves the account), less the
/// existential deposit.
pub struct UnfrozenDsg;
impl despend_primitives::FreeBalance<AccountId, Balance> for UnfrozenDsg {
	fn committable(who: &AccountId) -> Balance {
		use frame_support::traits::fungible::InspectHold;
		let account = System::account(who).data;
		let staked = <Balances as InspectHold<AccountId>>::balance_on_hold(
			&RuntimeHoldReason::Membership(pallet_membership::HoldReason::Staked),
			who,
		);
		let uncovered = account.frozen.saturating_sub(staked);
		account.free.saturating_sub(uncovered).saturating_sub(crate::units::EXISTENTIAL_DEPOSIT)
	}
}

impl pallet_orders::Config for Runtime {
	type Currency = Balances;
	type Assets = NativeAndAssets;
	type AssetKind = AssetKind;
	type NativeAsset = Native;
	type PaymentAssets = PaymentAssets;
	type RuntimeHoldReason = RuntimeHoldReason;
	type FreeBalance = UnfrozenDsg;
	type PriceOracle = ParameterPriceOracle;
	type Members = Membership;
	type QualityStandards = Reviews;
	type Commissions = Referrals;
	type OnOrderSettled = (Mining, Rwa, Dividends, Reviews);
	type CategoryOrigin = EitherOf<EnsureRoot<AccountId>, CategoryLauncher>;
	type MerchantAdminOrigin = EitherOf<EnsureRoot<AccountId>, CategoryLauncher>;
	type ArbitrationOrigin = EitherOf<EnsureRoot<AccountId>, Arbitrator>;
	type ReviewPool = ReviewPoolAccount;
	type DividendPool = DividendPoolAccount;
	type TreasuryAccount = TreasuryAccount;
	type EscrowAccount = EscrowAccount;
	type MerchantDeposit = MerchantDeposit;
	type ProductDeposit = ProductDeposit;
	type DisputeDeposit = DisputeDeposit;
	type MinExperienceFee = commerce::MinExperienceFee;
	type MaxExperienceFee = commerce::MaxExperienceFee;
	type DefaultExperienceFee = commerce::DefaultExperienceFee;
	type CommunityFee = commerce::CommunityFee;
	type ExpertsShare = commerce::ExpertsShare;
	type ReviewersShare = commerce::ReviewersShare;
	type DividendShare = commerce::DividendShare;
	type DsgPaymentDiscount = commerce::DsgPaymentDiscount;
	type MaxDsgDiscount = commerce::MaxDsgDiscount;
	type ShipDeadline = commerce::ShipDeadline;
	type AutoConfirmPeriod = commerce::AutoConfirmPeriod;
	type AfterSalesPeriod = commerce::AfterSalesPeriod;
	type RefundResponsePeriod = commerce::RefundResponsePeriod;
	type DisputeWindow = commerce::DisputeWindow;
	type ArbitrationPeriod = commerce::ArbitrationPeriod;
	type MinOrderValue = commerce::MinOrderValue;
	type MaxQuantity = ConstU32<1_000>;
	type MaxCategoryNameLen = ConstU32<64>;
	type WeightInfo = pallet_orders::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
}

parameter_types! {
	pub const MinStake: Balance = 100 * DSG;
	pub const EliteTier: despend_primitives::Tier = 13;
}

impl pallet_membership::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinStake = MinStake;
	type UnbondingPeriod = membership_params::UnbondingPeriod;
	type MaxUnlockingChunks = ConstU32<32>;
	type EliteTier = EliteTier;
	type TierOrigin = EitherOf<EnsureRoot<AccountId>, ParameterSetter>;
	type OnStakeChanged = Dividends;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const MaxRewardToTreasuryRatioCeiling: Perbill = Perbill::from_percent(95);
	pub const MaxMiningCap: Balance = super::parameters::limits::MAX_MINING_CAP;
	pub const MiningCapPeriod: BlockNumber = DAYS;
}

impl pallet_mining::Config for Runtime {
	type Currency = Balances;
	type Vesting = pallet_vesting::Pallet<Runtime>;
	type AssetKind = AssetKind;
	type NativeAsset = Native;
	type Members = Membership;
	type PriceOracle = ParameterPriceOracle;
	type InitialRate = mining_params::InitialRate;
	type HalvingVolume = mining_params::HalvingVolume;
	type MaxHalvings = ConstU32<64>;
	type MiningCap = mining_params::MiningCap;
	type MaxMiningCap = MaxMiningCap;
	type CapPeriod = MiningCapPeriod;
	type PeriodAccountCap = mining_params::PeriodAccountCap;
	type MaxRewardToTreasuryRatio = mining_params::MaxRewardToTreasuryRatio;
	type MaxRewardToTreasuryRatioCeiling = MaxRewardToTreasuryRatioCeiling;
	type VestingPeriod = mining_params::VestingPeriod;
	type WeightInfo = pallet_mining::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
}

parameter_types! {
	pub const BindDeposit: Balance = DSG;
}

impl pallet_referrals::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BindDeposit = BindDeposit;
	type DirectRate = referral_params::DirectRate;
	type IndirectRate = referral_params::IndirectRate;
	type MaxAncestorCheck = ConstU32<32>;
	type WeightInfo = pallet_referrals::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const ExpertDeposit: Balance = 100 * DSG;
	pub const StandardDeposit: Balance = 20 * DSG;
	pub const MinReviewBond: Balance = DSG;
	pub const AppealBond: Balance = 50 * DSG;
}

impl pallet_reviews::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type Members = Membership;
	type FreeBalance = UnfrozenDsg;
	type ArbitrationOrigin = EitherOf<EnsureRoot<AccountId>, Arbitrator>;
	type PalletId = ReviewsPalletId;
	type TreasuryAccount = TreasuryAccount;
	type ExpertDeposit = ExpertDeposit;
	type StandardDeposit = StandardDeposit;
	type MinBond = MinReviewBond;
	type AppealBond = AppealBond;
	type CommitPhase = review_params::CommitPhase;
	type RevealPhase = review_params::RevealPhase;
	type AppealPeriod = review_params::AppealPeriod;
	type AppealRulingPeriod = review_params::AppealRulingPeriod;
	type MinRevealers = review_params::MinRevealers;
	type OutlierTolerance = review_params::OutlierTolerance;
	type OutlierSlash = review_params::OutlierSlash;
	type ReputationGain = ConstU32<50>;
	type ReputationLoss = ConstU32<100>;
	type MaxCriteria = ConstU32<16>;
	type MaxCriterionNameLen = ConstU32<64>;
	type MaxReviewersPerRound = ConstU32<{ super::parameters::limits::MAX_MIN_REVEALERS }>;
	type MaxPoolAssets = ConstU32<3>;
	type WeightInfo = pallet_reviews::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
}

parameter_types! {
	pub const MinVestedTransfer: Balance = 100 * MILLI_DSG;
	pub UnvestedFundsAllowedWithdrawReasons: WithdrawReasons =
		WithdrawReasons::except(WithdrawReasons::TRANSFER | WithdrawReasons::RESERVE);
}

impl pallet_vesting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type BlockNumberToBalance = ConvertInto;
	type MinVestedTransfer = MinVestedTransfer;
	type WeightInfo = pallet_vesting::weights::SubstrateWeight<Runtime>;
	type UnvestedFundsAllowedWithdrawReasons = UnvestedFundsAllowedWithdrawReasons;
	type BlockNumberProvider = System;
	// Mining adds a schedule per reward; 28 is pallet-vesting's usual bound.
	const MAX_VESTING_SCHEDULES: u32 = 28;
}

parameter_types! {
	pub RwaCollectionConfig: pallet_nfts::CollectionConfigFor<Runtime> = pallet_nfts::CollectionConfig {
		settings: pallet_nfts::CollectionSettings::all_enabled(),
		max_supply: None,
		mint_settings: pallet_nfts::MintSettings::default(),
	};
	pub RwaItemConfig: pallet_nfts::ItemConfig =
		pallet_nfts::ItemConfig { settings: pallet_nfts::ItemSettings::all_enabled() };
}

impl pallet_rwa::Config for Runtime {
	type Nfts = Nfts;
	type CollectionId = u32;
	type NftCollectionConfig = pallet_nfts::CollectionConfigFor<Runtime>;
	type NftItemConfig = pallet_nfts::ItemConfig;
	type CollectionConfig = RwaCollectionConfig;
	type ItemConfig = RwaItemConfig;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type ListingAssets = StablecoinAssets;
	type StakedItems = Dividends;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = RwaPalletId;
	type MaxTraceRecords = ConstU32<32>;
	type WeightInfo = pallet_rwa::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
}

parameter_types! {
	pub DividendPoolAssets: frame_support::BoundedVec<AssetKind, ConstU32<4>> =
		frame_support::BoundedVec::truncate_from(payment_assets().to_vec());
}

impl pallet_dividends::Config for Runtime {
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	// Only ever add assets here: income owed in a removed asset could not be claimed.
	type PoolAssets = DividendPoolAssets;
	type PalletId = DividendsPalletId;
	type Members = Membership;
	type Rwa = Rwa;
	type StakeShareWeight = dividend_params::StakeShareWeight;
	type EpochLength = dividend_params::EpochLength;
	type MinRwaStakePeriod = dividend_params::MinRwaStakePeriod;
	type StandardWithdrawDelay = dividend_params::StandardWithdrawDelay;
	type TurboFee = dividend_params::TurboFee;
	type MaxPendingWithdrawals = ConstU32<16>;
	type WeightInfo = pallet_dividends::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
}
