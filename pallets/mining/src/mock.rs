//! Test runtime: real pallet-balances (DSG) and pallet-vesting, a settable price oracle and
//! settable member bonuses. Parameters that governance would set are `static`s the tests
//! change; their defaults are the values suggested for the runtime.

use crate as pallet_mining;
use despend_primitives::{usd_to_dsg, OrderId, OrderSettlement, SettlementParts};
use despend_test_kit::Members;
use frame_support::{
	parameter_types,
	traits::{tokens::fungible::NativeOrWithId, WithdrawReasons},
};
use sp_arithmetic::{FixedU128, Perbill, Rounding};
use sp_runtime::{traits::ConvertInto, BuildStorage};

pub use despend_test_kit::{AccountId, AssetKind, Balance};
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Vesting: pallet_vesting,
		Mining: pallet_mining,
	}
);

/// One DSG (12 decimals).
pub const DSG: Balance = 1_000_000_000_000;
/// One USD (6 decimals).
pub const USD: Balance = 1_000_000;
/// The stablecoin the tests pay with.
pub use despend_test_kit::USDT;
/// DSG as a payment asset.
pub const NATIVE: AssetKind = NativeOrWithId::Native;

pub const BUYER: AccountId = 1;
pub const MERCHANT: AccountId = 2;
pub const OTHER_BUYER: AccountId = 3;

parameter_types! {
	pub static ExistentialDeposit: Balance = DSG / 100;
}

despend_test_kit::impl_system_and_balances!(Test, existential_deposit: ExistentialDeposit);

parameter_types! {
	pub const MinVestedTransfer: Balance = DSG;
	pub UnvestedFundsAllowedWithdrawReasons: WithdrawReasons =
		WithdrawReasons::except(WithdrawReasons::TRANSFER | WithdrawReasons::RESERVE);
}

/// Most vesting schedules per account in the mock (small, so tests can fill them).
pub const MAX_VESTING_SCHEDULES: u32 = 3;

impl pallet_vesting::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type BlockNumberToBalance = ConvertInto;
	type MinVestedTransfer = MinVestedTransfer;
	type WeightInfo = ();
	type UnvestedFundsAllowedWithdrawReasons = UnvestedFundsAllowedWithdrawReasons;
	type BlockNumberProvider = System;
	const MAX_VESTING_SCHEDULES: u32 = MAX_VESTING_SCHEDULES;
}

parameter_types! {
	pub static InitialRate: FixedU128 = FixedU128::from_u32(1);
	pub static HalvingVolume: Balance = 10_000_000 * USD;
	pub static MaxHalvings: u32 = 64;
	pub static MiningCap: Balance = 400_000_000 * DSG;
	pub static MaxMiningCap: Balance = 1_000_000_000 * DSG;
	pub static CapPeriod: BlockNumber = 14_400;
	pub static PeriodAccountCap: Balance = 100_000 * DSG;
	pub static MaxRewardToTreasuryRatio: Perbill = Perbill::from_percent(50);
	pub const MaxRewardToTreasuryRatioCeiling: Perbill = Perbill::from_percent(95);
	pub static VestingPeriod: BlockNumber = 0;
	pub const NativeAsset: AssetKind = NATIVE;
}

/// The oracle (USD per DSG; `None`: it has no price), 0.01 at the start of every test.
pub use despend_test_kit::FixedPrice as Price;
/// The price every test starts with.
pub fn initial_price() -> FixedU128 {
	FixedU128::from_rational(1, 100)
}

/// Gives `who` the highest tier with `bonus` mining bonus (the only benefit that matters here).
pub fn set_bonus(who: AccountId, bonus: Perbill) {
	Members::update(who, |member| {
		member.tier = despend_primitives::MAX_TIER;
		member.benefits.mining_bonus = bonus;
	});
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, BlockNumber> for MockBenchmarkHelper {
	fn set_price(price: FixedU128) {
		Price::set(Some(price));
	}
	fn set_vesting_period(period: BlockNumber) {
		VestingPeriod::set(period);
	}
	fn set_highest_tier(who: &AccountId) {
		set_bonus(*who, Perbill::one());
	}
}

impl pallet_mining::Config for Test {
	type Currency = Balances;
	type Vesting = Vesting;
	type AssetKind = AssetKind;
	type NativeAsset = NativeAsset;
	type Members = Members;
	type PriceOracle = Price;
	type InitialRate = InitialRate;
	type HalvingVolume = HalvingVolume;
	type MaxHalvings = MaxHalvings;
	type MiningCap = MiningCap;
	type MaxMiningCap = MaxMiningCap;
	type CapPeriod = CapPeriod;
	type PeriodAccountCap = PeriodAccountCap;
	type MaxRewardToTreasuryRatio = MaxRewardToTreasuryRatio;
	type MaxRewardToTreasuryRatioCeiling = MaxRewardToTreasuryRatioCeiling;
	type VestingPeriod = VestingPeriod;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Fee rates of a constructed order, as the order pallet applies them.
#[derive(Clone, Copy, Debug)]
pub struct FeeRates {
	/// The product's experience fee `E / S`.
	pub experience: Perbill,
	/// The community fee `C / S`.
	pub community: Perbill,
}

impl Default for FeeRates {
	/// The seed defaults: 15% experience fee, 0.6% community fee.
	fn default() -> Self {
		Self { experience: Perbill::from_percent(15), community: Perbill::from_parts(6_000_000) }
	}
}

/// The split of a sale `sale` as the order pallet computes it: `E = rate × S`,
/// `C = 0.6% × S`, merchant `S − E − C`; `E` split 10% experts, 50% reviewers, the rest
/// platform (all to the treasury here: no promoters).
pub fn split(sale: Balance, rates: FeeRates) -> SettlementParts<Balance> {
	let experience_fee = rates.experience.mul_floor(sale);
	let community_fee = rates.community.mul_floor(sale);
	let experts = Perbill::from_percent(10).mul_floor(experience_fee);
	let reviewers = Perbill::from_percent(50).mul_floor(experience_fee);
	let platform = experience_fee - experts - reviewers;
	SettlementParts {
		merchant: sale - experience_fee - community_fee,
		experience_fee,
		experts,
		reviewers,
		platform,
		community_fee,
		commissions: 0,
		dividend_share: 0,
		treasury: platform,
	}
}

/// A settlement of `order` by `buyer` for `sale_usd` USD units, paid in `asset` at `rates`.
/// A DSG payment's amount is `sale_usd` at the oracle price (rounded up, as a payment would).
pub fn settlement_with(
	order: OrderId,
	buyer: AccountId,
	asset: AssetKind,
	sale_usd: Balance,
	rates: FeeRates,
) -> OrderSettlement<AccountId, AssetKind, Balance, BlockNumber> {
	let sale_amount = match asset {
		NativeOrWithId::Native => {
			let price = Price::get().unwrap_or(FixedU128::from_u32(1));
			usd_to_dsg(sale_usd, price, Rounding::Up).unwrap_or(Balance::MAX)
		},
		NativeOrWithId::WithId(_) => sale_usd,
	};
	let parts = split(sale_amount, rates);
	assert!(parts.conserves(sale_amount));
	OrderSettlement {
		product: 7,
		sale_usd,
		parts,
		settled_at: System::block_number(),
		..OrderSettlement::sale(order, buyer, MERCHANT, asset, sale_amount)
	}
}

/// A USDT settlement with the default fee rates.
pub fn settlement(
	order: OrderId,
	buyer: AccountId,
	sale_usd: Balance,
) -> OrderSettlement<AccountId, AssetKind, Balance, BlockNumber> {
	settlement_with(order, buyer, USDT, sale_usd, FeeRates::default())
}

/// Storage with the merchant and another account funded (the buyer starts with no DSG).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(MERCHANT, 1_000 * DSG), (OTHER_BUYER, 1_000 * DSG)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	Members::clear();
	Price::set(Some(initial_price()));
	ext
}

/// Runs `test` in fresh storage, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Mining::do_try_state().expect("mining invariants hold after the test");
	});
}
