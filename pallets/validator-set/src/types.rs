//! The pallet's data types.

use crate::Config;
use frame_support::BoundedVec;

/// An account of the runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// A validator set: at most [`Config::MaxValidators`] accounts, in the order pallet-session
/// gets them.
pub type ValidatorsOf<T> = BoundedVec<AccountIdOf<T>, <T as Config>::MaxValidators>;
