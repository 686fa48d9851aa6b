//! Test runtime: real pallet-balances (DSG), pallet-assets + pallet-assets-holder (USDT 1984 and
//! USDC 1337, sufficient), real pallet-nfts with [`RwaLocker`] as its `Locker`, and a stub
//! dividend pool ([`MockStaked`]) that says which items are staked.

use crate::{self as pallet_rwa, RwaLocker};
use despend_primitives::{
	Cid, OnOrderSettled, OrderId, OrderSettlement, SettlementParts, StakedRwa,
};
use frame_support::{
	assert_ok, construct_runtime, parameter_types,
	traits::{
		fungible::NativeOrWithId, AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, Contains,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_nfts::{
	CollectionConfig, CollectionConfigFor, CollectionSettings, ItemConfig, ItemSettings,
	MintSettings, PalletFeatures,
};
use sp_core::H256;
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	traits::AccountIdConversion,
	BuildStorage,
};

pub use despend_test_kit::{AccountId, AssetKind, Balance, DSG, USDC, USDC_ID, USDT, USDT_ID};

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const MERCHANT: AccountId = 10;
/// Smallest stablecoin balance an account may keep.
pub const USD_MIN_BALANCE: Balance = 10;
/// Every user starts with this much USDT.
pub const INITIAL_USDT: Balance = 1_000_000;
/// pallet-nfts' deposits (DSG).
pub const COLLECTION_DEPOSIT: Balance = 100;
pub const ITEM_DEPOSIT: Balance = 10;
/// What the pallet account holds at genesis: the collection deposit and 5 item deposits.
pub const POT_FUNDS: Balance = 1 + COLLECTION_DEPOSIT + 5 * ITEM_DEPOSIT;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		AssetsHolder: pallet_assets_holder,
		Nfts: pallet_nfts,
		Rwa: pallet_rwa,
	}
);

despend_test_kit::impl_money_pallets!(Test, existential_deposit: ConstU128<1>);

parameter_types! {
	pub NftFeatures: PalletFeatures = PalletFeatures::all_enabled();
}

/// Signs nothing: pallet-nfts' pre-signed calls are not used here.
#[cfg(feature = "runtime-benchmarks")]
pub struct NftsBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_nfts::BenchmarkHelper<u32, OrderId, UintAuthorityId, AccountId, TestSignature>
	for NftsBenchmarkHelper
{
	fn collection(i: u16) -> u32 {
		i.into()
	}
	fn item(i: u16) -> OrderId {
		i.into()
	}
	fn signer() -> (UintAuthorityId, AccountId) {
		(UintAuthorityId(0), 0)
	}
	fn sign(signer: &UintAuthorityId, message: &[u8]) -> TestSignature {
		TestSignature(signer.0, message.to_vec())
	}
}

impl pallet_nfts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = OrderId;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Locker = RwaLocker<Test>;
	type CollectionDeposit = ConstU128<COLLECTION_DEPOSIT>;
	type ItemDeposit = ConstU128<ITEM_DEPOSIT>;
	type MetadataDepositBase = ConstU128<1>;
	type AttributeDepositBase = ConstU128<1>;
	type DepositPerByte = ConstU128<1>;
	type StringLimit = ConstU32<128>;
	type KeyLimit = ConstU32<32>;
	type ValueLimit = ConstU32<128>;
	type ApprovalsLimit = ConstU32<10>;
	type ItemAttributesApprovalsLimit = ConstU32<2>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = ConstU64<10_000>;
	type MaxAttributesPerCall = ConstU32<2>;
	type Features = NftFeatures;
	type OffchainSignature = TestSignature;
	type OffchainPublic = UintAuthorityId;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = NftsBenchmarkHelper;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const RwaPalletId: PalletId = PalletId(*b"dsp/rwa_");
	pub RwaCollectionConfig: CollectionConfigFor<Test> = CollectionConfig {
		settings: CollectionSettings::all_enabled(),
		max_supply: None,
		mint_settings: MintSettings::default(),
	};
	pub RwaItemConfig: ItemConfig = ItemConfig { settings: ItemSettings::all_enabled() };
	/// The items the stub dividend pool holds.
	pub static StakedItems: Vec<OrderId> = vec![];
}

/// The stub dividend pool: an item is staked when [`StakedItems`] holds it.
pub struct MockStaked;
impl StakedRwa for MockStaked {
	fn is_staked(item: OrderId) -> bool {
		StakedItems::get().contains(&item)
	}
}

/// Marks `item` staked in the stub dividend pool.
pub fn stake(item: OrderId) {
	StakedItems::mutate(|items| items.push(item));
}

/// Listings may be priced in the two stablecoins only.
pub struct Stablecoins;
impl Contains<AssetKind> for Stablecoins {
	fn contains(asset: &AssetKind) -> bool {
		matches!(asset, NativeOrWithId::WithId(USDT_ID) | NativeOrWithId::WithId(USDC_ID))
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct RwaBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, AssetKind> for RwaBenchmarkHelper {
	fn listing_asset() -> AssetKind {
		USDT
	}
	fn fund_deposits(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		assert_ok!(Balances::mint_into(who, 1_000_000));
	}
}

impl pallet_rwa::Config for Test {
	type Nfts = Nfts;
	type CollectionId = u32;
	type NftCollectionConfig = CollectionConfigFor<Test>;
	type NftItemConfig = ItemConfig;
	type CollectionConfig = RwaCollectionConfig;
	type ItemConfig = RwaItemConfig;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type ListingAssets = Stablecoins;
	type StakedItems = MockStaked;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = RwaPalletId;
	type MaxTraceRecords = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RwaBenchmarkHelper;
}

/// The pallet's account, computed from its id (independently of the pallet's own helper).
pub fn pot() -> AccountId {
	RwaPalletId::get().into_account_truncating()
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let users = [ALICE, BOB, CHARLIE, MERCHANT];
	let mut balances: Vec<(AccountId, Balance)> = users.iter().map(|who| (*who, 1_000)).collect();
	balances.push((pot(), POT_FUNDS));
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
		assets: pallet_assets::GenesisConfig {
			assets: vec![
				(USDT_ID, ALICE, true, USD_MIN_BALANCE),
				(USDC_ID, ALICE, true, USD_MIN_BALANCE),
			],
			metadata: vec![],
			accounts: users.iter().map(|who| (USDT_ID, *who, INITIAL_USDT)).collect(),
			next_asset_id: None,
			reserves: vec![],
		},
		rwa: Default::default(),
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		StakedItems::set(vec![]);
	});
	ext
}

/// Runs `test` in a fresh test externality, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		assert_ok!(Rwa::do_try_state());
	});
}

/// A settlement of `order` for `sale_usd` USDT (1 USDT unit = 1 USD unit), as the order
/// pallet reports it.
pub fn settlement(
	order: OrderId,
	buyer: AccountId,
	sale_usd: Balance,
) -> OrderSettlement<AccountId, AssetKind, Balance, u64> {
	let community_fee = sale_usd * 6 / 1000;
	OrderSettlement {
		product: 7,
		parts: SettlementParts {
			merchant: sale_usd - community_fee,
			community_fee,
			..Default::default()
		},
		tracking_hash: Some(H256::repeat_byte(0xab)),
		product_metadata: Cid::truncate_from(
			b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec(),
		),
		settled_at: System::block_number(),
		..OrderSettlement::sale(order, buyer, MERCHANT, USDT, sale_usd)
	}
}

/// Settles `order` for `buyer` and checks the NFT was minted.
pub fn mint(order: OrderId, buyer: AccountId, sale_usd: Balance) {
	Rwa::on_order_settled(&settlement(order, buyer, sale_usd));
	assert!(pallet_rwa::Items::<Test>::contains_key(order), "order {order} was not minted");
}
