//! Data types of the dividend pool: shareholders, their income records, the shares waiting for
//! the next epoch, staked RWA-NFTs and queued withdrawals.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use despend_primitives::OrderSettlement;
use frame_support::{
	traits::{tokens::fungibles, ConstU32},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::U256;

use crate::Config;

/// The most assets the pool can hold income in (DSG, USDT, USDC and one more).
pub const MAX_POOL_ASSETS: u32 = 4;

/// Scale of the income-per-share accumulators: an accumulator holds `income × ACC_SCALE /
/// shares`, so one share unit (1 USD unit, 6 decimals) resolves income to 1e-24 of a planck.
pub const ACC_SCALE: u128 = 1_000_000_000_000_000_000_000_000;

/// A dividend epoch: blocks `[n × EpochLength, (n + 1) × EpochLength)`.
pub type EpochIndex = u32;

/// A balance of the pool's assets (DSG and stablecoins share one balance type).
pub type BalanceOf<T> =
	<<T as Config>::Assets as fungibles::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The pool's assets, in the order claims pay them.
pub type PoolAssetsOf<T> = BoundedVec<<T as Config>::AssetKind, ConstU32<MAX_POOL_ASSETS>>;

/// An amount per pool asset.
pub type AmountsOf<T> =
	BoundedVec<(<T as Config>::AssetKind, BalanceOf<T>), ConstU32<MAX_POOL_ASSETS>>;

/// The settlement record the order pallet hands to [`despend_primitives::OnOrderSettled`].
pub type OrderSettlementOf<T> = OrderSettlement<
	<T as frame_system::Config>::AccountId,
	<T as Config>::AssetKind,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// [`Shareholder`] as stored.
pub type ShareholderOf<T> = Shareholder<BalanceOf<T>>;
/// [`IncomeRecord`] as stored.
pub type IncomeRecordOf<T> = IncomeRecord<BalanceOf<T>>;
/// [`StakedItem`] as stored.
pub type StakedItemOf<T> =
	StakedItem<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// [`Withdrawal`] as stored.
pub type WithdrawalOf<T> = Withdrawal<BlockNumberFor<T>, AmountsOf<T>>;
/// [`UpcomingShares`] as stored.
pub type UpcomingSharesOf<T> = UpcomingShares<BalanceOf<T>>;

/// One account's shares of the pool. Share units are USD units (6 decimals).
///
/// Always `active + upcoming == stake_share + rwa_share`: what the account is entitled to is
/// either earning (`active`) or waiting for epoch `upcoming_epoch` (`upcoming`).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Default, Debug, TypeInfo, MaxEncodedLen)]
pub struct Shareholder<Balance> {
	/// From the member's DSG stake: `stake × StakeShareWeight` while elite, else zero.
	pub stake_share: Balance,
	/// The income weights of the RWA-NFTs the account staked.
	pub rwa_share: Balance,
	/// Shares earning now.
	pub active: Balance,
	/// Shares added that start earning at `upcoming_epoch`.
	pub upcoming: Balance,
	/// When `upcoming` starts earning (meaningless while `upcoming` is zero).
	pub upcoming_epoch: EpochIndex,
}

impl<Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy> Shareholder<Balance> {
	/// All the shares the account is entitled to.
	pub fn entitled(&self) -> Balance {
		self.stake_share.saturating_add(self.rwa_share)
	}

	/// Whether the record can be dropped: no share at all.
	pub fn is_empty(&self) -> bool {
		self.entitled().is_zero() && self.active.is_zero() && self.upcoming.is_zero()
	}
}

/// An account's income in one asset.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Default, Debug, TypeInfo, MaxEncodedLen)]
pub struct IncomeRecord<Balance> {
	/// The asset's accumulator when the account's income was last brought up to date (its
	/// income already counted, per share).
	pub paid_acc: U256,
	/// Income earned and not yet claimed.
	pub owed: Balance,
}

/// Shares that start earning at the beginning of `epoch` (always the epoch after the current).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Default, Debug, TypeInfo, MaxEncodedLen)]
pub struct UpcomingShares<Balance> {
	/// The epoch they start in.
	pub epoch: EpochIndex,
	/// How many shares.
	pub shares: Balance,
	/// How many accounts they belong to.
	pub accounts: u32,
}

/// An RWA-NFT staked in the pool.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct StakedItem<AccountId, Balance, BlockNumber> {
	/// Who staked it (its owner; it cannot move while staked).
	pub owner: AccountId,
	/// Its income weight (the order's sale in USD units): the shares it gives.
	pub weight: Balance,
	/// When it was staked.
	pub staked_at: BlockNumber,
}

/// Claimed income waiting for its release.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Withdrawal<BlockNumber, Amounts> {
	/// From this block on, `withdraw` pays it.
	pub release_at: BlockNumber,
	/// What is owed, per asset.
	pub amounts: Amounts,
}

/// What a turbo claim paid in one asset.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct TurboPayout<AssetKind, Balance> {
	/// The asset.
	pub asset: AssetKind,
	/// Paid to the claimer.
	pub paid: Balance,
	/// Kept as the turbo fee, shared among the other shareholders.
	pub fee: Balance,
}

/// [`TurboPayout`]s of one claim.
pub type TurboPayoutsOf<T> =
	BoundedVec<TurboPayout<<T as Config>::AssetKind, BalanceOf<T>>, ConstU32<MAX_POOL_ASSETS>>;
