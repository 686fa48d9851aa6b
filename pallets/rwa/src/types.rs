//! Data types of the RWA pallet: the record kept per RWA-NFT, traceability records, sale
//! listings and the keys of the NFT attributes written at minting.

use codec::{Decode, Encode, MaxEncodedLen};
use despend_primitives::{OrderSettlement, ProductId};
use frame_support::traits::tokens::fungibles;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;

/// A balance of the pallet's assets (DSG and stablecoins share one balance type).
pub type BalanceOf<T> =
	<<T as Config>::Assets as fungibles::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The settlement record the order pallet hands to [`despend_primitives::OnOrderSettled`].
pub type OrderSettlementOf<T> = OrderSettlement<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// [`RwaRecord`] as stored by the pallet.
pub type RwaRecordOf<T> = RwaRecord<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// [`TraceRecord`] as stored by the pallet.
pub type TraceRecordOf<T> = TraceRecord<BlockNumberFor<T>>;

/// [`Listing`] as stored by the pallet.
pub type ListingOf<T> =
	Listing<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BalanceOf<T>>;

/// What the pallet keeps of the order behind an RWA-NFT: who may append traceability records
/// and the NFT's income weight. Everything else about the order is in the NFT's attributes.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct RwaRecord<AccountId, Balance> {
	/// The merchant who sold the order; the only account that may append traceability records.
	pub merchant: AccountId,
	/// The product the order bought.
	pub product: ProductId,
	/// The sale in USD units (6 decimals): the NFT's income weight in the dividend pool.
	pub sale_usd: Balance,
}

/// One traceability record (e.g. a hashed logistics or provenance document) of an RWA-NFT.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct TraceRecord<BlockNumber> {
	/// The hash of the off-chain record.
	pub record_hash: H256,
	/// The block in which the merchant appended it.
	pub appended_at: BlockNumber,
}

/// An offer to sell an RWA-NFT for a stablecoin price.
///
/// A listing is only good while its seller still owns the item and the item is not staked in
/// the dividend pool; otherwise it is stale: nobody can buy it and anybody may remove it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Listing<AccountId, AssetKind, Balance> {
	/// The owner who listed the item; receives the price.
	pub seller: AccountId,
	/// The asset the price is in (one of `Config::ListingAssets`).
	pub asset: AssetKind,
	/// The price, in `asset`.
	pub price: Balance,
}

/// Keys of the attributes every RWA-NFT carries.
///
/// They are written with `nonfungibles_v2::Mutate::set_attribute`, which pallet-nfts stores in
/// its `Pallet` attribute namespace: neither the holder nor anybody else can change them
/// through pallet-nfts' calls. Read them with pallet-nfts' `system_attribute` (runtime) or its
/// `Attribute` storage with namespace `Pallet`. Keys are the raw ASCII bytes below; values are
/// SCALE-encoded with the type given in each constant's doc.
pub mod attribute {
	/// `ProductId` (`u32`): the product bought.
	pub const PRODUCT: &[u8] = b"product";
	/// `AccountId`: the merchant who sold it.
	pub const MERCHANT: &[u8] = b"merchant";
	/// `Balance` (`u128`): the sale amount `S`, in the asset below.
	pub const SALE_AMOUNT: &[u8] = b"sale_amount";
	/// `AssetKind` (`NativeOrWithId<u32>`): the asset the buyer paid with.
	pub const ASSET: &[u8] = b"asset";
	/// `Balance` (`u128`): the sale in USD units (6 decimals).
	pub const SALE_USD: &[u8] = b"sale_usd";
	/// `BlockNumber` (`u32`): the block in which the order settled.
	pub const SETTLED_AT: &[u8] = b"settled_at";
	/// `Option<H256>`: the merchant's shipment tracking hash.
	pub const TRACKING_HASH: &[u8] = b"tracking_hash";
	/// `Cid` (bounded bytes): the product's metadata CID at placement.
	pub const METADATA_CID: &[u8] = b"metadata_cid";

	/// Every key, in the order they are written.
	pub const ALL: [&[u8]; 8] =
		[PRODUCT, MERCHANT, SALE_AMOUNT, ASSET, SALE_USD, SETTLED_AT, TRACKING_HASH, METADATA_CID];
}

/// What benchmarks need from the runtime to set up the other pallets' state.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind> {
	/// An asset of `Config::ListingAssets` that exists (create it if needed), so accounts can be
	/// given some with `fungibles::Mutate::mint_into`.
	fn listing_asset() -> AssetKind;
	/// Give `who` enough of the native token to pay pallet-nfts' collection and item deposits.
	fn fund_deposits(who: &AccountId);
}
