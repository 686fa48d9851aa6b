//! The pallet's capabilities, one file each: each is an `impl<T: Config> Pallet<T>` block of
//! `do_*` functions called by the calls in `lib.rs`, the hooks and the trait implementations.

mod after_sales;
mod catalog;
pub(crate) mod due_queue;
mod lifecycle;
pub(crate) mod settlement;
