//! The referrals pallet's data types.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::traits::fungible;
use scale_info::TypeInfo;

/// The balance type of DSG (the binding deposit); commissions, in whatever asset an order was
/// paid with, use the same runtime `Balance`.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A binding as stored.
pub type BindingOf<T> = Binding<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// An account's permanent link to the promoter who brought it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Binding<AccountId, Balance> {
	/// The direct promoter.
	pub promoter: AccountId,
	/// The DSG held from the bound account for this binding's storage, for ever: a binding is
	/// permanent, so is its deposit. Recorded so that a later change of `BindDeposit` does not
	/// change what this binding holds.
	pub deposit: Balance,
}
