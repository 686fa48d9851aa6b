//! The pallet's capabilities, one file each: the emission schedule (rate and halvings), the
//! reward rule (bonus and limits) and the payout (minting, vesting, pending rewards).

pub mod emission;
mod helpers;
pub mod payout;
pub mod reward;
