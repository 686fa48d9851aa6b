//! This pallet as pallet-session's [`SessionManager`]: hands over the set governance chose,
//! once, at the first session boundary after a change.
//!
//! pallet-session calls, at the boundary that starts session `N`: `end_session(N - 1)`,
//! `start_session(N)`, then `new_session(N + 1)`. A set returned by `new_session(N + 1)` is
//! queued now and becomes active when session `N + 1` starts.

use crate::*;
use alloc::vec::Vec;
use pallet_session::SessionManager;
use sp_runtime::SaturatedConversion;
use sp_staking::SessionIndex;

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	/// Returns the set for session `new_index` if governance changed it since the last hand-over
	/// (emitting [`Event::NewSessionPlanned`]), otherwise `None`, so pallet-session keeps the
	/// current set.
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get();
		if validators.is_empty() {
			// Unreachable through the calls (they keep the set above the floor); refuse to hand
			// pallet-session an empty set, which would stop block production.
			log::error!(target: LOG_TARGET, "empty validator set not handed to pallet-session");
			return None;
		}
		let validators_count = validators.len().saturated_into::<u32>();
		log::debug!(
			target: LOG_TARGET,
			"planning session {} with {} validators",
			new_index,
			validators_count
		);
		Self::deposit_event(Event::NewSessionPlanned { session: new_index, validators_count });
		Some(validators.into_inner())
	}

	/// Returns the genesis set for the first two sessions (`None` if the set is empty, which a
	/// valid genesis never has: pallet-session then falls back to its own genesis keys).
	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let validators = Validators::<T>::get();
		(!validators.is_empty()).then(|| validators.into_inner())
	}

	/// Nothing to do: there are no rewards to settle at the end of a session.
	fn end_session(_end_index: SessionIndex) {}

	/// Nothing to do: the set was queued a session ago.
	fn start_session(_start_index: SessionIndex) {}
}

/// pallet-session's `ShouldEndSession` in a runtime where this pallet rotates sessions: never
/// from pallet-session's own `on_initialize` (which would report a full block of weight).
pub struct NeverEndSession;
impl<BlockNumber> pallet_session::ShouldEndSession<BlockNumber> for NeverEndSession {
	fn should_end_session(_: BlockNumber) -> bool {
		false
	}
}
