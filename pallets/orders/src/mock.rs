//! A runtime with real balances, assets and asset holds, and recording stubs for the pallets
//! the order pallet talks to (price oracle, tiers, standards, promoters, settlement handlers).

use crate as pallet_orders;
use core::cell::RefCell;
use despend_primitives::{
	CategoryId, Commissions, FreeBalance, OnOrderSettled, OrderSettlement, PromoterCommissions,
	QualityStandardId, QualityStandards, TierBenefits,
};
use despend_test_kit::{Member, Members};
use frame_support::{
	parameter_types,
	traits::{fungible::NativeOrWithId, ConstU128, ConstU32, Contains, Hooks},
	weights::Weight,
	BoundedVec,
};
use frame_system::EnsureRoot;
use sp_arithmetic::{FixedU128, Perbill};
use sp_runtime::BuildStorage;

pub use despend_test_kit::{AccountId, Balance};
pub type AssetKind = NativeOrWithId<u32>;

pub const MERCHANT: AccountId = 1;
pub const BUYER: AccountId = 2;
pub const STRANGER: AccountId = 3;
pub const OTHER_MERCHANT: AccountId = 4;
pub const POOR: AccountId = 5;
pub const PROMOTER: AccountId = 10;
pub const GRAND_PROMOTER: AccountId = 11;
pub const REVIEW_POOL: AccountId = 90;
pub const DIVIDEND_POOL: AccountId = 91;
pub const TREASURY: AccountId = 92;
pub const ESCROW: AccountId = 93;

pub const USDT: u32 = 1984;
pub const USDC: u32 = 1337;
pub const DSG_UNIT: Balance = 1_000_000_000_000;
pub const USD: Balance = 1_000_000;
pub const ED: Balance = 1_000_000;
pub const USD_MIN_BALANCE: Balance = 10_000;

pub const DSG: AssetKind = NativeOrWithId::Native;
pub const USDT_ASSET: AssetKind = NativeOrWithId::WithId(USDT);
pub const USDC_ASSET: AssetKind = NativeOrWithId::WithId(USDC);

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		AssetsHolder: pallet_assets_holder,
		Orders: pallet_orders,
	}
);

despend_test_kit::impl_money_pallets!(Test, existential_deposit: ConstU128<ED>);

parameter_types! {
	pub static Promoters: Vec<(AccountId, Perbill)> = Vec::new();
	pub static CommunityFee: Perbill = Perbill::from_parts(6_000_000);
	pub static ExpertsShare: Perbill = Perbill::from_percent(10);
	pub static ReviewersShare: Perbill = Perbill::from_percent(50);
	pub static DividendShare: Perbill = Perbill::from_percent(50);
	pub static DsgPaymentDiscount: Perbill = Perbill::from_percent(5);
	pub static MaxDsgDiscount: Perbill = Perbill::from_percent(20);
	pub static MinExperienceFee: Perbill = Perbill::from_percent(1);
	pub static MaxExperienceFee: Perbill = Perbill::from_percent(30);
	pub static DefaultExperienceFee: Perbill = Perbill::from_percent(15);
	pub static ShipDeadline: u64 = 20;
	pub static AutoConfirmPeriod: u64 = 30;
	pub static AfterSalesPeriod: u64 = 40;
	pub static RefundResponsePeriod: u64 = 10;
	pub static DisputeWindow: u64 = 10;
	pub static ArbitrationPeriod: u64 = 50;
	pub static MinOrderValue: Balance = USD;
	pub const MerchantDeposit: Balance = 100 * DSG_UNIT;
	pub const ProductDeposit: Balance = 10 * DSG_UNIT;
	pub const DisputeDeposit: Balance = 50 * DSG_UNIT;
	pub const ReviewPool: AccountId = REVIEW_POOL;
	pub const DividendPool: AccountId = DIVIDEND_POOL;
	pub const TreasuryAccount: AccountId = TREASURY;
	pub const EscrowAccount: AccountId = ESCROW;
	pub const Native: AssetKind = NativeOrWithId::Native;
}

thread_local! {
	/// Every settlement the handlers were told about.
	pub static SETTLED: RefCell<Vec<OrderSettlement<AccountId, AssetKind, Balance, u64>>> =
		RefCell::new(Vec::new());
}

/// The settlements handed to `OnOrderSettled`, in order.
pub fn settled() -> Vec<OrderSettlement<AccountId, AssetKind, Balance, u64>> {
	SETTLED.with(|s| s.borrow().clone())
}

pub struct RecordSettlements;
impl OnOrderSettled<AccountId, AssetKind, Balance, u64> for RecordSettlements {
	fn on_order_settled(s: &OrderSettlement<AccountId, AssetKind, Balance, u64>) -> Weight {
		SETTLED.with(|v| v.borrow_mut().push(s.clone()));
		Weight::from_parts(1_000, 0)
	}
	fn max_weight() -> Weight {
		Weight::from_parts(1_000, 0)
	}
}

/// DSG that is neither frozen nor needed for the existential deposit (no stake covers a
/// freeze in this mock).
pub struct Unfrozen;
impl FreeBalance<AccountId, Balance> for Unfrozen {
	fn committable(who: &AccountId) -> Balance {
		let data = System::account(who).data;
		data.free.saturating_sub(data.frozen).saturating_sub(ED)
	}
}

/// The oracle (USD per DSG), 0.25 at the start of every test.
pub use despend_test_kit::FixedPrice as DsgPrice;

/// Gives every account a tier with `discount` off DSG payments (the only benefit orders reads).
pub fn set_tier_discount(discount: Perbill) {
	Members::set_everyone(Member {
		benefits: TierBenefits { dsg_payment_discount: discount, ..Default::default() },
		..Default::default()
	});
}

/// Standard 7 exists for category 0 only.
pub const STANDARD: QualityStandardId = 7;
pub struct MockStandards;
impl QualityStandards for MockStandards {
	fn is_usable(standard: QualityStandardId, category: CategoryId) -> bool {
		standard == STANDARD && category == 0
	}
}

/// Pays each promoter in `Promoters` its rate of the platform revenue.
pub struct MockPromoters;
impl PromoterCommissions<AccountId, Balance> for MockPromoters {
	fn commissions(_buyer: &AccountId, revenue: Balance) -> Commissions<AccountId, Balance> {
		BoundedVec::truncate_from(
			Promoters::get()
				.into_iter()
				.map(|(who, rate)| (who, rate.mul_floor(revenue)))
				.collect(),
		)
	}
}

pub struct StablecoinsAndDsg;
impl Contains<AssetKind> for StablecoinsAndDsg {
	fn contains(asset: &AssetKind) -> bool {
		matches!(asset, NativeOrWithId::Native)
			|| matches!(asset, NativeOrWithId::WithId(id) if *id == USDT || *id == USDC)
	}
}

impl pallet_orders::Config for Test {
	type Currency = Balances;
	type Assets = NativeAndAssets;
	type AssetKind = AssetKind;
	type NativeAsset = Native;
	type PaymentAssets = StablecoinsAndDsg;
	type RuntimeHoldReason = RuntimeHoldReason;
	type FreeBalance = Unfrozen;
	type PriceOracle = DsgPrice;
	type Members = Members;
	type QualityStandards = MockStandards;
	type Commissions = MockPromoters;
	type OnOrderSettled = RecordSettlements;
	type CategoryOrigin = EnsureRoot<AccountId>;
	type MerchantAdminOrigin = EnsureRoot<AccountId>;
	type ArbitrationOrigin = EnsureRoot<AccountId>;
	type ReviewPool = ReviewPool;
	type DividendPool = DividendPool;
	type TreasuryAccount = TreasuryAccount;
	type EscrowAccount = EscrowAccount;
	type MerchantDeposit = MerchantDeposit;
	type ProductDeposit = ProductDeposit;
	type DisputeDeposit = DisputeDeposit;
	type MinExperienceFee = MinExperienceFee;
	type MaxExperienceFee = MaxExperienceFee;
	type DefaultExperienceFee = DefaultExperienceFee;
	type CommunityFee = CommunityFee;
	type ExpertsShare = ExpertsShare;
	type ReviewersShare = ReviewersShare;
	type DividendShare = DividendShare;
	type DsgPaymentDiscount = DsgPaymentDiscount;
	type MaxDsgDiscount = MaxDsgDiscount;
	type ShipDeadline = ShipDeadline;
	type AutoConfirmPeriod = AutoConfirmPeriod;
	type AfterSalesPeriod = AfterSalesPeriod;
	type RefundResponsePeriod = RefundResponsePeriod;
	type DisputeWindow = DisputeWindow;
	type ArbitrationPeriod = ArbitrationPeriod;
	type MinOrderValue = MinOrderValue;
	type MaxQuantity = ConstU32<100>;
	type MaxCategoryNameLen = ConstU32<32>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Test> for MockBenchmarkHelper {
	fn payment_asset() -> AssetKind {
		USDT_ASSET
	}
	fn fund(who: &AccountId, asset: &AssetKind, amount: Balance) {
		use frame_support::traits::fungibles::Mutate;
		let _ = <NativeAndAssets as Mutate<AccountId>>::mint_into(asset.clone(), who, amount);
	}
	fn prepare_settlement(_: &AccountId) {}
	fn grow_state(_: u32) {}
}

/// Externalities with funded accounts, USDT and USDC created (sufficient, 6 decimals), the pool
/// accounts open in every asset, and one active category (0).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let funded = [MERCHANT, BUYER, STRANGER, OTHER_MERCHANT, PROMOTER, GRAND_PROMOTER];
	let pools = [REVIEW_POOL, DIVIDEND_POOL, TREASURY, ESCROW];
	pallet_balances::GenesisConfig::<Test> {
		balances: funded
			.iter()
			.map(|who| (*who, 1_000_000 * DSG_UNIT))
			.chain(pools.iter().map(|who| (*who, ED)))
			.chain([(POOR, 200 * DSG_UNIT)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![
			(USDT, TREASURY, true, USD_MIN_BALANCE),
			(USDC, TREASURY, true, USD_MIN_BALANCE),
		],
		metadata: vec![
			(USDT, b"Tether USD".to_vec(), b"USDT".to_vec(), 6),
			(USDC, b"USD Coin".to_vec(), b"USDC".to_vec(), 6),
		],
		accounts: [USDT, USDC]
			.iter()
			.flat_map(|id| {
				funded
					.iter()
					.map(move |who| (*id, *who, 1_000_000 * USD))
					.chain(pools.iter().map(move |who| (*id, *who, USD_MIN_BALANCE)))
			})
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext: sp_io::TestExternalities = t.into();
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_orders::Categories::<Test>::insert(
			0,
			crate::Category { name: BoundedVec::truncate_from(b"Tea".to_vec()), active: true },
		);
		pallet_orders::NextCategoryId::<Test>::put(1);
	});
	Members::clear();
	DsgPrice::set(Some(FixedU128::from_rational(1, 4)));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		SETTLED.with(|s| s.borrow_mut().clear());
		test();
		Orders::do_try_state().expect("invariants hold after the test");
	});
}

/// Advances to block `n`, running `on_idle` with ample weight at each block on the way.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Orders::on_idle(next, Weight::from_parts(u64::MAX, u64::MAX));
	}
}
