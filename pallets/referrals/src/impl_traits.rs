//! Commissions: who earns what from an order's platform revenue (asked by the order pallet
//! before it pays), and the record of what was paid (told by the order pallet after).

use crate::*;
use alloc::vec::Vec;
use despend_primitives::{
	Commissions, OnOrderSettled, OrderSettlement, PromoterCommissions, MAX_PROMOTERS,
};
use frame_support::{traits::Get, weights::Weight, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
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

impl<T: Config> OnOrderSettled<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>
	for Pallet<T>
{
	/// Tells each promoter the order pallet paid for `settlement` what it earned
	/// ([`Event::CommissionPaid`]). Zero amounts are skipped. Never fails.
	fn on_order_settled(
		settlement: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
	) -> Weight {
		let mut recorded: u32 = 0;
		for (promoter, amount) in settlement.commissions.iter() {
			if amount.is_zero() {
				continue;
			}
			Self::deposit_event(Event::CommissionPaid {
				promoter: promoter.clone(),
				order: settlement.order,
				asset: settlement.asset.clone(),
				amount: *amount,
			});
			recorded = recorded.saturating_add(1);
		}
		T::WeightInfo::on_order_settled(recorded)
	}

	fn max_weight() -> Weight {
		T::WeightInfo::on_order_settled(MAX_PROMOTERS)
	}
}
