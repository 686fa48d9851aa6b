//! Governance's changes to the validator set: add one, remove one, replace all. Each change
//! only rewrites [`Validators`] and raises [`SetChanged`]; pallet-session picks the new set up
//! at the next session boundary (see the session manager in `impl_traits.rs`).

use crate::*;
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Adds `who` to the set.
	///
	/// Errors: [`Error::AlreadyValidator`] if `who` is a member, [`Error::NoSessionKeys`] if it
	/// has no keys in pallet-session, [`Error::TooManyValidators`] if the set is full.
	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		let mut validators = Validators::<T>::get();
		ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
		ensure!(Self::has_session_keys(&who), Error::<T>::NoSessionKeys);
		validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;

		Validators::<T>::put(validators);
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Removes `who` from the set.
	///
	/// Errors: [`Error::NotValidator`] if `who` is not a member, [`Error::TooFewValidators`] if
	/// the set would fall below [`Pallet::min_validators`].
	pub(crate) fn do_remove_validator(who: T::AccountId) -> DispatchResult {
		let mut validators = Validators::<T>::get();
		ensure!(validators.contains(&who), Error::<T>::NotValidator);
		ensure!(
			validators.len().saturating_sub(1) >= Self::min_validators(),
			Error::<T>::TooFewValidators
		);
		validators.retain(|v| v != &who);

		Validators::<T>::put(validators);
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// Replaces the whole set with `new` (kept in its order).
	///
	/// Errors: those of [`Pallet::validate_set`] with keys checked.
	pub(crate) fn do_set_validators(new: Vec<T::AccountId>) -> DispatchResult {
		let validators = Self::validate_set(new, true)?;

		Validators::<T>::put(validators.clone());
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorsSet { validators });
		Ok(())
	}

	/// Checks a whole new set and bounds it.
	///
	/// Errors: [`Error::TooFewValidators`] below [`Pallet::min_validators`],
	/// [`Error::TooManyValidators`] above `MaxValidators`, [`Error::DuplicateValidator`] if an
	/// account is listed twice, and (only when `check_keys`; genesis cannot, as pallet-session
	/// stores keys after this pallet) [`Error::NoSessionKeys`] if a member has no session keys.
	pub(crate) fn validate_set(
		new: Vec<T::AccountId>,
		check_keys: bool,
	) -> Result<ValidatorsOf<T>, Error<T>> {
		ensure!(new.len() >= Self::min_validators(), Error::<T>::TooFewValidators);
		let validators =
			ValidatorsOf::<T>::try_from(new).map_err(|_| Error::<T>::TooManyValidators)?;
		ensure!(!Self::has_duplicates(&validators), Error::<T>::DuplicateValidator);
		if check_keys {
			ensure!(validators.iter().all(Self::has_session_keys), Error::<T>::NoSessionKeys);
		}
		Ok(validators)
	}

	/// The smallest set governance may leave: `MinValidators`, but never less than one.
	pub fn min_validators() -> usize {
		usize::try_from(T::MinValidators::get()).unwrap_or(usize::MAX).max(1)
	}

	/// Whether `who` has session keys registered with pallet-session (for the next session).
	pub fn has_session_keys(who: &T::AccountId) -> bool {
		pallet_session::NextKeys::<T>::contains_key(who)
	}

	/// Whether an account appears twice in `validators` (sorts a copy: `O(n log n)`).
	pub(crate) fn has_duplicates(validators: &[T::AccountId]) -> bool {
		let mut sorted = validators.to_vec();
		sorted.sort_unstable();
		sorted.windows(2).any(|pair| matches!(pair, [a, b] if a == b))
	}
}
