//! Types of the mining pallet: balances it speaks in, what it records per account and why a
//! reward was cut or skipped (the reasons wallets show next to an order).

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::{fungible, Currency, VestingSchedule};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// An account of the runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// DSG (and USD-unit) amounts: the balance type of `T::Currency`.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<AccountIdOf<T>>>::Balance;

/// The balance type pallet-vesting's [`VestingSchedule`] speaks (the same DSG, but named through
/// its own currency type).
pub type VestingBalanceOf<T> =
	<<<T as Config>::Vesting as VestingSchedule<AccountIdOf<T>>>::Currency as Currency<
		AccountIdOf<T>,
	>>::Balance;

/// A cap period number: `block / CapPeriod`.
pub type PeriodOf<T> = BlockNumberFor<T>;

/// The emission schedule's state, as [`crate::Schedule`] stores it.
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
pub struct EmissionSchedule<Balance> {
	/// Cumulative USD volume (6 decimals) of all settled orders, rewarded or not.
	pub volume_usd: Balance,
	/// How many times the rate has halved; the rate is `InitialRate / 2^halvings` (zero from
	/// `MaxHalvings` on).
	pub halvings: u32,
	/// The cumulative volume at which the rate halves next (`(halvings + 1) × HalvingVolume`
	/// when set); the maximum balance once emission has ended.
	pub next_halving_volume: Balance,
	/// DSG mined in total (minted, plus what waits for a vesting slot); never above
	/// `MiningCap`.
	pub total_mined: Balance,
}

/// The schedule type of `T`.
pub type ScheduleOf<T> = EmissionSchedule<BalanceOf<T>>;

/// What one account has mined, as [`crate::Miners`] stores it.
///
/// Only the account's latest period is kept: a record of an older period counts as zero mined
/// this period, so the map holds one small entry per miner and never needs cleaning.
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
pub struct Miner<Period, Balance> {
	/// DSG mined in total (minted, plus `pending`).
	pub mined: Balance,
	/// The latest period the account mined in.
	pub period: Period,
	/// DSG mined in `period` (counted against `PeriodAccountCap`).
	pub period_mined: Balance,
	/// Mined DSG waiting to be minted and vested because the account had no free vesting
	/// schedule slot; released by its next reward or by `claim_pending`.
	pub pending: Balance,
}

/// The miner record type of `T`.
pub type MinerOf<T> = Miner<PeriodOf<T>, BalanceOf<T>>;

/// Which limit cut an order's reward below `S × rate × (1 + bonus)`.
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
pub enum RewardLimit {
	/// The anti-wash-trading rule: the reward's USD value may not exceed
	/// `MaxRewardToTreasuryRatio` (clamped below 100%) of the order's treasury part, the only
	/// part of a sale that no participant of it gets back.
	TreasuryRatio,
	/// The buyer's `PeriodAccountCap` for the current period.
	PeriodAccountCap,
	/// The total `MiningCap`.
	MiningCap,
}

/// Why a settled order mined nothing.
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
pub enum SkipReason {
	/// The oracle has no DSG/USD price (or quotes zero), so the anti-wash-trading rule cannot be
	/// checked: no reward rather than an unchecked one.
	NoPrice,
	/// The rate has halved `MaxHalvings` times and is now zero: emission has ended.
	EmissionEnded,
	/// The sale was too small to mine a single planck at the current rate.
	ZeroReward,
	/// The order's treasury part is too small for any reward under the anti-wash-trading rule
	/// (for example: every part of its platform revenue went to promoters and the dividend pool).
	NoTreasuryPart,
	/// The buyer already mined `PeriodAccountCap` in this period; mining resumes next period.
	PeriodCapReached,
	/// `MiningCap` has been reached: mining has stopped for good.
	MiningCapReached,
	/// The reward is below DSG's existential deposit and the buyer holds no DSG, so it cannot
	/// be minted to them. Nothing is recorded for the order (the reward is not counted as mined).
	BelowExistentialDeposit,
	/// The token refused the deposit for another reason (for example total issuance would
	/// overflow). Nothing is recorded for the order.
	DepositRefused,
}

/// How a reward reached the buyer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Payout {
	/// Minted liquid.
	Liquid,
	/// Minted and locked by a new pallet-vesting schedule.
	Vested,
	/// Kept pending ([`Miner::pending`]) because the buyer has no free vesting schedule slot.
	Pending,
}

/// The emission part of an order's reward: what its sale mines at the rate(s) in force.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Emission<Balance> {
	/// DSG mined at the rate(s) in force, before the tier bonus and the limits.
	pub base: Balance,
	/// The rate in force when the order's first dollar was counted.
	pub rate: sp_arithmetic::FixedU128,
	/// How many halvings the order's volume triggered.
	pub halvings_crossed: u32,
}

/// What handling one settled order did, for its weight.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RewardOutcome {
	/// How many halvings the order's volume triggered.
	pub halvings_crossed: u32,
	/// How the reward was paid; `None` if the order mined nothing.
	pub payout: Option<Payout>,
}

/// Why a reward could not be minted now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MintError {
	/// The account has no free vesting schedule slot (the reward can wait, pending).
	NoVestingSlot,
	/// The token refused the deposit (the reward cannot be paid to this account now).
	Refused(SkipReason),
}
