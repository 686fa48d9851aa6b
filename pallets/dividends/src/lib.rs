//! # Dividends pallet: the global dividend pool
//!
//! Receives each settled order's dividend income (`SettlementParts::dividend_income`, paid into
//! [`Pallet::account_id`] by the order pallet, which then tells this pallet through
//! [`despend_primitives::OnOrderSettled`]) and shares it, per asset, among the pool's
//! shareholders: elite members by their active stake (kept in sync through
//! [`despend_primitives::OnStakeChanged`]) and the holders of RWA-NFTs staked here
//! ([`Pallet::stake_rwa`]). Shareholders `claim` into a withdrawal queue and `withdraw` after
//! `StandardWithdrawDelay`, or `turbo_claim` at once for `TurboFee`, which goes back to the
//! pool. Sharing is O(number of pool assets) per operation (an income-per-share accumulator),
//! and a new share earns only from the next epoch, so staking just before income arrives earns
//! nothing. The arithmetic and its rules are in `docs/design.md` ("The dividend pool").

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// This pallet's account (derived from `Config::PalletId`), as a `Get` for the runtime to hand
/// to the pallets that pay into it.
pub struct PalletAccount<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<T::AccountId> for PalletAccount<T> {
	fn get() -> T::AccountId {
		Pallet::<T>::account_id()
	}
}

/// What benchmarks need from the runtime to set up other pallets' state.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind> {
	/// Make sure every pool asset exists and the pool account holds each one's minimum
	/// balance, so `fungibles::Mutate::mint_into` works for all of them.
	fn setup_pool_assets(pool: &AccountId, assets: &[AssetKind]);
	/// An RWA-NFT item (id) owned by `owner`, with a non-zero income weight, that is not
	/// staked: mint it in the RWA pallet.
	fn rwa_item(owner: &AccountId, index: u32) -> despend_primitives::OrderId;
	/// Make `who` an elite member with some active stake in the membership pallet (which
	/// reports it to this pallet through `OnStakeChanged`).
	fn make_elite(who: &AccountId);
}

pub(crate) mod features;
mod impl_traits;
mod invariants;
pub mod migrations;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// The number of shareholders the `claim` benchmark goes up to. `claim` does not depend on
/// the number of shareholders; its weight is read at this bound to stay on the safe side.
pub const CLAIM_BENCHMARK_SHAREHOLDERS: u32 = 100_000;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use despend_primitives::{MemberTiers, OrderId, RwaItems};
	use frame_support::{pallet_prelude::*, traits::tokens::fungibles, PalletId};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::{FixedU128, Perbill};
	use sp_core::U256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// What an asset is (`NativeOrWithId<u32>`: DSG or a stablecoin).
		type AssetKind: Parameter + MaxEncodedLen;

		/// DSG and the stablecoins; the pool pays from its account with them.
		type Assets: fungibles::Inspect<Self::AccountId, AssetId = Self::AssetKind>
			+ fungibles::Mutate<Self::AccountId>;

		/// The assets the pool shares (DSG, USDT, USDC). Only ever add to this list: income
		/// owed in a removed asset could no longer be claimed.
		type PoolAssets: Get<PoolAssetsOf<Self>>;

		/// The pallet's id: its account holds the pool.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Membership tiers: read by `sync_stake`.
		type Members: MemberTiers<Self::AccountId, BalanceOf<Self>>;

		/// RWA-NFTs: their owners and income weights.
		type Rwa: RwaItems<Self::AccountId, BalanceOf<Self>>;

		/// Shares per planck of an elite member's active DSG stake (USD units per DSG planck).
		type StakeShareWeight: Get<FixedU128>;

		/// Blocks per dividend epoch; new shares start earning at the next epoch. Changing it
		/// affects the current epoch's end (epochs are counted, not derived from block numbers).
		type EpochLength: Get<BlockNumberFor<Self>>;

		/// How long an RWA-NFT stays staked at least.
		type MinRwaStakePeriod: Get<BlockNumberFor<Self>>;

		/// How long claimed income waits in the withdrawal queue.
		type StandardWithdrawDelay: Get<BlockNumberFor<Self>>;

		/// The fee of a turbo claim, shared among the other shareholders.
		type TurboFee: Get<Perbill>;

		/// The most queued withdrawals one account can have.
		#[pallet::constant]
		type MaxPendingWithdrawals: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets up other pallets' state for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AssetKind>;
	}

	/// Income per share ever distributed, per asset, scaled by [`ACC_SCALE`].
	#[pallet::storage]
	pub type Acc<T: Config> = StorageMap<_, Twox64Concat, T::AssetKind, U256, ValueQuery>;

	/// Income waiting for shareholders (it arrived while nobody held an active share, or in an
	/// asset outside `PoolAssets`).
	#[pallet::storage]
	pub type Undistributed<T: Config> =
		StorageMap<_, Twox64Concat, T::AssetKind, BalanceOf<T>, ValueQuery>;

	/// The shares earning now.
	#[pallet::storage]
	pub type TotalShares<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The current dividend epoch (a counter: one more at every roll).
	#[pallet::storage]
	pub type CurrentEpoch<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// The block in which the current epoch started; the next starts with the first operation
	/// `EpochLength` blocks later.
	#[pallet::storage]
	pub type EpochStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Shares that start earning at the next epoch.
	#[pallet::storage]
	pub type Upcoming<T: Config> = StorageValue<_, UpcomingSharesOf<T>, OptionQuery>;

	/// Each asset's accumulator at the start of an epoch, kept while some account still has to
	/// activate shares that started then.
	#[pallet::storage]
	pub type EpochSnapshots<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EpochIndex,
		Twox64Concat,
		T::AssetKind,
		U256,
		OptionQuery,
	>;

	/// How many accounts still have to activate shares that started at an epoch.
	#[pallet::storage]
	pub type SnapshotRefs<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, u32, ValueQuery>;

	/// Every account holding or waiting for shares.
	#[pallet::storage]
	pub type Shareholders<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ShareholderOf<T>, OptionQuery>;

	/// Each account's income per asset.
	#[pallet::storage]
	pub type IncomeRecords<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		T::AssetKind,
		IncomeRecordOf<T>,
		OptionQuery,
	>;

	/// RWA-NFTs staked in the pool.
	#[pallet::storage]
	pub type StakedItems<T: Config> =
		StorageMap<_, Twox64Concat, OrderId, StakedItemOf<T>, OptionQuery>;

	/// Each account's claimed income waiting for release, oldest first.
	#[pallet::storage]
	pub type Withdrawals<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<WithdrawalOf<T>, T::MaxPendingWithdrawals>,
		ValueQuery,
	>;

	/// The sum of all queued withdrawals, per asset.
	#[pallet::storage]
	pub type Queued<T: Config> =
		StorageMap<_, Twox64Concat, T::AssetKind, BalanceOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Income was shared among the shareholders.
		IncomeDistributed {
			/// The asset.
			asset: T::AssetKind,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// Income is kept for later shareholders (nobody holds an active share, or the asset
		/// is not a pool asset).
		IncomeHeld {
			/// The asset.
			asset: T::AssetKind,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A new dividend epoch started: upcoming shares became active.
		EpochStarted {
			/// The epoch.
			epoch: EpochIndex,
			/// The shares earning from now on.
			total_shares: BalanceOf<T>,
		},
		/// An account's shares changed.
		SharesChanged {
			/// The account.
			who: T::AccountId,
			/// Its shares from DSG stake.
			stake_share: BalanceOf<T>,
			/// Its shares from staked RWA-NFTs.
			rwa_share: BalanceOf<T>,
			/// Its shares earning now.
			active: BalanceOf<T>,
			/// Its shares that start earning at `upcoming_epoch`.
			upcoming: BalanceOf<T>,
			/// When they start.
			upcoming_epoch: EpochIndex,
		},
		/// An RWA-NFT was staked into the pool.
		RwaStaked {
			/// Its owner.
			who: T::AccountId,
			/// The item.
			item: OrderId,
			/// Its income weight (shares).
			weight: BalanceOf<T>,
		},
		/// An RWA-NFT left the pool.
		RwaUnstaked {
			/// Its owner.
			who: T::AccountId,
			/// The item.
			item: OrderId,
			/// The shares it gave.
			weight: BalanceOf<T>,
		},
		/// Income was claimed into the withdrawal queue.
		Claimed {
			/// The shareholder.
			who: T::AccountId,
			/// What, per asset.
			amounts: AmountsOf<T>,
			/// When it can be withdrawn.
			release_at: BlockNumberFor<T>,
		},
		/// Released withdrawals were paid.
		Withdrawn {
			/// The shareholder.
			who: T::AccountId,
			/// What, per asset.
			amounts: AmountsOf<T>,
		},
		/// Income was paid at once, minus the turbo fee.
		TurboClaimed {
			/// The shareholder.
			who: T::AccountId,
			/// Paid and fee, per asset.
			payouts: TurboPayoutsOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// You hold no dividend share and have no income to claim: only elite members (tier
		/// K13 and above, by their DSG stake) and holders of RWA-NFTs staked in the pool share
		/// the dividend pool.
		NotAShareholder,
		/// Your shares have not earned any income yet (new shares earn from the next epoch).
		NothingToClaim,
		/// Too many claims are waiting in your withdrawal queue: withdraw released ones first.
		TooManyPendingWithdrawals,
		/// None of your claims is released yet.
		NothingToWithdraw,
		/// The turbo fee is above the maximum you accepted.
		FeeTooHigh,
		/// There is no RWA-NFT with this id.
		UnknownItem,
		/// Only the owner of this RWA-NFT can stake it.
		NotItemOwner,
		/// This RWA-NFT is already staked.
		AlreadyStaked,
		/// This RWA-NFT is not staked.
		NotStaked,
		/// Only the account that staked this RWA-NFT can unstake it.
		NotStaker,
		/// This RWA-NFT must stay staked for the minimum staking period.
		StakePeriodNotOver,
		/// Your account cannot receive the income (e.g. a DSG amount below the existential
		/// deposit into an account without DSG): it stays owed.
		CannotReceive,
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// What `who` could claim now in every pool asset (income held for the next epoch is
		/// not included).
		pub fn pending_income(who: T::AccountId) -> alloc::vec::Vec<(T::AssetKind, BalanceOf<T>)> {
			Self::pending_of(&who)
		}

		/// `who`'s claimed dividends waiting in the queue, total per asset, released or not.
		pub fn queued_withdrawals(
			who: T::AccountId,
		) -> alloc::vec::Vec<(T::AssetKind, BalanceOf<T>)> {
			Self::queued_of(&who)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Rolls the pool into a new epoch at the first block it is due, once per epoch, so
		/// that income from settlements is only ever added to an accumulator.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			if Self::roll_epoch() {
				T::WeightInfo::on_initialize_roll()
			} else {
				T::WeightInfo::on_initialize_wait()
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Stake RWA-NFT `item` into the pool: it gives its income weight as shares from the
		/// next epoch, cannot move while staked, and any sale listing of it ends.
		///
		/// Only its owner.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::stake_rwa())]
		pub fn stake_rwa(origin: OriginFor<T>, item: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_stake_rwa(who, item)
		}

		/// Take RWA-NFT `item` out of the pool (its shares end at once).
		///
		/// Only the account that staked it, `MinRwaStakePeriod` after staking.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unstake_rwa())]
		pub fn unstake_rwa(origin: OriginFor<T>, item: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unstake_rwa(who, item)
		}

		/// Claim your income in every pool asset into the withdrawal queue; `withdraw` pays it
		/// after `StandardWithdrawDelay`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::claim(CLAIM_BENCHMARK_SHAREHOLDERS))]
		pub fn claim(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(who)
		}

		/// Receive every released withdrawal of your queue.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(who)
		}

		/// Receive your income at once, minus `TurboFee` of each amount, which goes to the
		/// other shareholders. Fails with `FeeTooHigh` if `TurboFee` is above `max_fee`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::turbo_claim())]
		pub fn turbo_claim(origin: OriginFor<T>, max_fee: Perbill) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_turbo_claim(who, max_fee)
		}

		/// Bring `who`'s stake share up to date with the membership pallet and the current
		/// `StakeShareWeight` (e.g. after governance changed the weight). Anybody may.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::sync_stake())]
		pub fn sync_stake(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_sync_stake(&who);
			Ok(())
		}
	}
}
