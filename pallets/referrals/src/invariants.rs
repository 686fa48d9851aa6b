//! The pallet's invariants, checked by `try_state` (and after every test).

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks the referral invariants (iterating every binding, which only `try_state` may):
	///
	/// - nobody is their own promoter, and no account is its own ancestor within
	///   `MaxAncestorCheck` links (no cycle);
	/// - [`PromotedCount`] of every promoter equals the number of accounts bound to them, and
	///   no count is stored for a promoter without buyers;
	/// - the DSG held under [`HoldReason::Binding`] from each bound account equals the
	///   deposit its binding recorded (`BindDeposit` at the time of binding), so the deposits
	///   held add up to the recorded deposits of all bindings.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut buyers: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (who, binding) in Promoter::<T>::iter() {
			ensure!(who != binding.promoter, "referrals: an account is its own promoter");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Binding.into(), &who) == binding.deposit,
				"referrals: held deposit differs from the binding's deposit"
			);
			let count = buyers.entry(binding.promoter.clone()).or_default();
			*count = count.saturating_add(1);

			let mut ancestor = binding.promoter;
			for _ in 0..T::MaxAncestorCheck::get() {
				ensure!(ancestor != who, "referrals: an account is its own ancestor");
				match Self::promoter_of(&ancestor) {
					Some(next) => ancestor = next,
					None => break,
				}
			}
		}
		let mut stored_counts: u32 = 0;
		for (promoter, count) in PromotedCount::<T>::iter() {
			ensure!(
				buyers.get(&promoter).copied() == Some(count),
				"referrals: PromotedCount differs from the accounts bound to the promoter"
			);
			stored_counts = stored_counts.saturating_add(1);
		}
		ensure!(
			usize::try_from(stored_counts).ok() == Some(buyers.len()),
			"referrals: a promoter with buyers has no PromotedCount"
		);
		Ok(())
	}
}
