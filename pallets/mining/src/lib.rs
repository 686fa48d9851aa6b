//! # Mining pallet: consumption mining
//!
//! Shopping mines DSG. When an order settles, the order pallet tells every handler through
//! [`despend_primitives::OnOrderSettled`]; this pallet is one of them and mints DSG to the
//! buyer:
//!
//! `reward = S_usd × rate × (1 + tier mining bonus)`
//!
//! - `S_usd` is the sale in USD units (6 decimals); the rate is a `FixedU128` number of DSG per
//!   1 USD, so `S_usd` micro-dollars mine `S_usd × rate × 10^6` DSG planck (12 decimals).
//! - The rate starts at `InitialRate` and halves each time cumulative settled volume reaches
//!   the next multiple of `HalvingVolume`; an order that crosses a multiple is paid piecewise,
//!   and after `MaxHalvings` halvings the rate is zero.
//! - Limits, tightest wins, each reported with [`Event::RewardTruncated`]:
//!   - **anti-wash trading**: the reward's USD value at the oracle price never exceeds
//!     `MaxRewardToTreasuryRatio` (clamped to `MaxRewardToTreasuryRatioCeiling` < 100%) of the
//!     order's treasury part. Every other part of a sale (the merchant's, the expert's, the
//!     reviewers', the promoters', the dividend pool's) can flow back to one person who plays
//!     all those roles with many accounts; the treasury part cannot. So trading with yourself
//!     costs at least the treasury part and mines less than that: it always loses money.
//!     Without an oracle price there is no reward.
//!   - `PeriodAccountCap` per buyer per period (`CapPeriod` blocks);
//!   - `MiningCap` (clamped to `MaxMiningCap`) in total; reaching it emits
//!     [`Event::CapReached`] and mining stops.
//! - The reward is minted with `fungible::Mutate::mint_into`. When `VestingPeriod` is non-zero
//!   it is locked by a pallet-vesting schedule releasing linearly over that period, minted and
//!   locked in one storage transaction. If the buyer has no free vesting schedule slot, the
//!   reward waits in the buyer's [`Miners`] record (counted as mined, not yet minted) until their
//!   next reward or [`Pallet::claim_pending`] finds a free slot: it is never lost, never minted
//!   unlocked by mistake.
//!
//! Rounding always goes against the miner (rewards down, fee values down). A settlement is
//! final: this handler never fails it; anything that prevents a reward is an
//! [`Event::RewardSkipped`] with a [`SkipReason`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_traits;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// The benchmark setup the runtime provides: the mining pallet reads prices, tiers and the
/// vesting period through other pallets, so only the runtime can put them in their worst case.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, BlockNumber> {
	/// Make `T::PriceOracle` quote `price` USD per DSG.
	fn set_price(price: sp_arithmetic::FixedU128);
	/// Make `T::VestingPeriod` return `period` (zero: rewards are liquid).
	fn set_vesting_period(period: BlockNumber);
	/// Give `who` the tier with the highest mining bonus.
	fn set_highest_tier(who: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, VestingSchedule},
	};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::{
		traits::{Saturating, Zero},
		FixedU128, Perbill,
	};

	/// The in-code storage version (1: the schedule and each miner's record are one item each).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// DSG (pallet-balances): rewards are minted into buyers' accounts with it.
		type Currency: fungible::Mutate<Self::AccountId>;

		/// Locks vested rewards (pallet-vesting), linearly over `VestingPeriod`.
		type Vesting: VestingSchedule<Self::AccountId, Moment = BlockNumberFor<Self>>;

		/// An asset a buyer pays with (`NativeOrWithId<u32>` in the runtime).
		type AssetKind: Parameter + MaxEncodedLen;

		/// The asset kind that is DSG: fees paid in it are valued at the oracle price. Every
		/// other asset is a USD stablecoin with 6 decimals, whose amounts are USD units already.
		type NativeAsset: Get<Self::AssetKind>;

		/// Membership tiers: a buyer's tier gives the mining bonus.
		type Members: despend_primitives::MemberTiers<Self::AccountId, BalanceOf<Self>>;

		/// The DSG/USD price (USD per DSG) used to value rewards and DSG-paid fees.
		type PriceOracle: despend_primitives::PriceOracle;

		/// DSG mined per 1 USD of sales before any halving (`1` = one DSG per dollar).
		#[pallet::constant]
		type InitialRate: Get<FixedU128>;

		/// The rate halves each time cumulative settled volume reaches the next multiple of this
		/// many USD units (6 decimals). Until the first halving the first threshold follows this
		/// value; after it, a new value applies from the next threshold on. Zero makes every
		/// threshold reached at once, which ends emission (the safe side of a mistake).
		#[pallet::constant]
		type HalvingVolume: Get<BalanceOf<Self>>;

		/// After this many halvings the rate is zero and emission ends. Also bounds the work
		/// one order can cause (one step per halving crossed).
		#[pallet::constant]
		type MaxHalvings: Get<u32>;

		/// Most DSG (12 decimals) this pallet will ever mint in total; clamped to `MaxMiningCap`.
		#[pallet::constant]
		type MiningCap: Get<BalanceOf<Self>>;

		/// The highest `MiningCap` the pallet accepts, whatever governance sets.
		#[pallet::constant]
		type MaxMiningCap: Get<BalanceOf<Self>>;

		/// Length of a mining period in blocks (period = block / CapPeriod); zero means one
		/// period that never ends.
		#[pallet::constant]
		type CapPeriod: Get<BlockNumberFor<Self>>;

		/// Most DSG one account may mine in one period.
		#[pallet::constant]
		type PeriodAccountCap: Get<BalanceOf<Self>>;

		/// Most an order's reward may be worth (in USD at the oracle price), as a share of the
		/// order's treasury part (the part no participant of the sale gets back). Governance
		/// sets it; the pallet clamps it to `MaxRewardToTreasuryRatioCeiling`.
		#[pallet::constant]
		type MaxRewardToTreasuryRatio: Get<Perbill>;

		/// The highest `MaxRewardToTreasuryRatio` the pallet accepts; must be below 100% so
		/// that no parameter setting makes trading with yourself profitable.
		#[pallet::constant]
		type MaxRewardToTreasuryRatioCeiling: Get<Perbill>;

		/// Rewards vest linearly over this many blocks; zero mints them liquid.
		#[pallet::constant]
		type VestingPeriod: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and settlement handler, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Puts the oracle, tiers and vesting period in their worst case for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BlockNumberFor<Self>>;
	}

	/// The schedule before any order: nothing settled or mined, the first threshold one
	/// `HalvingVolume` away.
	pub struct InitialSchedule<T>(PhantomData<T>);
	impl<T: Config> Get<ScheduleOf<T>> for InitialSchedule<T> {
		fn get() -> ScheduleOf<T> {
			EmissionSchedule {
				volume_usd: Zero::zero(),
				halvings: 0,
				next_halving_volume: T::HalvingVolume::get(),
				total_mined: Zero::zero(),
			}
		}
	}

	/// The emission schedule: settled volume, halvings, the next threshold and the DSG mined in
	/// total. One item, because every settled order reads and writes all of it.
	#[pallet::storage]
	pub type Schedule<T: Config> = StorageValue<_, ScheduleOf<T>, ValueQuery, InitialSchedule<T>>;

	/// What each account has mined: in total, in its latest period, and what waits for a
	/// vesting slot. One item per miner, because every reward reads and writes all of it.
	#[pallet::storage]
	pub type Miners<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, MinerOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` mined `amount` DSG for `order`, at `rate` DSG per USD (the rate when the
		/// order's first dollar counted); `vested` if it is locked by a vesting schedule.
		Mined {
			who: T::AccountId,
			order: despend_primitives::OrderId,
			amount: BalanceOf<T>,
			rate: FixedU128,
			vested: bool,
		},
		/// `who` mined `amount` DSG for `order`, but it waits, pending in `Miners`, because the
		/// account has no free vesting schedule slot: free one (pallet-vesting `vest` or
		/// `merge_schedules`), then `claim_pending`.
		RewardPending {
			who: T::AccountId,
			order: despend_primitives::OrderId,
			amount: BalanceOf<T>,
		},
		/// `amount` pending DSG of `who` was minted (`vested` if locked by a schedule).
		PendingRewardReleased { who: T::AccountId, amount: BalanceOf<T>, vested: bool },
		/// Cumulative volume reached `at_volume`: the rate halved for the `halvings`-th time and
		/// is now `new_rate` DSG per USD (zero once emission has ended). An order crossing
		/// several thresholds emits one event, for the last.
		Halved { halvings: u32, new_rate: FixedU128, at_volume: BalanceOf<T> },
		/// The reward of `order` was cut from `full` to `granted` by `limit`.
		RewardTruncated {
			who: T::AccountId,
			order: despend_primitives::OrderId,
			full: BalanceOf<T>,
			granted: BalanceOf<T>,
			limit: RewardLimit,
		},
		/// `order` of `who` mined nothing, because of `reason`.
		RewardSkipped { who: T::AccountId, order: despend_primitives::OrderId, reason: SkipReason },
		/// Total mined reached `MiningCap` (`total_mined`): mining has stopped.
		CapReached { total_mined: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// You have no mined DSG waiting for a vesting slot.
		NothingPending,
		/// Your account already has as many vesting schedules as pallet-vesting allows. Unlock
		/// finished ones with `vest` or combine two with `merge_schedules`, then claim again.
		VestingScheduleLimit,
		/// The pending DSG cannot be deposited into your account (below the existential deposit
		/// while you hold no DSG, or refused by the token).
		CannotReceive,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxRewardToTreasuryRatioCeiling::get() < Perbill::one(),
				"MaxRewardToTreasuryRatioCeiling must be below 100%, or trading with yourself can pay"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Mint (and vest) the DSG you mined while your vesting schedules were full.
		///
		/// Free a schedule slot first with pallet-vesting's `vest` or `merge_schedules`.
		/// Emits `PendingRewardReleased`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::claim_pending())]
		pub fn claim_pending(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_pending(&who)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// DSG per USD the next settled dollar mines, before the tier bonus and the limits.
		pub fn current_rate() -> FixedU128 {
			Self::rate_at(Schedule::<T>::get().halvings)
		}

		/// DSG `who` may still mine in the current period.
		pub fn period_allowance(who: T::AccountId) -> BalanceOf<T> {
			let mined = Self::mined_this_period(&who, Self::current_period());
			T::PeriodAccountCap::get().saturating_sub(mined)
		}

		/// DSG that may still be mined before `MiningCap`.
		pub fn remaining_to_mine() -> BalanceOf<T> {
			Self::mining_cap().saturating_sub(Schedule::<T>::get().total_mined)
		}
	}
}
