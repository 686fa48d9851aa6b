//! Test runtime: real pallet-balances (DSG), pallet-assets + pallet-assets-holder (USDT 1984 and
//! USDC 1337, sufficient), and stubs of the membership pallet ([`MockMembers`]) and the RWA
//! pallet ([`MockRwa`]).

use crate::{self as pallet_dividends, PoolAssetsOf};
use despend_primitives::{
	MemberTiers, OnOrderSettled, OnStakeChanged, OrderId, OrderSettlement, RwaItems,
	SettlementParts, Tier, TierBenefits,
};
use frame_support::{
	assert_ok, construct_runtime, derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles::Mutate as _,
		AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64,
	},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_arithmetic::{FixedU128, Perbill};
use sp_runtime::{traits::AccountIdConversion, BuildStorage};
use std::collections::BTreeMap;

pub type AccountId = u64;
pub type Balance = u128;
pub type AssetKind = NativeOrWithId<u32>;
type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// An account that holds nothing at all.
pub const NOBODY: AccountId = 99;
pub const USDT_ID: u32 = 1984;
pub const USDC_ID: u32 = 1337;
pub const USDT: AssetKind = NativeOrWithId::WithId(USDT_ID);
pub const USDC: AssetKind = NativeOrWithId::WithId(USDC_ID);
pub const DSG: AssetKind = NativeOrWithId::Native;
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

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type AssetDeposit = ConstU128<1>;
	type AssetAccountDeposit = ConstU128<1>;
	type MetadataDepositBase = ConstU128<1>;
	type MetadataDepositPerByte = ConstU128<1>;
	type ApprovalDeposit = ConstU128<1>;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Currency = Balances;
	type Holder = AssetsHolder;
}

impl pallet_assets_holder::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// DSG (native) and the stablecoins behind one `fungibles` interface, as in the runtime.
pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

parameter_types! {
	pub const DividendsPalletId: PalletId = PalletId(*b"dsp/divs");
	pub PoolAssets: PoolAssetsOf<Test> = PoolAssetsOf::<Test>::truncate_from(vec![DSG, USDT, USDC]);
	/// One share per 1000 planck of elite stake.
	pub static StakeShareWeight: FixedU128 = FixedU128::from_rational(1, 1000);
	pub static TurboFee: Perbill = Perbill::from_percent(2);
	pub static EpochLength: u64 = EPOCH;
	/// The stub membership pallet: `who -> (active stake, elite?)`.
	pub static Members: BTreeMap<AccountId, (Balance, bool)> = BTreeMap::new();
	/// The stub RWA pallet: `item -> (owner, income weight)`.
	pub static RwaNfts: BTreeMap<OrderId, (AccountId, Balance)> = BTreeMap::new();
	/// Items the stub RWA pallet was told were staked.
	pub static StakedNotices: Vec<OrderId> = vec![];
}

/// The stub membership pallet, reading [`Members`].
pub struct MockMembers;
impl MemberTiers<AccountId, Balance> for MockMembers {
	fn tier(who: &AccountId) -> Tier {
		if Self::is_elite(who) {
			13
		} else {
			0
		}
	}
	fn active_stake(who: &AccountId) -> Balance {
		Members::get().get(who).map(|(stake, _)| *stake).unwrap_or_default()
	}
	fn is_elite(who: &AccountId) -> bool {
		Members::get().get(who).is_some_and(|(_, elite)| *elite)
	}
	fn benefits(_: &AccountId) -> TierBenefits {
		TierBenefits::default()
	}
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
	type Members = MockMembers;
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
		Members::set(BTreeMap::new());
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
		order: 1,
		product: 1,
		category: 1,
		quality_standard: None,
		buyer: DAVE,
		merchant: CHARLIE,
		asset,
		quantity: 1,
		sale_amount: income * 100,
		sale_usd: income * 100,
		parts: SettlementParts {
			community_fee,
			dividend_share: income - community_fee,
			..Default::default()
		},
		commissions: Default::default(),
		tracking_hash: None,
		product_metadata: Default::default(),
		settled_at: System::block_number(),
	};
	Dividends::on_order_settled(&settlement);
}

/// The membership pallet reports `who` with `stake` as an elite member (or not).
pub fn set_member(who: AccountId, stake: Balance, elite: bool) {
	Members::mutate(|members| members.insert(who, (stake, elite)));
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
	Dividends::pending_income(&who, &asset)
}
