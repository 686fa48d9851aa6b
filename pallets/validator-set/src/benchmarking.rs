//! Benchmarks of the validator-set pallet (frame-benchmarking v2), each at its worst case: a
//! set one short of `MaxValidators` for `add_validator`, a full set for `remove_validator`
//! (removing the last member) and for the session-manager hand-over, and every size from the
//! minimum to `MaxValidators` for `set_validators`.
//!
//! Session keys are written straight into `pallet_session::NextKeys`, decoded from the
//! account's own bytes: `Session::set_keys` needs an ownership proof signed by the keys, and
//! benchmarks have no keystore. This works with any runtime's `Keys` made of fixed-size public
//! keys (ours: Aura sr25519 + GRANDPA ed25519), so the runtime provides no helper.

use super::*;
use crate::Pallet as ValidatorSet;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use pallet_session::SessionManager;
use sp_runtime::traits::TrailingZeroInput;

/// Gives `who` session keys in pallet-session, made from its own bytes (distinct per account).
fn give_session_keys<T: Config>(who: &T::AccountId) -> Result<(), BenchmarkError> {
	let raw = who.encode();
	// Repeat the account's bytes so that every part of a multi-key set differs per account.
	let bytes: Vec<u8> = raw.iter().cycle().take(raw.len().saturating_mul(8)).copied().collect();
	let keys = <T as pallet_session::Config>::Keys::decode(&mut TrailingZeroInput::new(&bytes))
		.map_err(|_| BenchmarkError::Stop("session keys cannot be decoded from bytes"))?;
	pallet_session::NextKeys::<T>::insert(who, keys);
	Ok(())
}

/// `n` distinct accounts, each with session keys.
fn validators_with_keys<T: Config>(
	name: &'static str,
	n: u32,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	(0..n)
		.map(|i| {
			let who: T::AccountId = account(name, i, 0);
			give_session_keys::<T>(&who)?;
			Ok(who)
		})
		.collect()
}

/// Makes a set of `n` members (with keys) the current one, with no change pending.
fn install_set<T: Config>(n: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let members = validators_with_keys::<T>("member", n)?;
	let bounded = ValidatorsOf::<T>::try_from(members.clone())
		.map_err(|_| BenchmarkError::Stop("set larger than MaxValidators"))?;
	Validators::<T>::put(bounded);
	SetChanged::<T>::put(false);
	Ok(members)
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(
		<T as frame_system::Config>::RuntimeEvent::from(event).into(),
	);
}

/// The smallest set governance may leave, as a benchmark component.
fn min_validators<T: Config>() -> u32 {
	T::MinValidators::get().max(1)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adding the last member that fits.
	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		install_set::<T>(T::MaxValidators::get().saturating_sub(1))?;
		let who: T::AccountId = account("candidate", 0, 0);
		give_session_keys::<T>(&who)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		assert_eq!(Validators::<T>::get().len() as u32, T::MaxValidators::get());
		assert_last_event::<T>(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Removing the last member of a full set.
	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let members = install_set::<T>(T::MaxValidators::get())?;
		let who = members.last().cloned().ok_or(BenchmarkError::Stop("empty set"))?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		assert_last_event::<T>(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// Replacing a full set with `v` new members, each checked for keys and duplicates.
	#[benchmark]
	fn set_validators(
		v: Linear<{ min_validators::<T>() }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		install_set::<T>(T::MaxValidators::get())?;
		let new = validators_with_keys::<T>("newcomer", v)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new.clone());

		assert_eq!(Validators::<T>::get().into_inner(), new);
		assert!(SetChanged::<T>::get());
		Ok(())
	}

	/// Handing a changed, full set to pallet-session.
	#[benchmark]
	fn new_session() -> Result<(), BenchmarkError> {
		let members = install_set::<T>(T::MaxValidators::get())?;
		SetChanged::<T>::put(true);
		let planned;

		#[block]
		{
			planned = <ValidatorSet<T> as SessionManager<T::AccountId>>::new_session(2);
		}

		assert_eq!(planned, Some(members));
		assert!(!SetChanged::<T>::get());
		Ok(())
	}

	/// A session rotation in pallet-session (as this pallet's `on_initialize` triggers it)
	/// handing over a changed, full set: every member's keys read and queued.
	#[benchmark]
	fn rotate_session() -> Result<(), BenchmarkError> {
		install_set::<T>(T::MaxValidators::get())?;
		SetChanged::<T>::put(true);
		let before = pallet_session::CurrentIndex::<T>::get();

		#[block]
		{
			pallet_session::Pallet::<T>::rotate_session();
		}

		assert_eq!(pallet_session::CurrentIndex::<T>::get(), before + 1);
		Ok(())
	}

	impl_benchmark_test_suite!(ValidatorSet, crate::mock::new_test_ext(), crate::mock::Test);
}
