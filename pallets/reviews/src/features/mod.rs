//! The pallet's capabilities, one file each; every file is an `impl<T: Config> Pallet<T>` of
//! `do_*` functions that the calls in `lib.rs` (or the hooks and trait impls) use.

pub mod appeals;
pub mod consensus;
pub mod experts;
pub mod fees;
pub mod finalization;
pub mod payouts;
pub mod queues;
pub mod reviewing;
