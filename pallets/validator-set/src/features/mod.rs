//! The pallet's capabilities: adding and removing validators (`do_*` functions called by the
//! calls in `lib.rs` and the session manager).

mod validators;
