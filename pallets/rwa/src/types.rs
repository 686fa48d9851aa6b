//! Data types of the RWA pallet: the record kept per RWA-NFT, traceability records and sale
//! listings.

use codec::{Decode, Encode, MaxEncodedLen};
use despend_primitives::{Cid, OrderSettlement, ProductId};
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
pub type RwaRecordOf<T> = RwaRecord<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// [`TraceRecord`] as stored by the pallet.
pub type TraceRecordOf<T> = TraceRecord<BlockNumberFor<T>>;

/// [`Listing`] as stored by the pallet.
pub type ListingOf<T> =
	Listing<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BalanceOf<T>>;

/// The purchase an RWA-NFT records, in one storage item the pallet alone writes (neither the
/// holder nor anybody else can change it through pallet-nfts' calls): what was bought, from
/// whom, for how much, when, and the NFT's income weight.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct RwaRecord<AccountId, AssetKind, Balance, BlockNumber> {
	/// The merchant who sold the order; the only account that may append traceability records.
	pub merchant: AccountId,
	/// The product the order bought.
	pub product: ProductId,
	/// The asset the buyer paid with.
	pub asset: AssetKind,
	/// The sale amount `S`, in `asset`.
	pub sale_amount: Balance,
	/// The sale in USD units (6 decimals): the NFT's income weight in the dividend pool.
	pub sale_usd: Balance,
	/// The block in which the order settled.
	pub settled_at: BlockNumber,
	/// The merchant's shipment tracking hash.
	pub tracking_hash: Option<H256>,
	/// The product's metadata CID at placement (what the buyer bought).
	pub product_metadata: Cid,
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
