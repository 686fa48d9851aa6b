//! Test runtime: real pallet-balances (DSG), pallet-assets + pallet-assets-holder (USDT 1984 and
//! USDC 1337, sufficient), and stubs of the membership pallet (the test kit's `Members`) and the RWA
//! pallet ([`MockRwa`]).

use crate::{self as pallet_dividends, PoolAssetsOf};
use despend_primitives::{
	OnOrderSettled, OnStakeChanged, OrderId, OrderSettlement, RwaItems, SettlementParts, Tier,
};
use despend_test_kit::{Member, Members};
use frame_support::{
	assert_ok, construct_runtime, parameter_types,
	traits::{fungibles::Mutate as _, ConstU128, ConstU32, ConstU64},
	weights::Weight,
	PalletId,
};
use sp_arithmetic::{FixedU128, Perbill};
use sp_runtime::{traits::AccountIdConversion, BuildStorage};
use std::collections::BTreeMap;

pub use despend_test_kit::{AccountId, AssetKind, Balance, DSG, USDC, USDC_ID, USDT, USDT_ID};

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// An account that holds nothing at all.
pub const NOBODY: AccountId = 99;
/// The tier an elite member of the mock has.
pub const ELITE_TIER: Tier = 13;
/// DSG's existential deposit.
pub const ED: Balance = 10;
/// The stablecoins' minimum balance.
pub const USD_MIN_BALANCE: Balance = 10;
/// Blocks per dividend epoch.
pub const EPOCH: u64 = 10;
/// Blocks an RWA-NFT stays staked at least.
pub const MIN_RWA_STAKE: u64 = 20;
/// Blocks a claim waits in the queue.
pub const WITHDRAW_DELAY: u64 = 5;
/// Queue entries per account.
pub const MAX_PENDING: u32 = 3;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		AssetsHolder: pallet_assets_holder,
		Dividends: pallet_dividends,
	}
);

despend_test_kit::impl_money_pallets!(Test, existential_deposit: ConstU128<ED>);

parameter_types! {
	pub const DividendsPalletId: PalletId = PalletId(*b"dsp/divs");
	pub PoolAssets: PoolAssetsOf<Test> = PoolAssetsOf::<Test>::truncate_from(vec![DSG, USDT, USDC]);
	/// One share per 1000 planck of elite stake.
	pub static StakeShareWeight: FixedU128 = FixedU128::from_rational(1, 1000);
	pub static TurboFee: Perbill = Perbill::from_percent(2);
	pub static EpochLength: u64 = EPOCH;
	/// The stub RWA pallet: `item -> (owner, income weight)`.
	pub static RwaNfts: BTreeMap<OrderId, (AccountId, Balance)> = BTreeMap::new();
	/// Items the stub RWA pallet was told were staked.
	pub static StakedNotices: Vec<OrderId> = vec![];
}

/// The stub RWA pallet, reading [`RwaNfts`].
pub struct MockRwa;
impl RwaItems<AccountId, Balance> for MockRwa {
	fn owner(item: OrderId) -> Option<AccountId> {
		RwaNfts::get().get(&item).map(|(owner, _)| *owner)
	}
	fn income_weight(item: OrderId) -> Option<Balance> {
		RwaNfts::get().get(&item).map(|(_, weight)| *weight)
	}
	fn on_staked(item: OrderId) {
		StakedNotices::mutate(|items| items.push(item));
	}
	fn on_staked_weight() -> Weight {
		Weight::zero()
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct DividendsBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, AssetKind> for DividendsBenchmarkHelper {
	fn setup_pool_assets(_pool: &AccountId, _assets: &[AssetKind]) {
		// Created and seeded at genesis.
	}
	fn rwa_item(owner: &AccountId, index: u32) -> OrderId {
		let item = 1_000_000 + OrderId::from(index);
		RwaNfts::mutate(|nfts| nfts.insert(item, (*owner, 1_000_000_000)));
		item
	}
	fn make_elite(who: &AccountId) {
		set_member(*who, 1_000_000_000_000, true);
	}
}

impl pallet_dividends::Config for Test {
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type PoolAssets = PoolAssets;
	type PalletId = DividendsPalletId;
	type Members = Members;
	type Rwa = MockRwa;
	type StakeShareWeight = StakeShareWeight;
	type EpochLength = EpochLength;
	type MinRwaStakePeriod = ConstU64<MIN_RWA_STAKE>;
	type StandardWithdrawDelay = ConstU64<WITHDRAW_DELAY>;
	type TurboFee = TurboFee;
	type MaxPendingWithdrawals = ConstU32<MAX_PENDING>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = DividendsBenchmarkHelper;
}

/// The pool account, computed from the pallet id (independently of the pallet's helper).
pub fn pool() -> AccountId {
	DividendsPalletId::get().into_account_truncating()
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let users = [ALICE, BOB, CHARLIE, DAVE];
	let mut balances: Vec<(AccountId, Balance)> = users.iter().map(|who| (*who, 1_000)).collect();
	// The pool account's own existential deposit and stablecoin minimum balances: never owed.
	balances.push((pool(), ED));
	let mut accounts: Vec<(u32, AccountId, Balance)> =
		users.iter().flat_map(|who| [(USDT_ID, *who, 1_000), (USDC_ID, *who, 1_000)]).collect();
	accounts.push((USDT_ID, pool(), USD_MIN_BALANCE));
	accounts.push((USDC_ID, pool(), USD_MIN_BALANCE));
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
		assets: pallet_assets::GenesisConfig {
			assets: vec![
				(USDT_ID, ALICE, true, USD_MIN_BALANCE),
				(USDC_ID, ALICE, true, USD_MIN_BALANCE),
			],
			metadata: vec![],
			accounts,
			next_asset_id: None,
			reserves: vec![],
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Members::clear();
		RwaNfts::set(BTreeMap::new());
		StakedNotices::set(vec![]);
		StakeShareWeight::set(FixedU128::from_rational(1, 1000));
		TurboFee::set(Perbill::from_percent(2));
		EpochLength::set(EPOCH);
	});
	ext
}

/// Runs `test` in a fresh test externality, then checks the pool's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		assert_ok!(Dividends::do_try_state());
	});
}

/// The balance of `who` in `asset`.
pub fn balance(asset: AssetKind, who: AccountId) -> Balance {
	use frame_support::traits::fungibles::Inspect;
	NativeAndAssets::balance(asset, &who)
}

/// Moves to block `n` and runs the pool's `on_initialize` there, as the chain does.
pub fn set_block(n: u64) {
	use frame_support::traits::Hooks;
	System::set_block_number(n);
	Dividends::on_initialize(n);
}

/// Moves to the first block of epoch `epoch`.
pub fn go_to_epoch(epoch: u64) {
	set_block(epoch * EPOCH);
}

/// Moves `blocks` blocks on.
pub fn advance(blocks: u64) {
	set_block(System::block_number() + blocks);
}

/// The order pallet settles an order whose dividend income (community fee + dividend share)
/// is `income` of `asset`: it transfers the income to the pool account, then tells the pool.
pub fn settle_order(asset: AssetKind, income: Balance) {
	assert_ok!(NativeAndAssets::mint_into(asset.clone(), &pool(), income));
	let community_fee = income / 3;
	let settlement = OrderSettlement {
		parts: SettlementParts {
			community_fee,
			dividend_share: income - community_fee,
			..Default::default()
		},
		settled_at: System::block_number(),
		..OrderSettlement::sale(1, DAVE, CHARLIE, asset, income * 100)
	};
	Dividends::on_order_settled(&settlement);
}

/// The membership pallet reports `who` with `stake` as an elite member (or not).
pub fn set_member(who: AccountId, stake: Balance, elite: bool) {
	let tier = if elite { ELITE_TIER } else { 0 };
	Members::set(who, Member { tier, active_stake: stake, elite, ..Default::default() });
	Dividends::on_stake_changed(&who, stake, elite);
}

/// The RWA pallet has an NFT `item` owned by `owner` with `weight`.
pub fn give_nft(item: OrderId, owner: AccountId, weight: Balance) {
	RwaNfts::mutate(|nfts| nfts.insert(item, (owner, weight)));
}

/// The shares `who` has earning now and waiting (as stored, before lazy activation).
pub fn shares_of(who: AccountId) -> (Balance, Balance) {
	crate::Shareholders::<Test>::get(who)
		.map(|info| (info.active, info.upcoming))
		.unwrap_or_default()
}

pub fn pending(who: AccountId, asset: AssetKind) -> Balance {
	Dividends::income_owed(&who, &asset)
}
