//! The pallet's capabilities, one file each: each is an `impl<T: Config> Pallet<T>` block of
//! `do_*` functions called by the calls in `lib.rs` and the trait implementations.

mod staking;
mod tiers;
