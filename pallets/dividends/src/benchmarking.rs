//! Benchmarks of the dividend pool: every call, handler and hook, each in its worst case. A call
//! starts a new epoch (upcoming shares activate, accumulator snapshots are written, kept (undistributed) income
//! is shared; calls still roll themselves, on the safe side of `on_initialize` having rolled)
//! and the account activates its own upcoming shares lazily, with income owed in every pool
//! asset. A settlement's handler runs after `on_initialize` rolled, so it only credits income.
//!
//! `claim` is measured from 10 to 100,000 shareholders to show that its cost does not depend on
//! their number (the setup writes the shareholders straight into storage).

use super::*;
use crate::Pallet as Dividends;
use alloc::vec::Vec;
use despend_primitives::{OnOrderSettled, OnStakeChanged, OrderSettlement, SettlementParts};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect as _, Mutate as _},
		Hooks,
	},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_arithmetic::{traits::Zero, Perbill};
use sp_runtime::{SaturatedConversion, Saturating};

/// Shares given to the benchmarked account (independent of `StakeShareWeight`).
const SHARES: u32 = 1_000_000_000;

fn pool_assets<T: Config>() -> Vec<T::AssetKind> {
	T::PoolAssets::get().into_inner()
}

/// An amount of `asset` well above its minimum balance, so any account can receive it.
fn income<T: Config>(asset: &T::AssetKind) -> BalanceOf<T> {
	T::Assets::minimum_balance(asset.clone())
		.saturating_mul(1_000u32.into())
		.saturating_add(1_000_000u32.into())
}

/// Moves to the first block at which the next epoch can start, and not before `not_before`.
fn to_next_epoch<T: Config>(not_before: BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	let block = Dividends::<T>::next_epoch_at().max(now).max(not_before);
	frame_system::Pallet::<T>::set_block_number(block);
}

/// Puts `amount` of `asset` in the pool account, as the order pallet does before crediting it.
fn fund_pool<T: Config>(asset: &T::AssetKind, amount: BalanceOf<T>) -> Result<(), BenchmarkError> {
	T::Assets::mint_into(asset.clone(), &Dividends::<T>::account_id(), amount)?;
	Ok(())
}

/// Income in every pool asset, shared among the current shares.
fn income_in_every_asset<T: Config>() -> Result<(), BenchmarkError> {
	for asset in pool_assets::<T>() {
		let amount = income::<T>(&asset);
		fund_pool::<T>(&asset, amount)?;
		Dividends::<T>::credit_income(asset, amount);
	}
	Ok(())
}

/// `n` more shareholders with one active share each, written straight into storage.
fn add_shareholders<T: Config>(n: u32) {
	let one: BalanceOf<T> = 1u32.into();
	for i in 0..n {
		let who: T::AccountId = account("shareholder", i, 0);
		Shareholders::<T>::insert(
			who,
			Shareholder { stake_share: one, active: one, ..Default::default() },
		);
	}
	TotalShares::<T>::mutate(|total| *total = total.saturating_add(n.into()));
}

/// Makes `who` a shareholder in the most expensive state for its next operation: it has active
/// shares with income owed in every pool asset and upcoming shares; the block is the start of a
/// new epoch (not before `not_before`) that the pool has not rolled into yet, with income kept
/// in every asset for the roll to share.
fn worst_case_shareholder<T: Config>(
	who: &T::AccountId,
	not_before: BlockNumberFor<T>,
) -> Result<(), BenchmarkError> {
	let assets = pool_assets::<T>();
	T::BenchmarkHelper::setup_pool_assets(&Dividends::<T>::account_id(), &assets);
	let shares: BalanceOf<T> = SHARES.into();

	to_next_epoch::<T>(Zero::zero());
	Dividends::<T>::update_shares(who, |info| info.stake_share = shares);
	to_next_epoch::<T>(Zero::zero());
	income_in_every_asset::<T>()?;
	Dividends::<T>::update_shares(who, |info| {
		info.stake_share = shares.saturating_mul(2u32.into())
	});
	income_in_every_asset::<T>()?;

	to_next_epoch::<T>(not_before);
	for asset in assets {
		let held = income::<T>(&asset);
		fund_pool::<T>(&asset, held)?;
		Undistributed::<T>::insert(&asset, held);
	}
	Ok(())
}

/// Fills `who`'s withdrawal queue with `entries` entries released at `release_at`, each owing
/// every pool asset (funded in the pool account).
fn fill_queue<T: Config>(
	who: &T::AccountId,
	entries: u32,
	release_at: BlockNumberFor<T>,
) -> Result<(), BenchmarkError> {
	let assets = pool_assets::<T>();
	T::BenchmarkHelper::setup_pool_assets(&Dividends::<T>::account_id(), &assets);
	let mut amounts = AmountsOf::<T>::default();
	for asset in assets {
		let amount = income::<T>(&asset);
		amounts.try_push((asset, amount)).map_err(|_| BenchmarkError::Stop("too many assets"))?;
	}
	let mut queue = Withdrawals::<T>::get(who);
	for _ in 0..entries {
		for (asset, amount) in amounts.iter() {
			fund_pool::<T>(asset, *amount)?;
			Queued::<T>::mutate(asset, |queued| *queued = queued.saturating_add(*amount));
		}
		queue
			.try_push(Withdrawal { release_at, amounts: amounts.clone() })
			.map_err(|_| BenchmarkError::Stop("queue full"))?;
	}
	Withdrawals::<T>::insert(who, queue);
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn stake_rwa() -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		worst_case_shareholder::<T>(&who, Zero::zero())?;
		let item = T::BenchmarkHelper::rwa_item(&who, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), item);

		assert!(StakedItems::<T>::contains_key(item));
		Ok(())
	}

	#[benchmark]
	fn unstake_rwa() -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		let item = T::BenchmarkHelper::rwa_item(&who, 0);
		Dividends::<T>::do_stake_rwa(who.clone(), item)?;
		let unlocks_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::MinRwaStakePeriod::get());
		worst_case_shareholder::<T>(&who, unlocks_at)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), item);

		assert!(!StakedItems::<T>::contains_key(item));
		Ok(())
	}

	/// `s`: the number of shareholders; the cost must not depend on it.
	#[benchmark]
	fn claim(s: Linear<10, CLAIM_BENCHMARK_SHAREHOLDERS>) -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		add_shareholders::<T>(s);
		worst_case_shareholder::<T>(&who, Zero::zero())?;
		let room = T::MaxPendingWithdrawals::get().saturating_sub(1);
		fill_queue::<T>(&who, room, frame_system::Pallet::<T>::block_number())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Withdrawals::<T>::get(&who).len() as u32, room.saturating_add(1));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		let now = frame_system::Pallet::<T>::block_number();
		fill_queue::<T>(&who, T::MaxPendingWithdrawals::get(), now)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Withdrawals::<T>::get(&who).is_empty());
		Ok(())
	}

	#[benchmark]
	fn turbo_claim() -> Result<(), BenchmarkError> {
		let who: T::AccountId = whitelisted_caller();
		// Somebody else to share the fee with.
		add_shareholders::<T>(1);
		worst_case_shareholder::<T>(&who, Zero::zero())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), Perbill::one());

		for asset in pool_assets::<T>() {
			assert!(Dividends::<T>::income_owed(&who, &asset).is_zero());
		}
		Ok(())
	}

	#[benchmark]
	fn sync_stake() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("member", 0, 0);
		T::BenchmarkHelper::make_elite(&who);
		worst_case_shareholder::<T>(&who, Zero::zero())?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), who.clone());

		assert!(Shareholders::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn on_order_settled() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("member", 0, 0);
		worst_case_shareholder::<T>(&who, Zero::zero())?;
		let asset =
			pool_assets::<T>().into_iter().next().ok_or(BenchmarkError::Stop("no pool asset"))?;
		let amount = income::<T>(&asset);
		fund_pool::<T>(&asset, amount)?;
		let settlement = OrderSettlement {
			parts: SettlementParts { community_fee: amount, ..Default::default() },
			settled_at: frame_system::Pallet::<T>::block_number(),
			..OrderSettlement::sale(
				1,
				account("buyer", 0, 0),
				account("merchant", 0, 0),
				asset.clone(),
				amount.saturating_mul(100u32.into()),
			)
		};
		// `on_initialize` rolled the epoch this block: a settlement only credits income.
		assert!(Dividends::<T>::roll_epoch());
		let acc_before = Acc::<T>::get(&asset);

		#[block]
		{
			let _ = <Dividends<T> as OnOrderSettled<_, _, _, _>>::on_order_settled(&settlement);
		}

		assert!(Acc::<T>::get(&asset) > acc_before);
		Ok(())
	}

	#[benchmark]
	fn on_stake_changed() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("member", 0, 0);
		worst_case_shareholder::<T>(&who, Zero::zero())?;
		let stake: BalanceOf<T> = u128::MAX.saturated_into();

		#[block]
		{
			<Dividends<T> as OnStakeChanged<_, _>>::on_stake_changed(&who, stake, true);
		}

		assert!(Shareholders::<T>::contains_key(&who));
		Ok(())
	}

	/// The first block of an epoch: upcoming shares activate (accumulator snapshots written)
	/// and income kept undistributed in every pool asset is shared.
	#[benchmark]
	fn on_initialize_roll() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("member", 0, 0);
		worst_case_shareholder::<T>(&who, Zero::zero())?;
		let now = frame_system::Pallet::<T>::block_number();
		let epoch = CurrentEpoch::<T>::get();

		#[block]
		{
			let _ = Dividends::<T>::on_initialize(now);
		}

		assert_eq!(CurrentEpoch::<T>::get(), epoch.saturating_add(1));
		Ok(())
	}

	/// Any other block: the epoch is not due.
	#[benchmark]
	fn on_initialize_wait() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("member", 0, 0);
		worst_case_shareholder::<T>(&who, Zero::zero())?;
		assert!(Dividends::<T>::roll_epoch());
		let now = frame_system::Pallet::<T>::block_number();
		let epoch = CurrentEpoch::<T>::get();

		#[block]
		{
			let _ = Dividends::<T>::on_initialize(now);
		}

		assert_eq!(CurrentEpoch::<T>::get(), epoch);
		Ok(())
	}

	impl_benchmark_test_suite!(Dividends, crate::mock::new_test_ext(), crate::mock::Test);
}
