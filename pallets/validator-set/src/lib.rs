//! # Validator set: who produces and finalises DeSpend Chain's blocks
//!
//! The [`pallet_session::SessionManager`] of the chain: a list of validators ([`Validators`])
//! that only governance ([`Config::AdminOrigin`]) changes, with [`Pallet::add_validator`],
//! [`Pallet::remove_validator`] and [`Pallet::set_validators`], never below
//! [`Config::MinValidators`]. No money moves here, and there is no staking: an account joins
//! once it has set its session keys (pallet-session holds its key deposit). A change takes
//! effect two sessions later, and this pallet rotates sessions itself in `on_initialize`, at
//! a rotation's benchmarked weight ([`NeverEndSession`] keeps pallet-session from charging a
//! whole block for it). `docs/design.md` ("Validators and sessions") has the timing, the
//! rotation and the genesis rules.

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
