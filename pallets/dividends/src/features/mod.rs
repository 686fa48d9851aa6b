//! The pallet's capabilities, one file each: each is an `impl<T: Config> Pallet<T>` block of
//! `do_*` functions (and helpers) called by the dispatchables and trait implementations.

mod claims;
mod income;
mod owed;
mod rwa_staking;
pub(crate) mod shares;
