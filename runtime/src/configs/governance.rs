//! OpenGov (referenda, conviction voting with DSG, scheduler, preimages), the treasury, and
//! the governed validator set (pallet-session with our validator-set pallet).

use frame_support::{
	parameter_types,
	traits::{
		fungible::{HoldConsideration, NativeOrWithId},
		tokens::{pay::PayAssetFromAccount, ConversionFromAssetBalance},
		ConstU32, EitherOf, EqualPrivilegeOnly, LinearStoragePrice, TotalIssuanceOf,
	},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use sp_runtime::{
	traits::{ConvertInto, IdentityLookup, OpaqueKeys},
	Perbill, Permill, Rounding,
};

use super::{
	assets::{AssetKind, NativeAndAssets},
	commerce::{TreasuryAccount, TREASURY_PALLET_ID},
	parameters::ParameterPriceOracle,
	RuntimeBlockWeights,
};
use crate::{
	governance::{pallet_custom_origins, EnsureMemberTier, TracksInfo, TreasurySpender},
	opaque::SessionKeys,
	units::{deposit, DAYS, DSG},
	AccountId, Balance, Balances, BlockNumber, Membership, OriginCaller, Preimage, Referenda,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System,
	ValidatorSet,
};

parameter_types! {
	/// How long a vote's conviction lock lasts per conviction multiple.
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type VoteLockingPeriod = VoteLockingPeriod;
	type MaxVotes = ConstU32<512>;
	type MaxTurnout = TotalIssuanceOf<Balances, AccountId>;
	type Polls = Referenda;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	pub const AlarmInterval: BlockNumber = 1;
	pub const SubmissionDeposit: Balance = 100 * DSG;
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
	/// Only members of tier K3 and above (by DSG stake) may submit referenda.
	pub const MinProposerTier: despend_primitives::Tier = 3;
}

impl pallet_custom_origins::Config for Runtime {}

impl pallet_referenda::Config for Runtime {
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = EnsureMemberTier<AccountId, Membership, Balance, MinProposerTier>;
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Slash = ();
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub MaximumSchedulerWeight: Weight = Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeEvent = RuntimeEvent;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const PreimageBaseDeposit: Balance = deposit(2, 64);
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

/// Values a treasury spend in a stablecoin in DSG at the oracle price, so the treasurer track's
/// spend limit (in DSG) bounds stablecoin spends too.
pub struct OracleBalanceConverter;
impl ConversionFromAssetBalance<Balance, AssetKind, Balance> for OracleBalanceConverter {
	type Error = ();
	fn from_asset_balance(balance: Balance, asset: AssetKind) -> Result<Balance, ()> {
		use despend_primitives::PriceOracle;
		match asset {
			NativeOrWithId::Native => Ok(balance),
			NativeOrWithId::WithId(_) => {
				let price = ParameterPriceOracle::dsg_usd_price().ok_or(())?;
				despend_primitives::usd_to_dsg(balance, price, Rounding::Up).ok_or(())
			},
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: AssetKind) {}
}

parameter_types! {
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	pub const Burn: Permill = Permill::zero();
	pub const TreasuryPalletId: PalletId = TREASURY_PALLET_ID;
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	pub const MaxBalance: Balance = Balance::MAX;
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = EnsureRoot<AccountId>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = Burn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = EitherOf<EnsureRootWithSuccess<AccountId, MaxBalance>, TreasurySpender>;
	type AssetKind = AssetKind;
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayAssetFromAccount<NativeAndAssets, TreasuryAccount>;
	type BalanceConverter = OracleBalanceConverter;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const SessionOffset: BlockNumber = 0;
	/// DSG held while an account has session keys set.
	pub const SessionKeyDeposit: Balance = DSG;
}

/// Sessions of `governance::SessionPeriod` blocks.
pub type Sessions =
	pallet_session::PeriodicSessions<super::parameters::SessionPeriod, SessionOffset>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	// pallet-validator-set rotates at the benchmarked cost of a rotation; pallet-session would
	// report the whole block as used.
	type ShouldEndSession = pallet_validator_set::NeverEndSession;
	type NextSessionRotation = Sessions;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_validator_set::Config for Runtime {
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxValidators = ConstU32<100>;
	type MinValidators = ConstU32<1>;
	type SessionRotation = Sessions;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}
