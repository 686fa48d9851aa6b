//! Stablecoins (pallet-assets with holds from pallet-assets-holder), NFTs (pallet-nfts), and the
//! DSG/stablecoin pools (pallet-asset-conversion) through which fees are paid in stablecoins.

use frame_support::{
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32, Contains, NeverEnsureOrigin,
	},
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_nfts::PalletFeatures;
use sp_runtime::{traits::Verify, Permill};

use crate::{
	units::{deposit, DAYS, DSG, MILLI_DSG, USDC_ID, USDT_ID},
	AccountId, AssetConversion, AssetId, Assets, Balance, Balances, BlockNumber, PoolAssets,
	Runtime, RuntimeEvent, Signature, System,
};

/// The stablecoins the chain trades in (pallet-assets ids, 6 decimals like USD): orders,
/// listings, fees, pools and the dividend pool take exactly these.
pub const STABLECOINS: [AssetId; 2] = [USDT_ID, USDC_ID];

/// An asset a payment is made in: DSG (`Native`) or a stablecoin.
pub type AssetKind = NativeOrWithId<AssetId>;
/// DSG and the stablecoins as one `fungibles`.
pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

/// Whether `asset` is one of [`STABLECOINS`].
pub fn is_stablecoin(asset: &AssetKind) -> bool {
	matches!(asset, NativeOrWithId::WithId(id) if STABLECOINS.contains(id))
}

/// DSG, then every stablecoin: the assets a payment may be made in.
pub fn payment_assets() -> [AssetKind; 3] {
	let [usdt, usdc] = STABLECOINS;
	[NativeOrWithId::Native, NativeOrWithId::WithId(usdt), NativeOrWithId::WithId(usdc)]
}

/// [`payment_assets`] as a `Get` (the order pallet's v3 migration endows its escrow in each).
pub struct PaymentAssetList;
impl frame_support::traits::Get<alloc::vec::Vec<AssetKind>> for PaymentAssetList {
	fn get() -> alloc::vec::Vec<AssetKind> {
		payment_assets().to_vec()
	}
}

/// Orders may be paid with DSG or a stablecoin.
pub struct PaymentAssets;
impl Contains<AssetKind> for PaymentAssets {
	fn contains(asset: &AssetKind) -> bool {
		*asset == NativeOrWithId::Native || is_stablecoin(asset)
	}
}

/// RWA-NFTs are listed for sale in the stablecoins (their prices share USD's 6 decimals).
pub struct StablecoinAssets;
impl Contains<AssetKind> for StablecoinAssets {
	fn contains(asset: &AssetKind) -> bool {
		is_stablecoin(asset)
	}
}

parameter_types! {
	pub const Native: AssetKind = NativeOrWithId::Native;
}

parameter_types! {
	pub const AssetDeposit: Balance = 100 * DSG;
	pub const AssetAccountDeposit: Balance = deposit(1, 16);
	pub const AssetMetadataDepositBase: Balance = deposit(1, 68);
	pub const AssetMetadataDepositPerByte: Balance = deposit(0, 1);
	pub const ApprovalDeposit: Balance = 10 * MILLI_DSG;
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	// Assets are listed by governance (`force_create`), never by an arbitrary signer: the chain
	// trades in a few well-known stablecoins, not in tokens anyone can mint.
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = AssetMetadataDepositBase;
	type MetadataDepositPerByte = AssetMetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	// Nothing holds stablecoins: an open order's payment sits in the order escrow account. A
	// holder would be asked for a held total before every debit (a database read in every
	// stablecoin order and fee); the escrow holds made before are ended by the order pallet's
	// v3 migration (`crate::migrations`).
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub NftsPalletFeatures: PalletFeatures = PalletFeatures::all_enabled();
	pub const NftsCollectionDeposit: Balance = 10 * DSG;
	// No item deposit: an RWA-NFT is permanent state of a settled order, paid for by that
	// order (its minimum value, its fees and its transactions' fees), not by a pot that cheap
	// orders could empty; other collections' items cost their minting transaction's fee.
	pub const NftsItemDeposit: Balance = 0;
	pub const NftsMetadataDepositBase: Balance = deposit(1, 129);
	pub const NftsAttributeDepositBase: Balance = deposit(1, 0);
	pub const NftsDepositPerByte: Balance = deposit(0, 1);
	pub const NftsMaxDeadlineDuration: BlockNumber = 365 * DAYS;
}

impl pallet_nfts::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	// Wide enough for an order id: each settled order becomes the RWA-NFT with its id.
	type ItemId = u64;
	type Currency = Balances;
	type ForceOrigin = EnsureRoot<AccountId>;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	// An RWA-NFT staked in the dividend pool cannot move.
	type Locker = pallet_rwa::RwaLocker<Runtime>;
	type CollectionDeposit = NftsCollectionDeposit;
	type ItemDeposit = NftsItemDeposit;
	type MetadataDepositBase = NftsMetadataDepositBase;
	type AttributeDepositBase = NftsAttributeDepositBase;
	type DepositPerByte = NftsDepositPerByte;
	type StringLimit = ConstU32<256>;
	type KeyLimit = ConstU32<64>;
	type ValueLimit = ConstU32<256>;
	type ApprovalsLimit = ConstU32<20>;
	type ItemAttributesApprovalsLimit = ConstU32<30>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = NftsMaxDeadlineDuration;
	type MaxAttributesPerCall = ConstU32<10>;
	type Features = NftsPalletFeatures;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	type WeightInfo = pallet_nfts::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type BlockNumberProvider = System;
}

/// The pallet-assets instance of the liquidity pools' LP tokens.
pub type PoolAssetsInstance = pallet_assets::Instance2;

parameter_types! {
	pub const AssetConversionPalletId: frame_support::PalletId =
		frame_support::PalletId(*b"py/ascon");
	/// The pools' account: LP tokens are created by it alone.
	pub AssetConversionAccount: AccountId =
		sp_runtime::traits::AccountIdConversion::<AccountId>::into_account_truncating(
			&AssetConversionPalletId::get(),
		);
	/// A swap's fee to the pool's liquidity providers: 0.3%.
	pub const LiquidityProviderFee: Permill = Permill::from_perthousand(3);
	pub const MaxSwapFee: Permill = Permill::from_percent(10);
	pub const NoWithdrawalFee: Permill = Permill::zero();
	/// What creating a pool costs (to the treasury): 10 DSG.
	pub const PoolSetupFee: Balance = 10 * DSG;
}

impl pallet_assets::Config<PoolAssetsInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	// Only pallet-asset-conversion creates LP tokens (through `fungibles::Create`).
	type CreateOrigin =
		AsEnsureOriginWithArg<frame_system::EnsureSignedBy<AssetConversionOrigin, AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	// LP tokens exist only with their pool's liquidity, which pays for them.
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The account allowed to create LP tokens: the pools' own account.
pub struct AssetConversionOrigin;
impl frame_support::traits::SortedMembers<AccountId> for AssetConversionOrigin {
	fn sorted_members() -> alloc::vec::Vec<AccountId> {
		alloc::vec![AssetConversionAccount::get()]
	}
}

/// The pool of two assets is found by its pair, DSG first.
pub type PoolIdToAccountId =
	pallet_asset_conversion::AccountIdConverter<AssetConversionPalletId, (AssetKind, AssetKind)>;

impl pallet_asset_conversion::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type PoolId = (Self::AssetKind, Self::AssetKind);
	// Every pool pairs DSG with another asset.
	type PoolLocator = pallet_asset_conversion::WithFirstAsset<
		Native,
		AccountId,
		Self::AssetKind,
		PoolIdToAccountId,
	>;
	type PoolAssetId = u32;
	type PoolAssets = PoolAssets;
	type PoolSetupFee = PoolSetupFee;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeTarget = frame_support::traits::tokens::imbalance::ResolveAssetTo<
		super::commerce::TreasuryAccount,
		Self::Assets,
	>;
	type LiquidityWithdrawalFee = NoWithdrawalFee;
	type LPFee = LiquidityProviderFee;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxSwapFee = MaxSwapFee;
	type PalletId = AssetConversionPalletId;
	type MaxSwapPathLength = ConstU32<3>;
	type MintMinLiquidity = ConstU128<100>;
	type WeightInfo = pallet_asset_conversion::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
}

impl pallet_asset_conversion_tx_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AssetId = AssetKind;
	// The fee is swapped out of the named asset's pool into DSG, and the DSG burnt (`()`):
	// issuance changes only by mining, burnt fees and slashes.
	type OnChargeAssetTransaction = pallet_asset_conversion_tx_payment::SwapAssetAdapter<
		Native,
		NativeAndAssets,
		AssetConversion,
		(),
	>;
	type WeightInfo = crate::weights::pallet_asset_conversion_tx_payment::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Helpers;
}
