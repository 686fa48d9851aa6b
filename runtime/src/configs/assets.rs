//! Stablecoins (pallet-assets with holds from pallet-assets-holder) and NFTs (pallet-nfts).

use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32, NeverEnsureOrigin},
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_nfts::PalletFeatures;
use sp_runtime::traits::Verify;

use crate::{
	units::{deposit, DAYS, DSG, MILLI_DSG},
	AccountId, AssetId, AssetsHolder, Balance, Balances, BlockNumber, Runtime, RuntimeEvent,
	RuntimeHoldReason, Signature, System,
};

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
	// Holds on stablecoins (order escrow) are kept by pallet-assets-holder.
	type Holder = AssetsHolder;
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_assets_holder::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
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
