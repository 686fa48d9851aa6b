//! The vocabulary DeSpend's pallets share.
//!
//! The order pallet is the hub of the money flow: when an order settles it splits the sale
//! ([`SettlementParts`]) and tells every interested pallet through [`OnOrderSettled`]. The other
//! traits here let pallets read each other without naming each other: [`MemberTiers`] (staking
//! tiers), [`OnStakeChanged`] (dividend shares follow stake), [`PriceOracle`] (DSG/USD),
//! [`PromoterCommissions`] (referrals paid from platform revenue) and [`QualityStandards`]
//! (products refer to experts' standards). Each has a `()` implementation meaning "no such pallet".

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, weights::Weight, BoundedVec};
use scale_info::TypeInfo;
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Saturating, Zero},
	FixedPointNumber, FixedU128, Perbill, Rounding,
};
use sp_core::H256;

/// Identifies an order; also the item id of the order's RWA-NFT.
pub type OrderId = u64;
/// Identifies a product in the catalog.
pub type ProductId = u32;
/// Identifies a product category (launched by governance).
pub type CategoryId = u32;
/// Identifies an expert's quality standard.
pub type QualityStandardId = u32;
/// A membership tier: 0 is K0 (no tier), 1..=15 are K1..K15.
pub type Tier = u8;
/// The highest tier, K15.
pub const MAX_TIER: Tier = 15;

/// Longest content identifier (IPFS CID, as text) stored on chain.
pub const MAX_CID_LEN: u32 = 96;
/// A content identifier of off-chain metadata (IPFS CID as text).
pub type Cid = BoundedVec<u8, ConstU32<MAX_CID_LEN>>;

/// At most this many promoters earn from one order: the direct promoter and theirs.
pub const MAX_PROMOTERS: u32 = 2;
/// The promoters of one order and what each earns.
pub type Commissions<AccountId, Balance> =
	BoundedVec<(AccountId, Balance), ConstU32<MAX_PROMOTERS>>;

/// Decimals of USD amounts (prices) and of the stablecoins.
pub const USD_DECIMALS: u32 = 6;
/// Decimals of DSG.
pub const DSG_DECIMALS: u32 = 12;

/// How one settled sale `S` is split (`docs/design.md`, "The money of one order"). Every part is in the order's asset and
/// they add up exactly: `S = merchant + experience_fee + community_fee`, `experience_fee =
/// experts + reviewers + platform` and `platform = commissions + dividend_share + treasury`.
/// Rounding remainders go to `platform` and then `treasury`, so nothing is lost.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct SettlementParts<Balance> {
	/// Paid to the merchant: `S - E - C`.
	pub merchant: Balance,
	/// The experience fee `E`: the product's rate times `S`.
	pub experience_fee: Balance,
	/// Of `E`: for the expert(s) of the product's quality standard.
	pub experts: Balance,
	/// Of `E`: for the reviewers who win the product's review round.
	pub reviewers: Balance,
	/// Of `E`: platform revenue, split into the three parts below.
	pub platform: Balance,
	/// The community fee `C`, for the global dividend pool.
	pub community_fee: Balance,
	/// Of the platform revenue: paid to promoters.
	pub commissions: Balance,
	/// Of the platform revenue: the dividend pool's share.
	pub dividend_share: Balance,
	/// Of the platform revenue: the rest, for the treasury.
	pub treasury: Balance,
}

impl<Balance: Saturating + Copy + PartialEq + Zero> SettlementParts<Balance> {
	/// Whether the parts add up to `sale` exactly (and each split adds up to its whole).
	pub fn conserves(&self, sale: Balance) -> bool {
		let top =
			self.merchant.saturating_add(self.experience_fee).saturating_add(self.community_fee);
		let fee = self.experts.saturating_add(self.reviewers).saturating_add(self.platform);
		let platform =
			self.commissions.saturating_add(self.dividend_share).saturating_add(self.treasury);
		top == sale && fee == self.experience_fee && platform == self.platform
	}

	/// What goes to the dividend pool: the community fee and the dividend share.
	pub fn dividend_income(&self) -> Balance {
		self.community_fee.saturating_add(self.dividend_share)
	}

	/// All the fees the sale paid (`E + C`).
	pub fn fees(&self) -> Balance {
		self.experience_fee.saturating_add(self.community_fee)
	}

	/// The part of the sale that no participant of the sale can get back: the treasury's.
	///
	/// Every other part may return to the payer through an account it controls (the merchant,
	/// the expert, the reviewers, the promoters, the shareholders of the dividend pool, the
	/// holders of RWA-NFTs), so only this one is a cost to a coalition that plays all roles,
	/// and the anti-wash-trading rule bounds mining rewards by it.
	pub fn unrecapturable(&self) -> Balance {
		self.treasury
	}
}

/// Everything the other pallets need to know about an order that has just settled.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct OrderSettlement<AccountId, AssetKind, Balance, BlockNumber> {
	/// The order (and RWA-NFT item) id.
	pub order: OrderId,
	/// The product bought.
	pub product: ProductId,
	/// The product's category.
	pub category: CategoryId,
	/// The quality standard the product follows, if any.
	pub quality_standard: Option<QualityStandardId>,
	/// Who bought.
	pub buyer: AccountId,
	/// Who sold.
	pub merchant: AccountId,
	/// The asset the buyer paid with.
	pub asset: AssetKind,
	/// How many units were bought.
	pub quantity: u32,
	/// `S`: what the sale settled for, in `asset`.
	pub sale_amount: Balance,
	/// `S` in USD units (6 decimals); for DSG payments, at the price of the order's placement.
	pub sale_usd: Balance,
	/// The split of `sale_amount`, all in `asset`.
	pub parts: SettlementParts<Balance>,
	/// The promoters paid (in `asset`), summing to `parts.commissions`.
	pub commissions: Commissions<AccountId, Balance>,
	/// The merchant's shipment tracking hash.
	pub tracking_hash: Option<H256>,
	/// The product's metadata CID at placement.
	pub product_metadata: Cid,
	/// The block in which the order settled.
	pub settled_at: BlockNumber,
}

impl<AccountId, AssetKind, Balance: Copy + Default, BlockNumber: Default>
	OrderSettlement<AccountId, AssetKind, Balance, BlockNumber>
{
	/// A sale of one unit of product 1 (category 1) for `sale_amount` of `asset` (worth as
	/// many USD units), with no split, no promoter, no tracking hash or metadata, settled at
	/// block zero: the base that tests and benchmarks change the fields of
	/// (`OrderSettlement { parts, ..OrderSettlement::sale(..) }`).
	pub fn sale(
		order: OrderId,
		buyer: AccountId,
		merchant: AccountId,
		asset: AssetKind,
		sale_amount: Balance,
	) -> Self {
		Self {
			order,
			product: 1,
			category: 1,
			quality_standard: None,
			buyer,
			merchant,
			asset,
			quantity: 1,
			sale_amount,
			sale_usd: sale_amount,
			parts: Default::default(),
			commissions: Default::default(),
			tracking_hash: None,
			product_metadata: Default::default(),
			settled_at: Default::default(),
		}
	}
}

/// Told about every settled order, after its money has moved.
///
/// Handlers cannot fail the settlement: a sale that happened is final. A handler that cannot
/// act (a cap reached, a missing price) records that in its own events instead.
pub trait OnOrderSettled<AccountId, AssetKind, Balance, BlockNumber> {
	/// Acts on `settlement`; returns the weight used.
	fn on_order_settled(
		settlement: &OrderSettlement<AccountId, AssetKind, Balance, BlockNumber>,
	) -> Weight;
	/// An upper bound of [`Self::on_order_settled`]'s weight, from the handler's benchmarks.
	fn max_weight() -> Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl<AccountId, AssetKind, Balance, BlockNumber>
	OnOrderSettled<AccountId, AssetKind, Balance, BlockNumber> for Tuple
{
	fn on_order_settled(
		settlement: &OrderSettlement<AccountId, AssetKind, Balance, BlockNumber>,
	) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_order_settled(settlement)); )* );
		weight
	}

	fn max_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::max_weight()); )* );
		weight
	}
}

/// Who promoted a buyer, and what they earn from an order's platform revenue.
///
/// The lookup is part of the settlement the caller benchmarks (against the real pallet in the
/// runtime), so it has no weight of its own here.
pub trait PromoterCommissions<AccountId, Balance> {
	/// The promoters of `buyer` (direct promoter first) and their commission out of
	/// `platform_revenue`. The amounts never add up to more than `platform_revenue`.
	fn commissions(buyer: &AccountId, platform_revenue: Balance)
		-> Commissions<AccountId, Balance>;
}

impl<AccountId, Balance> PromoterCommissions<AccountId, Balance> for () {
	fn commissions(_: &AccountId, _: Balance) -> Commissions<AccountId, Balance> {
		BoundedVec::new()
	}
}

/// The benefits a membership tier gives.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct TierBenefits {
	/// Extra consumption-mining reward: the buyer mines `S × rate × (1 + mining_bonus)`.
	pub mining_bonus: Perbill,
	/// Discount on prices paid in DSG, on top of the platform's own DSG discount.
	pub dsg_payment_discount: Perbill,
	/// Extra weight of the member's reviews ("experiential computing power").
	pub review_weight_bonus: Perbill,
}

/// Membership tiers, as other pallets read them.
pub trait MemberTiers<AccountId, Balance> {
	/// `who`'s tier (0 = K0).
	fn tier(who: &AccountId) -> Tier;
	/// `who`'s active (bonded, not unbonding) stake.
	fn active_stake(who: &AccountId) -> Balance;
	/// Whether `who` is an elite member (dividend tier, K13 and above by default).
	fn is_elite(who: &AccountId) -> bool;
	/// What `who`'s tier gives.
	fn benefits(who: &AccountId) -> TierBenefits;
}

impl<AccountId, Balance: Zero> MemberTiers<AccountId, Balance> for () {
	fn tier(_: &AccountId) -> Tier {
		0
	}
	fn active_stake(_: &AccountId) -> Balance {
		Zero::zero()
	}
	fn is_elite(_: &AccountId) -> bool {
		false
	}
	fn benefits(_: &AccountId) -> TierBenefits {
		TierBenefits::default()
	}
}

/// Told when a member's active stake or elite status changes (the dividend pool's shares).
pub trait OnStakeChanged<AccountId, Balance> {
	/// `who` now has `active_stake`, and is (or is not) elite.
	fn on_stake_changed(who: &AccountId, active_stake: Balance, is_elite: bool);
	/// An upper bound of [`Self::on_stake_changed`]'s weight.
	fn max_weight() -> Weight;
}

impl<AccountId, Balance> OnStakeChanged<AccountId, Balance> for () {
	fn on_stake_changed(_: &AccountId, _: Balance, _: bool) {}
	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// DSG an account can commit to a hold that may later be paid to someone else (an order's
/// escrow, a review or appeal bond, a dispute deposit).
///
/// FRAME lets a hold take frozen funds (a hold keeps the funds in the account, so a freeze is
/// still honoured), but a hold that is later paid away would carry the frozen funds with it:
/// vested or vote-locked DSG would leave the account free. Pallets that may pay a hold away
/// therefore hold only what this returns.
pub trait FreeBalance<AccountId, Balance> {
	/// `who`'s free DSG less what is frozen (vesting, conviction votes, freezes) and not
	/// already backed by a hold that never leaves the account, less the existential deposit.
	fn committable(who: &AccountId) -> Balance;
}

/// The DSG/USD price.
pub trait PriceOracle {
	/// USD per DSG (`0.25` means one DSG is worth a quarter dollar); `None` if unknown.
	fn dsg_usd_price() -> Option<FixedU128>;
}

impl PriceOracle for () {
	fn dsg_usd_price() -> Option<FixedU128> {
		None
	}
}

/// `usd` (6 decimals) in DSG (12 decimals) at `price` USD per DSG; `None` for a zero price or
/// an overflow.
pub fn usd_to_dsg(usd: u128, price: FixedU128, rounding: Rounding) -> Option<u128> {
	if price.is_zero() {
		return None;
	}
	let scale = 10u128.pow(DSG_DECIMALS - USD_DECIMALS).checked_mul(FixedU128::DIV)?;
	multiply_by_rational_with_rounding(usd, scale, price.into_inner(), rounding)
}

/// `dsg` (12 decimals) in USD (6 decimals) at `price` USD per DSG; `None` on overflow.
pub fn dsg_to_usd(dsg: u128, price: FixedU128, rounding: Rounding) -> Option<u128> {
	let scale = 10u128.pow(DSG_DECIMALS - USD_DECIMALS).checked_mul(FixedU128::DIV)?;
	multiply_by_rational_with_rounding(dsg, price.into_inner(), scale, rounding)
}

/// Experts' quality standards, as the catalog checks them.
pub trait QualityStandards {
	/// Whether products of `category` may refer to `standard` (it exists, is active and is
	/// published for that category).
	fn is_usable(standard: QualityStandardId, category: CategoryId) -> bool;
}

impl QualityStandards for () {
	fn is_usable(_: QualityStandardId, _: CategoryId) -> bool {
		false
	}
}

/// RWA-NFTs (one per settled order, item id = order id), as the dividend pool reads them.
pub trait RwaItems<AccountId, Balance> {
	/// The current owner of RWA-NFT `item`, if it exists.
	fn owner(item: OrderId) -> Option<AccountId>;
	/// The income weight of `item`: the sale amount of its order in USD units (6 decimals).
	fn income_weight(item: OrderId) -> Option<Balance>;
	/// `item` has just been staked into the dividend pool: end any sale listing of it.
	fn on_staked(item: OrderId);
	/// An upper bound of [`Self::on_staked`]'s weight.
	fn on_staked_weight() -> Weight;
}

impl<AccountId, Balance> RwaItems<AccountId, Balance> for () {
	fn owner(_: OrderId) -> Option<AccountId> {
		None
	}
	fn income_weight(_: OrderId) -> Option<Balance> {
		None
	}
	fn on_staked(_: OrderId) {}
	fn on_staked_weight() -> Weight {
		Weight::zero()
	}
}

/// Which RWA-NFTs are staked in the dividend pool: a staked item cannot be transferred, sold
/// or listed (the runtime's pallet-nfts `Locker` asks this).
pub trait StakedRwa {
	/// Whether `item` is staked.
	fn is_staked(item: OrderId) -> bool;
}

impl StakedRwa for () {
	fn is_staked(_: OrderId) -> bool {
		false
	}
}

/// A shipment tracking reference, hashed (the tracking number itself stays off chain).
pub type TrackingHash = H256;

/// A buyer's reason for a refund (or other evidence), hashed (the text stays off chain).
pub type EvidenceHash = H256;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn usd_and_dsg_convert_both_ways_at_the_oracle_price() {
		let quarter = FixedU128::from_rational(1, 4);
		// 10 USD at 0.25 USD/DSG is 40 DSG.
		assert_eq!(usd_to_dsg(10_000_000, quarter, Rounding::Up), Some(40 * 10u128.pow(12)));
		assert_eq!(dsg_to_usd(40 * 10u128.pow(12), quarter, Rounding::Down), Some(10_000_000));
		// A third of a dollar per DSG: 1 USD buys 3 DSG exactly; rounding direction matters
		// for amounts that do not divide.
		let third = FixedU128::from_rational(1, 3);
		let up = usd_to_dsg(1, third, Rounding::Up).unwrap();
		let down = usd_to_dsg(1, third, Rounding::Down).unwrap();
		assert!(up >= down && up - down <= 1);
		assert_eq!(usd_to_dsg(1, FixedU128::zero(), Rounding::Up), None);
	}

	#[test]
	fn settlement_parts_conserve_only_when_they_add_up() {
		let parts = SettlementParts::<u128> {
			merchant: 9_340,
			experience_fee: 600,
			experts: 60,
			reviewers: 300,
			platform: 240,
			community_fee: 60,
			commissions: 40,
			dividend_share: 100,
			treasury: 100,
		};
		assert!(parts.conserves(10_000));
		assert!(!parts.conserves(10_001));
		assert_eq!(parts.fees(), 660);
		assert_eq!(parts.dividend_income(), 160);
		let leaky = SettlementParts { treasury: 99, ..parts };
		assert!(!leaky.conserves(10_000));
	}
}
