//! A test runtime: real pallet-balances (DSG), pallet-assets + pallet-assets-holder (USDT,
//! USDC), their `UnionOf` as the pallets' `fungibles`, and a stub of membership tiers.
//! Settlements are driven through [`settle`], which funds the pallet account with the experts'
//! and reviewers' parts the way the order pallet does, then calls `on_order_settled`.

use crate as pallet_reviews;
use crate::*;
use despend_primitives::{OnOrderSettled, OrderSettlement, SettlementParts};
use despend_test_kit::Members;
use frame_support::{
	parameter_types,
	traits::{
		fungibles::{Inspect as _, Mutate as _},
		ConstU128, ConstU32, ConstU8, Hooks,
	},
	weights::Weight,
	PalletId,
};
use frame_system::EnsureRoot;
use sp_arithmetic::Perbill;
use sp_runtime::{traits::AccountIdConversion, BuildStorage};

pub use despend_test_kit::{AccountId, AssetKind, Balance, DSG, USDC, USDC_ID, USDT, USDT_ID};

/// A stablecoin no pool has room for once the three usual assets are in it.
pub const EXTRA_ID: u32 = 7;

pub const MERCHANT: AccountId = 50;
pub const EXPERT: AccountId = 60;
pub const TREASURY: AccountId = 999;
pub const POOR: AccountId = 77;
/// What every funded account starts with (DSG).
pub const INITIAL_DSG: Balance = 1_000_000;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(20)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(21)]
	pub type AssetsHolder = pallet_assets_holder;
	#[runtime::pallet_index(30)]
	pub type Reviews = pallet_reviews;
}

despend_test_kit::impl_money_pallets!(Test, existential_deposit: ConstU128<1>);

/// Gives `who` tier 1 with `bonus` review weight (the only benefit that matters here).
pub fn set_review_bonus(who: AccountId, bonus: Perbill) {
	Members::update(who, |member| {
		member.tier = 1;
		member.benefits.review_weight_bonus = bonus;
	});
}

parameter_types! {
	pub const ReviewsPalletId: PalletId = PalletId(*b"dsp/revw");
	pub const TreasuryAccount: AccountId = TREASURY;
	pub static CommitPhase: u64 = 10;
	pub static RevealPhase: u64 = 10;
	pub static AppealPeriod: u64 = 10;
	pub static AppealRulingPeriod: u64 = 20;
	pub static MinRevealers: u32 = 1;
	pub static OutlierSlash: Perbill = Perbill::from_percent(50);
}

#[cfg(feature = "runtime-benchmarks")]
pub struct TestBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AssetKind> for TestBenchmarkHelper {
	fn fee_assets() -> Vec<AssetKind> {
		vec![USDT, USDC, DSG]
	}
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type Members = Members;
	type FreeBalance = Unfrozen;
	type ArbitrationOrigin = EnsureRoot<AccountId>;
	type PalletId = ReviewsPalletId;
	type TreasuryAccount = TreasuryAccount;
	type ExpertDeposit = ConstU128<100>;
	type StandardDeposit = ConstU128<50>;
	type MinBond = ConstU128<10>;
	type AppealBond = ConstU128<200>;
	type CommitPhase = CommitPhase;
	type RevealPhase = RevealPhase;
	type AppealPeriod = AppealPeriod;
	type AppealRulingPeriod = AppealRulingPeriod;
	type MinRevealers = MinRevealers;
	type OutlierTolerance = ConstU8<20>;
	type OutlierSlash = OutlierSlash;
	type ReputationGain = ConstU32<50>;
	type ReputationLoss = ConstU32<100>;
	type MaxCriteria = ConstU32<5>;
	type MaxCriterionNameLen = ConstU32<32>;
	type MaxReviewersPerRound = ConstU32<10>;
	type MaxPoolAssets = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestBenchmarkHelper;
}

/// DSG that is neither frozen nor needed for the existential deposit.
pub struct Unfrozen;
impl despend_primitives::FreeBalance<AccountId, Balance> for Unfrozen {
	fn committable(who: &AccountId) -> Balance {
		use frame_support::traits::fungible::Inspect;
		let data = System::account(who).data;
		data.free.saturating_sub(data.frozen).saturating_sub(Balances::minimum_balance())
	}
}

/// The pallet account (keeps the pools).
pub fn pallet_account() -> AccountId {
	ReviewsPalletId::get().into_account_truncating()
}

/// Genesis: accounts 1..=20, the merchant and the expert hold DSG; USDT and USDC exist
/// (sufficient, minimum balance 1); the pallet account is endowed with the existential
/// deposit of each, as the runtime does.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let pallet = pallet_account();
	let mut endowed: Vec<(AccountId, Balance)> =
		(1..=20).chain([MERCHANT, EXPERT]).map(|who| (who, INITIAL_DSG)).collect();
	endowed.push((pallet, 1));
	endowed.push((POOR, 5));
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig { balances: endowed, ..Default::default() },
		assets: pallet_assets::GenesisConfig {
			assets: vec![
				(USDT_ID, MERCHANT, true, 1),
				(USDC_ID, MERCHANT, true, 1),
				(EXTRA_ID, MERCHANT, true, 1),
			],
			metadata: vec![],
			accounts: vec![(USDT_ID, pallet, 1), (USDC_ID, pallet, 1), (EXTRA_ID, pallet, 1)],
			next_asset_id: None,
			reserves: vec![],
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	Members::clear();
	ext
}

/// Runs `test` in a fresh externalities, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Reviews::do_try_state().expect("invariants hold after the test");
	});
}

/// Moves to block `n`, running `on_idle` with `idle` weight on the way (zero: no background
/// work).
pub fn run_to_block(n: u64, idle: Weight) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Reviews::on_idle(next, idle);
	}
}

/// Moves to block `n` without background work.
pub fn go_to(n: u64) {
	run_to_block(n, Weight::zero());
}

/// A sale of `sale` units of `asset` (USD value `sale_usd`), split as the order pallet does
/// with a 15% experience fee: experts 10% of it, reviewers 50%, platform 40%.
pub fn settlement(
	order: u64,
	product: u32,
	buyer: AccountId,
	asset: AssetKind,
	sale: Balance,
	sale_usd: Balance,
	standard: Option<u32>,
) -> OrderSettlement<AccountId, AssetKind, Balance, u64> {
	let experience_fee = sale * 15 / 100;
	let experts = experience_fee / 10;
	let reviewers = experience_fee / 2;
	let platform = experience_fee - experts - reviewers;
	let community_fee = sale * 6 / 1000;
	OrderSettlement {
		product,
		quality_standard: standard,
		sale_usd,
		parts: SettlementParts {
			merchant: sale - experience_fee - community_fee,
			experience_fee,
			experts,
			reviewers,
			platform,
			community_fee,
			commissions: 0,
			dividend_share: 0,
			treasury: platform,
		},
		settled_at: System::block_number(),
		..OrderSettlement::sale(order, buyer, MERCHANT, asset, sale)
	}
}

/// Settles `s`: funds the pallet account with its experts' and reviewers' parts (as the
/// order pallet does) and tells the pallet.
pub fn settle(s: &OrderSettlement<AccountId, AssetKind, Balance, u64>) {
	let amount = s.parts.experts + s.parts.reviewers;
	if amount > 0 {
		NativeAndAssets::mint_into(s.asset.clone(), &pallet_account(), amount).unwrap();
	}
	<Reviews as OnOrderSettled<_, _, _, _>>::on_order_settled(s);
}

/// `who`'s balance of `asset`.
pub fn balance(asset: AssetKind, who: AccountId) -> Balance {
	NativeAndAssets::balance(asset, &who)
}
