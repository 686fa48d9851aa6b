//! The catalog's and the order book's data types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use despend_primitives::{
	CategoryId, Cid, EvidenceHash, ProductId, QualityStandardId, TrackingHash,
};
use frame_support::{pallet_prelude::ConstU32, traits::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_arithmetic::Perbill;

/// The most payment assets a product can accept (USDT, USDC, DSG, and room for one more).
pub type MaxAcceptedAssets = ConstU32<4>;

/// Whether a merchant may sell.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum MerchantStatus {
	/// Lists products and takes orders.
	Active,
	/// Suspended by governance: takes no new orders or listings; open orders go on.
	Suspended,
}

/// A registered merchant.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Merchant<Balance> {
	/// The DSG held while registered.
	pub deposit: Balance,
	/// CID of the merchant's public profile.
	pub metadata: Cid,
	/// Whether the merchant may sell.
	pub status: MerchantStatus,
	/// Products listed (or delisted but still serving open orders). Every open order is of
	/// one of them, so a merchant without products has no open orders either.
	pub products: u32,
}

/// A product category, launched by governance.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(NameLimit))]
#[codec(mel_bound())]
pub struct Category<NameLimit: Get<u32>> {
	/// Display name.
	pub name: BoundedVec<u8, NameLimit>,
	/// Only active categories take new products.
	pub active: bool,
}

/// Whether a product can be bought.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ProductStatus {
	/// On sale.
	Listed,
	/// Off sale; kept only until its open orders close, then removed (deposit returned).
	Delisted,
}

/// A product in the catalog.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Product<AccountId, AssetKind, Balance> {
	/// Who sells it.
	pub merchant: AccountId,
	/// Its category.
	pub category: CategoryId,
	/// Unit price in USD units (6 decimals).
	pub price_usd: Balance,
	/// Units available (reserved by placed orders, returned by cancellations).
	pub stock: u32,
	/// The assets a buyer may pay with.
	pub accepted_assets: BoundedVec<AssetKind, MaxAcceptedAssets>,
	/// Share of each sale paid as experience fee (to the product's review round).
	pub experience_fee: Perbill,
	/// The experts' quality standard the product follows, if any.
	pub quality_standard: Option<QualityStandardId>,
	/// CID of the product's description.
	pub metadata: Cid,
	/// The DSG held while the product exists.
	pub deposit: Balance,
	/// Listed or delisted.
	pub status: ProductStatus,
	/// Orders of this product not yet closed.
	pub open_orders: u32,
}

/// Where an order is in its life cycle. Closed orders (settled, refunded, cancelled) are removed
/// from storage; their history is in the events.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum OrderStatus<Balance> {
	/// Paid (in escrow); waiting for the merchant to ship until the deadline.
	Placed,
	/// Shipped; the buyer confirms receipt, or anyone does after the auto-confirm deadline.
	Shipped,
	/// Received; settles when the after-sales window (the deadline) has passed.
	Received,
	/// The buyer asked for a refund; the merchant answers before the deadline or the refund
	/// happens automatically.
	RefundRequested {
		/// Hash of the buyer's reason (the text stays off chain).
		reason: EvidenceHash,
	},
	/// The merchant rejected the refund and holds a dispute deposit; the buyer may open a
	/// dispute before the deadline, else the sale stands and the order settles.
	RefundRejected {
		/// The merchant's dispute deposit (DSG, held).
		merchant_deposit: Balance,
	},
	/// Both sides hold a dispute deposit; the arbitration origin rules before the deadline,
	/// or the default ruling applies after it (half refunded, half settled, both deposits
	/// released).
	Disputed {
		/// The buyer's dispute deposit.
		buyer_deposit: Balance,
		/// The merchant's dispute deposit.
		merchant_deposit: Balance,
	},
}

/// An open order.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Order<AccountId, AssetKind, Balance, BlockNumber> {
	/// Who pays.
	pub buyer: AccountId,
	/// Who sells.
	pub merchant: AccountId,
	/// What is bought.
	pub product: ProductId,
	/// How many units.
	pub quantity: u32,
	/// The asset paid with.
	pub asset: AssetKind,
	/// The amount held in escrow from the buyer, in `asset`.
	pub amount: Balance,
	/// The amount's worth in USD units at placement.
	pub amount_usd: Balance,
	/// The product's experience fee rate at placement.
	pub experience_fee: Perbill,
	/// The product's metadata CID at placement (what the buyer bought).
	pub product_metadata: Cid,
	/// Where the order is.
	pub status: OrderStatus<Balance>,
	/// When the order was placed.
	pub placed_at: BlockNumber,
	/// When the current status times out (ship deadline, auto-confirm, end of the after-sales
	/// window, refund answer deadline, dispute window, arbitration deadline).
	pub deadline: BlockNumber,
	/// The block whose due orders list this order for `on_idle`, if any (its deadline, or the
	/// next block when the deadline was already due at scheduling).
	pub due: Option<BlockNumber>,
	/// The merchant's tracking hash, once shipped.
	pub tracking: Option<TrackingHash>,
	/// When receipt was confirmed.
	pub received_at: Option<BlockNumber>,
}

/// What a buyer would pay for an order, as `quote` returns it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct Quote<Balance> {
	/// The total in USD units before any DSG discount.
	pub total_usd: Balance,
	/// The discount applied (DSG payments only).
	pub discount: Perbill,
	/// What will be held, in the payment asset.
	pub amount: Balance,
	/// The amount's worth in USD units.
	pub amount_usd: Balance,
}

/// Whether a settlement tells the [`despend_primitives::OnOrderSettled`] handlers. Always
/// `Handlers` on chain; `Nobody` lets the benchmarks measure the order pallet's own work, since
/// the handlers are weighed by their own pallets' benchmarks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Notify {
	/// Tell every handler (the chain).
	Handlers,
	/// Tell none (benchmarks only).
	Nobody,
}
