//! The DeSpend Chain runtime.
//!
//! DSG is the native token (pallet-balances, 12 decimals); the stablecoins USDT and USDC live in
//! pallet-assets; RWA-NFTs live in pallet-nfts. The pallets are composed in [`runtime`], each
//! configured in [`configs`]; [`genesis_config_presets`] holds the named chain presets and
//! [`apis`] the runtime APIs the node and wallets call.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` expands into deeply nested types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod genesis_parameters;
pub mod genesis_pools;
pub mod governance;
pub mod migrations;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		pub struct SessionKeys {
			pub aura: super::Aura,
			pub grandpa: super::Grandpa,
		}
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("despend"),
	impl_name: Cow::Borrowed("despend-node"),
	authoring_version: 1,
	// Bump on every runtime change that is enacted on a live chain.
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Time and currency units.
pub mod units {
	use super::{Balance, BlockNumber};

	/// A block every six seconds; Aura's slot has the same length.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	pub const HOURS: BlockNumber = MINUTES * 60;
	pub const DAYS: BlockNumber = HOURS * 24;

	/// One DSG: 12 decimals.
	pub const DSG: Balance = 1_000_000_000_000;
	pub const MILLI_DSG: Balance = DSG / 1_000;
	pub const MICRO_DSG: Balance = MILLI_DSG / 1_000;
	/// Balance of an account below which it is reaped: 0.001 DSG.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_DSG;

	/// One USD of a stablecoin (USDT, USDC): 6 decimals. Prices are quoted in these units.
	pub const USD: Balance = 1_000_000;
	/// Asset ids of the stablecoins, as on Polkadot Asset Hub.
	pub const USDT_ID: u32 = 1984;
	pub const USDC_ID: u32 = 1337;
	/// Smallest stablecoin balance an account may hold: 0.01 USD.
	pub const STABLECOIN_MIN_BALANCE: Balance = USD / 100;

	/// A deposit for storing `items` items and `bytes` bytes.
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		items as Balance * 20 * DSG / 100 + (bytes as Balance) * 100 * MICRO_DSG
	}
}

/// The SS58 prefix of DeSpend addresses (not in the SS58 registry's list of taken prefixes).
pub const SS58_PREFIX: u16 = 3377;

/// An index to a block.
pub type BlockNumber = u32;
/// Signature of a transaction.
pub type Signature = MultiSignature;
/// An account on the chain: the public key of the signer.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of DSG or of an asset.
pub type Balance = u128;
/// Index of a transaction in the chain.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// The id of a pallet-assets asset.
pub type AssetId = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, checked in this order. `CheckMetadataHash` lets a wallet prove
/// that the metadata it decoded the call with is this runtime's.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Fees in DSG, or in any asset with a DSG pool that the signer names (USDT, USDC).
	pallet_asset_conversion_tx_payment::ChargeAssetTxPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on the next runtime upgrade, oldest first. Each is a `VersionedMigration`
/// (it runs only from the storage version it migrates from, so running it again does nothing);
/// an entry leaves the list once every chain has run it. See `pallet_orders::migrations` for
/// the pattern, with `pre_upgrade`/`post_upgrade` checks under `try-runtime`.
pub type Migrations = (
	pallet_orders::migrations::v2::MigrateToV2<Runtime>,
	pallet_orders::migrations::v3::MigrateToV3<
		Runtime,
		configs::assets::PaymentAssetList,
		migrations::LegacyEscrowHolds,
	>,
	// What is left of pallet-assets-holder's storage once the escrow holds have moved.
	frame_support::migrations::RemovePallet<
		migrations::AssetsHolderName,
		<Runtime as frame_system::Config>::DbWeight,
	>,
	pallet_mining::migrations::v1::MigrateToV1<Runtime>,
	pallet_reviews::migrations::v1::MigrateToV1<Runtime>,
	pallet_reviews::migrations::v2::MigrateToV2<Runtime>,
	pallet_referrals::migrations::v1::MigrateToV1<Runtime>,
	pallet_dividends::migrations::v1::MigrateToV1<Runtime>,
	// Counters and tallies nothing reads, written by every settlement: the RWA pallet's mint
	// count (`Items` holds one record per minted RWA-NFT) and the promoters' commission totals
	// (the orders pallet's `OrderSettled` events name every commission paid).
	frame_support::migrations::RemoveStorage<
		RwaPalletName,
		ItemsMintedName,
		weights::ParityDbWeight,
	>,
	frame_support::migrations::RemoveStorage<
		ReferralsPalletName,
		TotalEarnedName,
		weights::ParityDbWeight,
	>,
);

frame_support::parameter_types! {
	pub const RwaPalletName: &'static str = "Rwa";
	pub const ItemsMintedName: &'static str = "ItemsMinted";
	pub const ReferralsPalletName: &'static str = "Referrals";
	pub const TotalEarnedName: &'static str = "TotalEarned";
}

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// Chain core.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	// The validator set and sessions come before Aura and GRANDPA: session keys feed their
	// authorities, and pallet-session's genesis asks the validator set for the first validators.
	#[runtime::pallet_index(5)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(6)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Utility = pallet_utility;

	// Money.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(12)]
	pub type Assets = pallet_assets;
	// 13 was pallet-assets-holder (holds on stablecoins, gone with orders storage version 3).
	#[runtime::pallet_index(14)]
	pub type Nfts = pallet_nfts;
	#[runtime::pallet_index(15)]
	pub type Vesting = pallet_vesting;
	#[runtime::pallet_index(16)]
	pub type AssetConversion = pallet_asset_conversion;
	#[runtime::pallet_index(17)]
	pub type PoolAssets = pallet_assets<Instance2>;
	#[runtime::pallet_index(18)]
	pub type AssetTxPayment = pallet_asset_conversion_tx_payment;
	#[runtime::pallet_index(19)]
	pub type GenesisPools = crate::genesis_pools;

	// Governance-set rates and periods.
	#[runtime::pallet_index(20)]
	pub type Parameters = pallet_parameters;
	#[runtime::pallet_index(21)]
	pub type GenesisParameters = crate::genesis_parameters;

	// DeSpend: shopping that pays the buyer back in ownership.
	#[runtime::pallet_index(30)]
	pub type Orders = pallet_orders;
	#[runtime::pallet_index(31)]
	pub type Membership = pallet_membership;
	#[runtime::pallet_index(32)]
	pub type Mining = pallet_mining;
	#[runtime::pallet_index(33)]
	pub type Referrals = pallet_referrals;
	#[runtime::pallet_index(34)]
	pub type Rwa = pallet_rwa;
	#[runtime::pallet_index(35)]
	pub type Dividends = pallet_dividends;
	#[runtime::pallet_index(36)]
	pub type Reviews = pallet_reviews;

	// Governance by DSG holders.
	#[runtime::pallet_index(40)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(41)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(42)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(43)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(44)]
	pub type Origins = crate::governance::pallet_custom_origins;
	#[runtime::pallet_index(45)]
	pub type Treasury = pallet_treasury;

	// Development and local networks only: the staging preset sets no sudo key.
	#[runtime::pallet_index(99)]
	pub type Sudo = pallet_sudo;
}
