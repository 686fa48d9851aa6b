//! # Validator set: who produces and finalises DeSpend Chain's blocks
//!
//! DeSpend Chain is secured by a small set of validators running Aura (block production) and
//! GRANDPA (finality), whose session keys are managed by pallet-session. This pallet is the
//! [`pallet_session::SessionManager`] that tells pallet-session *who* those validators are: a
//! list kept in [`Validators`] that only governance ([`Config::AdminOrigin`], the root track of
//! OpenGov; Root in dev) changes, so validators join and leave without a new genesis. There is
//! no staking, no candidacy and no reward here: membership is a governance decision.
//!
//! ## How it fits the chain
//!
//! No money moves through this pallet. A validator pays pallet-session's own key deposit
//! (`pallet_session::Config::KeyDeposit`, held by pallet-session) when it sets its keys with
//! `Session::set_keys`; governance can only add an account that has done so
//! ([`Error::NoSessionKeys`]), because pallet-session silently skips a validator without keys
//! and such a member would never produce a block.
//!
//! ## Calls (all from [`Config::AdminOrigin`])
//!
//! - [`Pallet::add_validator`]: add one account (it must have session keys).
//! - [`Pallet::remove_validator`]: remove one account, never below the floor
//!   ([`Config::MinValidators`], and never below one) so governance cannot brick block
//!   production.
//! - [`Pallet::set_validators`]: replace the whole set at once, validated the same way.
//!
//! ## Timing of a change
//!
//! A change made during session `N` is handed to pallet-session at the next session boundary:
//! when session `N + 1` starts, pallet-session asks for the set of session `N + 2`
//! ([`pallet_session::SessionManager::new_session`]), this pallet returns the changed set
//! (emitting [`Event::NewSessionPlanned`]) and pallet-session *queues* it with the members'
//! keys. One session later, when session `N + 2` starts, the queued set becomes *active*
//! (`pallet_session::Validators`, and the Aura and GRANDPA authorities). So a member added or
//! removed during session `N` produces blocks from session `N + 2` on, or stops producing them
//! then. When nothing changed, `new_session` returns `None` and pallet-session keeps the
//! current set (with any rotated keys).
//!
//! ## Session rotation
//!
//! pallet-session rotates sessions in its own `on_initialize` and then reports the whole
//! block's weight as used (it has no benchmark of the rotation), so a rotation block carries
//! no user transaction. The runtime gives pallet-session a `ShouldEndSession` that never ends a
//! session ([`NeverEndSession`]) and this pallet rotates instead, in its `on_initialize`, when
//! [`Config::SessionRotation`] says so, charging the benchmarked weight of a rotation
//! (`WeightInfo::rotate_session`, a full set changing hands).
//!
//! ## Genesis
//!
//! [`GenesisConfig::validators`] is the initial set (non-empty, no duplicates, within
//! [`Config::MinValidators`]..=[`Config::MaxValidators`]; only the default empty config is let
//! through, unconfigured, so that the default genesis builds); pallet-session's genesis asks this
//! pallet for it through `new_session_genesis`, so this pallet must come **before**
//! pallet-session in `construct_runtime`, and every initial validator needs its keys in
//! pallet-session's genesis `keys`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_traits;
mod invariants;
#[cfg(test)]
mod mock;
pub use impl_traits::NeverEndSession;
mod features;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::validator-set";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::SaturatedConversion;
	use sp_staking::SessionIndex;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration. pallet-session must use this pallet as its `SessionManager`
	/// and identify validators by their account (`ValidatorId = AccountId`, with
	/// `ValidatorIdOf = ConvertInto`).
	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>>
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
	{
		/// The origin that may change the validator set (the root track of governance; Root in
		/// dev).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The largest validator set; it bounds [`Validators`]. Never lower it below the
		/// current set's size without a migration (the stored set would no longer decode).
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The smallest validator set governance may leave behind. A value of zero is treated
		/// as one: the set is never empty.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// When a session ends (the runtime's periodic schedule). pallet-session itself must be
		/// given [`NeverEndSession`]: this pallet rotates.
		type SessionRotation: pallet_session::ShouldEndSession<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and of its session-manager step, from its
		/// benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The validator set to use from the next session boundary on (see the module docs for
	/// the timing). Never empty, never below the floor, no duplicates, every member has
	/// session keys.
	#[pallet::storage]
	pub type Validators<T: Config> = StorageValue<_, ValidatorsOf<T>, ValueQuery>;

	/// Whether [`Validators`] changed since it was last handed to pallet-session; the next
	/// [`pallet_session::SessionManager::new_session`] hands it over and clears this.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The initial validator set.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions: no duplicates, at least
		/// [`Config::MinValidators`] (and one) and at most [`Config::MaxValidators`], or the
		/// genesis build panics. Each needs its session keys in pallet-session's genesis
		/// `keys`. Only the default, empty list is let through, as "not configured" (a real
		/// chain spec always sets it; `try_state` reports an empty set).
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The default (empty) config must build: `construct_runtime` tests it. An empty
			// list leaves the pallet unconfigured (pallet-session then uses its own genesis
			// keys, and `try_state` reports the empty set); any other list must be valid.
			if self.validators.is_empty() {
				log::warn!(target: LOG_TARGET, "no genesis validators: the set is not configured");
				return;
			}
			let validators = Pallet::<T>::validate_set(self.validators.clone(), false)
				.unwrap_or_else(|e| {
					panic!("invalid genesis validator set: {:?}", e);
				});
			Validators::<T>::put(validators);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validator set from the session after next.
		ValidatorAdded { who: T::AccountId },
		/// `who` leaves the validator set from the session after next.
		ValidatorRemoved { who: T::AccountId },
		/// Governance replaced the whole validator set; it is active from the session after
		/// next.
		ValidatorsSet { validators: ValidatorsOf<T> },
		/// The changed set (of `validators_count` members) was handed to pallet-session for
		/// session `session`: queued now, active when `session` starts.
		NewSessionPlanned { session: SessionIndex, validators_count: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This account is already a validator.
		AlreadyValidator,
		/// This account is not a validator.
		NotValidator,
		/// The validator set is full (`MaxValidators`).
		TooManyValidators,
		/// The validator set would fall below the minimum (`MinValidators`, never below one):
		/// too few validators to keep producing blocks.
		TooFewValidators,
		/// The same account is listed twice in the new validator set.
		DuplicateValidator,
		/// This account has not set its session keys (`Session::set_keys`), so it could not
		/// produce blocks.
		NoSessionKeys,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Rotates the session when it is due, at the benchmarked cost of a rotation.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			use pallet_session::ShouldEndSession;
			if T::SessionRotation::should_end_session(n) {
				pallet_session::Pallet::<T>::rotate_session();
				<T as Config>::WeightInfo::rotate_session()
			} else {
				T::DbWeight::get().reads(1)
			}
		}

		fn integrity_test() {
			assert!(T::MaxValidators::get() >= 1, "MaxValidators must allow one validator");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not exceed MaxValidators"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `who` to the validator set; it produces blocks from the session after next.
		///
		/// `who` must have set its session keys. Refused if it is already a validator or the
		/// set is full.
		///
		/// Emits [`Event::ValidatorAdded`].
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Remove `who` from the validator set; it stops producing blocks from the session
		/// after next.
		///
		/// Refused if `who` is not a validator or the set would fall below the minimum.
		///
		/// Emits [`Event::ValidatorRemoved`].
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}

		/// Replace the whole validator set with `validators` (in this order), active from the
		/// session after next.
		///
		/// Refused if the new set is below the minimum or above the maximum, lists an account
		/// twice, or has an account without session keys.
		///
		/// Emits [`Event::ValidatorsSet`].
		#[pallet::call_index(2)]
		#[pallet::weight(
			<T as Config>::WeightInfo::set_validators(validators.len().saturated_into::<u32>())
		)]
		pub fn set_validators(
			origin: OriginFor<T>,
			validators: Vec<T::AccountId>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_validators(validators)
		}
	}
}
