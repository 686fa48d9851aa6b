//! The `Config` of every pallet in the runtime. Money pallets (assets, NFTs) are in
//! [`assets`]; the chain core and DSG itself are here.

pub mod assets;
#[cfg(feature = "runtime-benchmarks")]
pub(crate) mod benchmark_helpers;
pub mod commerce;
pub mod governance;
pub mod hot_keys;
pub mod parameters;

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, Contains, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, ConstantMultiplier, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::Bounded, FixedPointNumber, Perbill, Perquintill};
use sp_version::RuntimeVersion;

use super::{
	units::{EXISTENTIAL_DEPOSIT, SLOT_DURATION},
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, SS58_PREFIX, VERSION,
};

pub use assets::*;

/// A normal extrinsic may use up to 75% of a block; the rest is kept for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute per six-second block; proof size is not limited on a solochain.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);
/// Room kept for `on_initialize`.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute per six-second block, as usual for a solochain, with the empty
	/// block's and a no-op extrinsic's weights measured on this node. Every block also pays,
	/// once, for the storage every purchase shares (`hot_keys`), which no extrinsic is charged.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(crate::weights::BlockExecutionWeight::get().saturating_add(
			<Runtime as frame_system::Config>::DbWeight::get()
				.reads_writes(hot_keys::HOT_READS, hot_keys::HOT_WRITES),
		))
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = crate::weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational transactions get the room normal ones cannot take.
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// Calls the chain refuses from any origin but root: burning an RWA-NFT, which would erase
/// the record of a settled purchase (and its income rights), and setting a parameter outside
/// its bounds (see [`parameters::parameter_within_bounds`]).
pub struct BaseCallFilter;
impl Contains<RuntimeCall> for BaseCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Nfts(pallet_nfts::Call::burn { collection, .. }) => {
				pallet_rwa::Collection::<Runtime>::get() != Some(*collection)
			},
			RuntimeCall::Parameters(pallet_parameters::Call::set_parameter { key_value }) => {
				parameters::parameter_within_bounds(key_value)
			},
			_ => true,
		}
	}
}

/// Who may change a parameter: root any; the parameters track all but governance's own,
/// which only root changes.
pub struct ParameterAdmin;
impl frame_support::traits::EnsureOriginWithArg<RuntimeOrigin, parameters::RuntimeParametersKey>
	for ParameterAdmin
{
	type Success = ();

	fn try_origin(
		origin: RuntimeOrigin,
		key: &parameters::RuntimeParametersKey,
	) -> Result<Self::Success, RuntimeOrigin> {
		use frame_support::traits::EnsureOrigin;
		if <frame_system::EnsureRoot<AccountId> as EnsureOrigin<_>>::try_origin(origin.clone())
			.is_ok()
		{
			return Ok(());
		}
		match key {
			parameters::RuntimeParametersKey::Governance(_) => Err(origin),
			_ => <crate::governance::ParameterSetter as EnsureOrigin<_>>::try_origin(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_: &parameters::RuntimeParametersKey) -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}

/// The default types come from `SolochainDefaultConfig`; only what DeSpend decides is written.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = BaseCallFilter;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// Measured on ParityDB, the node's database (`scripts/benchmark-db.sh`).
	type DbWeight = crate::weights::ParityDbWeight;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees price the block: a millisecond of compute costs 0.1 DSG (a transfer about 0.07
	/// DSG), so filling every block's normal weight for a day costs over two million DSG
	/// before the multiplier rises (`docs/decisions.md`, "Transaction fees").
	pub const FeePerPicosecond: Balance = 100;
	/// Each byte of a transaction costs 10 micro-DSG.
	pub const FeePerByte: Balance = 10 * super::units::MICRO_DSG;
	/// The multiplier rises while blocks are fuller than this (as on the relay chains).
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast it moves: the relay chains' value.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	/// It never falls below a tenth of the base fee.
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burnt: DSG issuance then changes only by mining, burnt fees and slashes.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = ConstantMultiplier<Balance, FeePerPicosecond>;
	type LengthToFee = ConstantMultiplier<Balance, FeePerByte>;
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = super::OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = parameters::RuntimeParameters;
	type AdminOrigin = ParameterAdmin;
	type WeightInfo = ();
}

impl crate::genesis_parameters::Config for Runtime {}

impl crate::genesis_pools::Config for Runtime {}
