//! Benchmarks of the referrals pallet (frame-benchmarking v2): binding at every length of the
//! promoter's chain up to `MaxAncestorCheck`, and the commission lookup with two promoters.

use super::*;
use crate::Pallet as Referrals;
use alloc::vec::Vec;
use despend_primitives::{PromoterCommissions, MAX_PROMOTERS};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, StaticLookup};

/// Gives `who` enough free DSG for a few binding deposits.
fn fund<T: Config>(who: &T::AccountId)
where
	T::Currency: Mutate<T::AccountId>,
{
	let deposit = T::BindDeposit::get();
	let ed = T::Currency::minimum_balance();
	let amount =
		deposit.saturating_add(ed).saturating_mul(10u32.into()).saturating_add(1u32.into());
	T::Currency::set_balance(who, amount);
}

/// A funded account.
fn funded_account<T: Config>(name: &'static str, index: u32) -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	who
}

/// A chain of `len` funded accounts, each bound to the next; returns them from the bottom
/// (the first) to the root (the last).
fn chain<T: Config>(len: u32) -> Result<Vec<T::AccountId>, BenchmarkError>
where
	T::Currency: Mutate<T::AccountId>,
{
	let accounts: Vec<T::AccountId> = (0..len).map(|i| funded_account::<T>("link", i)).collect();
	// Bind from the root down: each account binds while nobody refers to it, so no walk.
	for pair in accounts.windows(2).rev() {
		if let [lower, upper] = pair {
			Referrals::<T>::do_bind_promoter(lower, upper.clone())?;
		}
	}
	Ok(accounts)
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	/// The caller binds to the bottom of a chain of `n` accounts. For `n > 0` the caller
	/// has bound a buyer already, so the whole chain is walked; `n = 0` is a caller nobody refers
	/// to (no walk).
	#[benchmark]
	fn bind_promoter(n: Linear<0, { T::MaxAncestorCheck::get() }>) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let promoter = if n == 0 {
			funded_account::<T>("promoter", 0)
		} else {
			let buyer = funded_account::<T>("buyer", 0);
			Referrals::<T>::do_bind_promoter(&buyer, caller.clone())?;
			chain::<T>(n)?.into_iter().next().ok_or("the chain has a bottom")?
		};
		let promoter_lookup = T::Lookup::unlookup(promoter.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), promoter_lookup);

		assert_eq!(Referrals::<T>::promoter_of(&caller), Some(promoter));
		Ok(())
	}

	/// The lookup for a buyer with a direct and an indirect promoter.
	#[benchmark]
	fn commissions() -> Result<(), BenchmarkError> {
		let links = chain::<T>(3)?;
		let buyer = links.first().cloned().ok_or("the chain has a bottom")?;
		let revenue: BalanceOf<T> = 1_000_000u32.into();
		let result;

		#[block]
		{
			result = <Referrals<T> as PromoterCommissions<_, _>>::commissions(&buyer, revenue);
		}

		assert!(result.len() <= MAX_PROMOTERS as usize);
		Ok(())
	}

	impl_benchmark_test_suite!(Referrals, crate::mock::new_test_ext(), crate::mock::Test);
}
