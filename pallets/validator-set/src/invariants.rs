//! The pallet's invariants, checked by `try_state` (and after every test).

use crate::*;
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks the validator-set invariants:
	///
	/// - [`Validators`] is non-empty, has at least [`Pallet::min_validators`] and at most
	///   `MaxValidators` members, and no account twice;
	/// - every member has session keys in pallet-session (`NextKeys`), so it can produce
	///   blocks once active;
	/// - when no change is pending ([`SetChanged`] is false), pallet-session has queued exactly
	///   this set, in this order (it was handed over, or it is the genesis set).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let validators = Validators::<T>::get();
		ensure!(!validators.is_empty(), "validator-set: the validator set is empty");
		ensure!(
			validators.len() >= Self::min_validators(),
			"validator-set: fewer validators than the minimum"
		);
		ensure!(
			u32::try_from(validators.len()).is_ok_and(|len| len <= T::MaxValidators::get()),
			"validator-set: more validators than the maximum"
		);
		ensure!(
			!Self::has_duplicates(&validators),
			"validator-set: an account is in the set twice"
		);
		ensure!(
			validators.iter().all(Self::has_session_keys),
			"validator-set: a validator has no session keys"
		);
		if !SetChanged::<T>::get() {
			let queued: Vec<T::AccountId> =
				pallet_session::QueuedKeys::<T>::get().into_iter().map(|(who, _)| who).collect();
			ensure!(
				queued == validators.into_inner(),
				"validator-set: pallet-session queued a set other than this pallet's"
			);
		}
		Ok(())
	}
}
