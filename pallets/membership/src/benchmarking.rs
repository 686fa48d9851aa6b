//! Benchmarks of the membership calls (frame-benchmarking v2), each at its worst case: a full
//! tier table (15 tiers), a ledger with `MaxUnlockingChunks` chunks, and a tier change.

use super::*;
use crate::Pallet as Membership;
use alloc::vec::Vec;
use despend_primitives::{TierBenefits, MAX_TIER};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_arithmetic::Perbill;
use sp_runtime::traits::{Saturating, StaticLookup};

/// The stake step of the benchmarks: tier K`k` needs `k` steps.
fn step<T: Config>() -> BalanceOf<T> {
	T::MinStake::get().max(T::Currency::minimum_balance()).max(1u32.into())
}

/// A full tier table: K`k` at `k * scale` steps, every benefit `k` percent.
fn full_tier_table<T: Config>(scale: u32) -> TierTableOf<T> {
	let tiers: Vec<_> = (1..=u32::from(MAX_TIER))
		.map(|k| TierInfo {
			threshold: step::<T>().saturating_mul(k.saturating_mul(scale).into()),
			benefits: TierBenefits {
				mining_bonus: Perbill::from_percent(k),
				dsg_payment_discount: Perbill::from_percent(k),
				review_weight_bonus: Perbill::from_percent(k),
			},
		})
		.collect();
	TierTableOf::<T>::truncate_from(tiers)
}

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(BlockNumberFor::<T>::from(n));
}

/// An account with plenty of free DSG.
fn funded<T: Config>(who: &T::AccountId)
where
	T::Currency: Mutate<T::AccountId>,
{
	let chunks = T::MaxUnlockingChunks::get();
	let budget = step::<T>().saturating_mul((chunks.saturating_add(100)).saturating_mul(10).into());
	T::Currency::set_balance(who, T::Currency::minimum_balance().saturating_add(budget));
}

/// Makes `who` a member with `chunks` unlocking chunks of one step each (one per block, so
/// none merge) and one step left active (K1 under [`full_tier_table`] with scale 1). Leaves
/// the block number at `chunks`.
fn member_with_chunks<T: Config>(who: &T::AccountId, chunks: u32) -> Result<(), BenchmarkError>
where
	T::Currency: Mutate<T::AccountId>,
{
	Tiers::<T>::put(full_tier_table::<T>(1));
	funded::<T>(who);
	set_block::<T>(1);
	Membership::<T>::do_stake(who, step::<T>().saturating_mul(chunks.saturating_add(1).into()))?;
	for block in 1..=chunks {
		set_block::<T>(block);
		Membership::<T>::do_unstake(who, step::<T>())?;
	}
	Ok(())
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	/// A member with full unlocking chunks stakes from K1 to K15.
	#[benchmark]
	fn stake() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		member_with_chunks::<T>(&caller, T::MaxUnlockingChunks::get())?;
		let amount = step::<T>().saturating_mul(u32::from(MAX_TIER).into());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), amount);

		assert_eq!(Membership::<T>::member_info(caller.clone()).tier, MAX_TIER);
		Ok(())
	}

	/// A member at K15 with all but one chunk in use unstakes down to K1 into a new chunk.
	#[benchmark]
	fn unstake() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let max = T::MaxUnlockingChunks::get();
		member_with_chunks::<T>(&caller, max.saturating_sub(1))?;
		let amount = step::<T>().saturating_mul(u32::from(MAX_TIER).into());
		Membership::<T>::do_stake(&caller, amount)?;
		set_block::<T>(max.saturating_add(1));

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), amount);

		let info = Membership::<T>::member_info(caller.clone());
		assert_eq!(info.tier, 1);
		assert_eq!(info.unlocking.len(), max as usize);
		Ok(())
	}

	/// A member with full chunks, all due and nothing active, withdraws everything (the
	/// ledger and the hold are removed).
	#[benchmark]
	fn withdraw_unbonded() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let max = T::MaxUnlockingChunks::get();
		member_with_chunks::<T>(&caller, max)?;
		// Merged into the newest chunk: same block.
		Membership::<T>::do_unstake(&caller, step::<T>())?;
		frame_system::Pallet::<T>::set_block_number(
			BlockNumberFor::<T>::from(max).saturating_add(T::UnbondingPeriod::get()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(Ledger::<T>::get(&caller).is_none());
		Ok(())
	}

	/// A member with full chunks rebonds all of them (every chunk is visited and removed).
	#[benchmark]
	fn rebond() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let max = T::MaxUnlockingChunks::get();
		member_with_chunks::<T>(&caller, max)?;
		let amount = step::<T>().saturating_mul(max.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), amount);

		assert!(Membership::<T>::member_info(caller.clone()).unlocking.is_empty());
		Ok(())
	}

	/// Governance sets a full table (validation visits every tier).
	#[benchmark]
	fn set_tiers() -> Result<(), BenchmarkError> {
		let origin =
			T::TierOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let table = full_tier_table::<T>(2);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, table.clone());

		assert_eq!(Tiers::<T>::get(), table);
		Ok(())
	}

	/// A member with full chunks whose reported elite status is out of date is refreshed.
	#[benchmark]
	fn refresh() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		let member: T::AccountId = account("member", 0, 0);
		member_with_chunks::<T>(&member, T::MaxUnlockingChunks::get())?;
		// As after a change of the tier table: the status last reported is stale.
		Ledger::<T>::mutate(&member, |ledger| {
			if let Some(ledger) = ledger {
				ledger.elite = !ledger.elite;
			}
		});
		let member_lookup = T::Lookup::unlookup(member.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), member_lookup);

		let ledger = Ledger::<T>::get(&member).ok_or("ledger exists")?;
		assert_eq!(ledger.elite, Membership::<T>::member_info(member.clone()).is_elite);
		Ok(())
	}

	impl_benchmark_test_suite!(Membership, crate::mock::new_test_ext(), crate::mock::Test);
}
