//! The pallet's capabilities: binding a buyer to its promoter (`do_*` functions called by the
//! calls in `lib.rs`).

mod binding;
