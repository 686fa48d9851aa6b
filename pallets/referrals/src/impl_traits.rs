//! Commissions: who earns what from an order's platform revenue, asked by the order pallet
//! before it pays (its `OrderSettled` event then names every promoter paid).

use crate::*;
use alloc::vec::Vec;
use despend_primitives::{Commissions, PromoterCommissions};
use frame_support::{traits::Get, BoundedVec};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> PromoterCommissions<T::AccountId, BalanceOf<T>> for Pallet<T> {
	/// The buyer's direct promoter earns `DirectRate` and that promoter's own promoter
	/// `IndirectRate` of `platform_revenue`, both rounded down. If the rates add up to more
	/// than 100%, the indirect commission is cut to what the direct one leaves, so the sum
	/// never exceeds the revenue. Zero commissions are left out.
	fn commissions(
		buyer: &T::AccountId,
		platform_revenue: BalanceOf<T>,
	) -> Commissions<T::AccountId, BalanceOf<T>> {
		let Some(direct) = Self::promoter_of(buyer) else { return BoundedVec::new() };
		let direct_cut = T::DirectRate::get().mul_floor(platform_revenue);
		let indirect = Self::promoter_of(&direct).map(|indirect| {
			let cut = T::IndirectRate::get()
				.mul_floor(platform_revenue)
				.min(platform_revenue.saturating_sub(direct_cut));
			(indirect, cut)
		});

		let promoters: Vec<_> = core::iter::once((direct, direct_cut))
			.chain(indirect)
			.filter(|(_, cut)| !cut.is_zero())
			.collect();
		// At most two entries: the direct and the indirect promoter.
		BoundedVec::truncate_from(promoters)
	}
}
