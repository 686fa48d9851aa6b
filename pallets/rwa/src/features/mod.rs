//! The pallet's capabilities, one file each: each is an `impl<T: Config> Pallet<T>` block of
//! `do_*` functions called by the dispatchables and trait implementations.

mod collection;
mod market;
mod mint;
mod trace;
