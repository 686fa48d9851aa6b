//! # Membership: DSG staking and the tiers K1..K15
//!
//! A member stakes DSG (the native token) to reach a membership tier. The stake stays in the
//! member's account, held by pallet-balances under [`HoldReason::Staked`]; nothing moves to a
//! pallet account. The **tier** is the highest of K1..K15 whose threshold the *active* stake
//! meets (K0: none) and is never stored per account: it is derived from the ledger and the
//! governance-set tier table each time it is read.
//!
//! ## How it fits the money flow
//!
//! Other pallets read tiers through [`despend_primitives::MemberTiers`], which this pallet
//! implements: consumption mining adds the tier's `mining_bonus` to the buyer's reward, the
//! catalog applies its `dsg_payment_discount` to prices paid in DSG, and review consensus adds
//! its `review_weight_bonus` to a reviewer's weight. Members of `EliteTier` and above share
//! the global dividend pool with their stake: after every change of an active stake this pallet
//! tells [`Config::OnStakeChanged`] (the dividend pool) the new stake and elite status.
//!
//! ## Life of a stake
//!
//! - [`Pallet::stake`] holds more DSG and adds it to the active stake (a first stake needs at
//!   least [`Config::MinStake`]).
//! - [`Pallet::unstake`] takes an amount out of the active stake at once (the tier drops in the
//!   same block) into an *unlocking chunk* that stays held for [`Config::UnbondingPeriod`]
//!   blocks, so that nobody can stake for a dividend and leave in the same breath. An unstake
//!   must leave either nothing or at least `MinStake` active: one that would leave dust is
//!   refused ([`Error::RemainderBelowMinimum`]).
//! - [`Pallet::withdraw_unbonded`] releases every due chunk to the free balance.
//! - [`Pallet::rebond`] moves unlocking stake (newest chunks first) back into the active stake.
//!
//! One hold reason covers both active and unlocking stake: the held amount always equals
//! `active + sum(unlocking)`, which [`Pallet::do_try_state`] checks.
//!
//! ## Governance
//!
//! The tier table (threshold and [`despend_primitives::TierBenefits`] per tier) is set at
//! genesis and replaced by [`Pallet::set_tiers`] from [`Config::TierOrigin`]. Because elite status
//! is derived, a new table (or a new `EliteTier`) can change it without any stake moving;
//! [`Pallet::refresh`] (anyone may call it) passes such a change on to the dividend pool.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_traits;
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use despend_primitives::{OnStakeChanged, Tier};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, EnsureOrigin},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::StaticLookup;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// An account id as a call names it (an address a wallet can type).
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The staked token, DSG (pallet-balances): stake is held here, never transferred.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The smallest active stake a member may have (other than none): a first stake must
		/// reach it, and an unstake may not leave less (except nothing).
		#[pallet::constant]
		type MinStake: Get<BalanceOf<Self>>;

		/// How many blocks unstaked DSG stays held before it can be withdrawn.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The most unlocking chunks a member may have at once. It bounds the ledger's storage:
		/// never lower it without a migration.
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;

		/// The lowest elite tier: members at this tier or above share the dividend pool
		/// (seed: K13).
		#[pallet::constant]
		type EliteTier: Get<Tier>;

		/// The origin that may replace the tier table (governance).
		type TierOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Told the new active stake and elite status after every change of an active stake
		/// (the dividend pool's shares).
		type OnStakeChanged: OnStakeChanged<Self::AccountId, BalanceOf<Self>>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// DSG staked for a membership tier: the active stake and the stake still unbonding.
		#[codec(index = 0)]
		Staked,
	}

	/// The stake of each member: active stake and unlocking chunks. No entry: nothing staked.
	#[pallet::storage]
	pub type Ledger<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, LedgerOf<T>>;

	/// The sum of every member's active stake (unlocking stake is not counted).
	#[pallet::storage]
	pub type TotalStaked<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The tier table: entry `i` is tier K(i+1) with its threshold and benefits.
	#[pallet::storage]
	pub type Tiers<T: Config> = StorageValue<_, TierTableOf<T>, ValueQuery>;

	/// The tier table a chain starts with.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The tiers K1.. in order (1 to 15 entries, strictly increasing thresholds,
		/// non-decreasing benefits).
		pub tiers: Vec<GenesisTier<BalanceOf<T>>>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { tiers: default_genesis_tiers() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let tiers: Vec<TierInfo<BalanceOf<T>>> =
				self.tiers.iter().cloned().map(Into::into).collect();
			// An invalid genesis table is a chain-spec bug: refuse to build such a chain.
			let table = match TierTableOf::<T>::try_from(tiers) {
				Ok(table) => table,
				Err(_) => panic!("membership genesis: more than 15 tiers"),
			};
			if let Err(e) = validate_tier_table(&table) {
				panic!("membership genesis: invalid tier table: {e:?}");
			}
			Tiers::<T>::put(table);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` staked `amount` more DSG and is now at `tier`.
		Staked { who: T::AccountId, amount: BalanceOf<T>, tier: Tier },
		/// `who` unstaked `amount`: it left the active stake (now at `tier`) and can be
		/// withdrawn from block `unlock_at`.
		Unstaked {
			who: T::AccountId,
			amount: BalanceOf<T>,
			unlock_at: BlockNumberFor<T>,
			tier: Tier,
		},
		/// `who` withdrew `amount` of unbonded stake to their free balance.
		Withdrawn { who: T::AccountId, amount: BalanceOf<T> },
		/// `who` moved `amount` of unlocking stake back into the active stake, now at `tier`.
		Rebonded { who: T::AccountId, amount: BalanceOf<T>, tier: Tier },
		/// `who`'s tier changed from `from` to `to` because their active stake changed.
		TierChanged { who: T::AccountId, from: Tier, to: Tier },
		/// Governance replaced the tier table; every tier is derived from it from now on.
		TiersSet { tiers: TierTableOf<T> },
		/// `who`'s elite status changed with the tier table (or `EliteTier`) and was passed on
		/// to the dividend pool.
		EliteStatusRefreshed { who: T::AccountId, is_elite: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount must be more than zero.
		ZeroAmount,
		/// The active stake would be below the minimum stake: stake at least the minimum.
		BelowMinimumStake,
		/// Not enough free DSG to stake this amount (the existential deposit stays free).
		/// Holding only stablecoins? Swap some for DSG with `assetConversion.swapExactTokensForTokens`.
		InsufficientBalance,
		/// This account has no stake.
		NotStaking,
		/// Cannot unstake more than the active stake.
		InsufficientActiveStake,
		/// The unstake would leave an active stake below the minimum: unstake everything, or
		/// less.
		RemainderBelowMinimum,
		/// Too many unlocking chunks: withdraw the due ones or wait for them.
		NoMoreChunks,
		/// No unlocking chunk is due yet.
		NothingToWithdraw,
		/// Cannot rebond more than is unlocking.
		NotEnoughUnlocking,
		/// A tier table needs at least one tier.
		EmptyTierTable,
		/// K1's threshold must be more than zero.
		ZeroTierThreshold,
		/// Each tier's threshold must be higher than the one below it.
		TierThresholdsNotIncreasing,
		/// A tier may not give less (in any benefit) than the tier below it.
		TierBenefitsDecreasing,
		/// The elite status already matches the current tier table: nothing to refresh.
		EliteStatusUnchanged,
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Everything a wallet shows about `who`'s membership: tier, elite status, benefits,
		/// active stake, unlocking chunks, what can be withdrawn now and the next tier's
		/// threshold.
		pub fn member_info(who: T::AccountId) -> MemberInfo<BalanceOf<T>, BlockNumberFor<T>> {
			Self::info_of(&who)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Stake `amount` more DSG: it is held from the caller's free balance and added to the
		/// active stake, which may raise the tier.
		///
		/// A first stake (an empty active stake) must reach [`Config::MinStake`].
		///
		/// Emits [`Event::Staked`], and [`Event::TierChanged`] when the tier changes.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::stake().saturating_add(T::OnStakeChanged::max_weight()))]
		pub fn stake(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_stake(&who, amount)
		}

		/// Unstake `amount`: it leaves the active stake at once (the tier drops now) and
		/// becomes an unlocking chunk, withdrawable after [`Config::UnbondingPeriod`] blocks.
		///
		/// The active stake left must be zero or at least [`Config::MinStake`].
		///
		/// Emits [`Event::Unstaked`], and [`Event::TierChanged`] when the tier changes.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unstake().saturating_add(T::OnStakeChanged::max_weight()))]
		pub fn unstake(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unstake(&who, amount)
		}

		/// Release every due unlocking chunk to the caller's free balance. An empty ledger is
		/// removed.
		///
		/// Emits [`Event::Withdrawn`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(&who)
		}

		/// Move `amount` of unlocking stake back into the active stake, newest chunks first.
		///
		/// The active stake after it must reach [`Config::MinStake`].
		///
		/// Emits [`Event::Rebonded`], and [`Event::TierChanged`] when the tier changes.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::rebond().saturating_add(T::OnStakeChanged::max_weight()))]
		pub fn rebond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rebond(&who, amount)
		}

		/// Replace the tier table. Origin: [`Config::TierOrigin`].
		///
		/// `tiers` lists K1.. in order: 1 to 15 entries, K1's threshold above zero, strictly
		/// increasing thresholds and no benefit lower than the tier below. Tiers are derived,
		/// so every member's tier follows the new table at once; elite status changes reach the
		/// dividend pool through [`Pallet::refresh`].
		///
		/// Emits [`Event::TiersSet`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_tiers())]
		pub fn set_tiers(origin: OriginFor<T>, tiers: TierTableOf<T>) -> DispatchResult {
			T::TierOrigin::ensure_origin(origin)?;
			Self::do_set_tiers(tiers)
		}

		/// Pass a change of `member`'s elite status that came from a new tier table (or a new
		/// `EliteTier`) on to the dividend pool. Anyone may call it; it fails when there is
		/// nothing to pass on.
		///
		/// Emits [`Event::EliteStatusRefreshed`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::refresh().saturating_add(T::OnStakeChanged::max_weight()))]
		pub fn refresh(origin: OriginFor<T>, member: AccountIdLookupOf<T>) -> DispatchResult {
			ensure_signed(origin)?;
			let member = T::Lookup::lookup(member)?;
			Self::do_refresh(&member)
		}
	}
}
