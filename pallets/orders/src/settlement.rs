//! Settlement: the split of a sale and its payouts.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use despend_primitives::{
	Commissions, OnOrderSettled, OrderId, OrderSettlement, PromoterCommissions, SettlementParts,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold as _,
		fungibles::{self, MutateHold},
		tokens::{DepositConsequence, Fortitude, Precision, Provenance, Restriction},
		Get,
	},
};
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Saturating, Zero},
	Rounding,
};

impl<T: Config> Pallet<T> {
	/// Splits `sale` of `order` (`docs/design.md`). Every division floors and its remainder goes to
	/// the next, broader part, so the parts add up to `sale` exactly:
	/// `merchant = S - E - C`, `platform = E - experts - reviewers`,
	/// `treasury = platform - commissions - dividend_share`.
	pub fn split_sale(
		order: &OrderOf<T>,
		sale: BalanceOf<T>,
	) -> (SettlementParts<BalanceOf<T>>, Commissions<T::AccountId, BalanceOf<T>>) {
		let experience_fee = order.experience_fee.mul_floor(sale);
		let community_fee =
			T::CommunityFee::get().mul_floor(sale).min(sale.saturating_sub(experience_fee));
		let merchant = sale.saturating_sub(experience_fee).saturating_sub(community_fee);

		let experts = T::ExpertsShare::get().mul_floor(experience_fee);
		let reviewers = T::ReviewersShare::get()
			.mul_floor(experience_fee)
			.min(experience_fee.saturating_sub(experts));
		let platform = experience_fee.saturating_sub(experts).saturating_sub(reviewers);

		// Promoters the order's asset can reach, never more than the platform revenue in total.
		let mut paid: Commissions<T::AccountId, BalanceOf<T>> = Default::default();
		let mut commissions = BalanceOf::<T>::zero();
		for (promoter, amount) in T::Commissions::commissions(&order.buyer, platform) {
			let amount = amount.min(platform.saturating_sub(commissions));
			if amount.is_zero() || !Self::can_receive(&order.asset, &promoter, amount) {
				continue;
			}
			if paid.try_push((promoter, amount)).is_ok() {
				commissions = commissions.saturating_add(amount);
			}
		}
		let rest = platform.saturating_sub(commissions);
		let dividend_share = T::DividendShare::get().mul_floor(rest);
		let treasury = rest.saturating_sub(dividend_share);

		let parts = SettlementParts {
			merchant,
			experience_fee,
			experts,
			reviewers,
			platform,
			community_fee,
			commissions,
			dividend_share,
			treasury,
		};
		(parts, paid)
	}

	/// Whether `who` can receive `amount` of `asset` (exists, or the amount opens an account).
	fn can_receive(asset: &T::AssetKind, who: &T::AccountId, amount: BalanceOf<T>) -> bool {
		<T::Assets as fungibles::Inspect<T::AccountId>>::can_deposit(
			asset.clone(),
			who,
			amount,
			Provenance::Extant,
		) == DepositConsequence::Success
	}

	/// Settles an order whose after-sales window has passed, or whose rejected refund was not
	/// disputed in time (the merchant's dispute deposit is released then), or whose dispute
	/// was not ruled in time (by the default ruling, see [`Self::do_lapse_dispute`]).
	/// Returns the weight the settlement handlers reported (none if `notify` is
	/// [`Notify::Nobody`], which only the benchmarks use, to measure this pallet's own work).
	/// Errors: `UnknownOrder`, `InvalidOrderState`, `DeadlineNotReached`.
	pub(crate) fn do_settle_due(
		order_id: OrderId,
		notify: Notify,
	) -> Result<Weight, DispatchError> {
		let order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		let merchant_deposit = match order.status {
			OrderStatus::Received => Zero::zero(),
			OrderStatus::RefundRejected { merchant_deposit } => merchant_deposit,
			OrderStatus::Disputed { .. } => return Self::do_lapse_dispute(order_id, notify),
			_ => return Err(Error::<T>::InvalidOrderState.into()),
		};
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= order.deadline, Error::<T>::DeadlineNotReached);
		if !merchant_deposit.is_zero() {
			T::Currency::release(
				&HoldReason::DisputeDeposit.into(),
				&order.merchant,
				merchant_deposit,
				Precision::BestEffort,
			)?;
		}
		let sale = order.amount;
		Self::do_settle(order_id, order, sale, notify)
	}

	/// Pays out `sale` of `order`'s escrow as the split says, closes the order and tells the
	/// settlement handlers. Whatever is left of the escrow beyond `sale` must have been released
	/// before. A part its receiver cannot take (a promoter's is dropped before the split; a
	/// merchant's, e.g. a sub-minimum stablecoin amount to an account without that asset) goes
	/// to the treasury.
	///
	/// The escrow moves with `Fortitude::Force`: it was held from unfrozen funds (see
	/// [`Self::ensure_unfrozen`]), and a freeze placed over it later (a conviction vote counts
	/// held DSG) must not keep a merchant who shipped from being paid.
	///
	/// Returns the weight the handlers reported, plus the commission lookup's.
	pub(crate) fn do_settle(
		order_id: OrderId,
		mut order: OrderOf<T>,
		sale: BalanceOf<T>,
		notify: Notify,
	) -> Result<Weight, DispatchError> {
		Self::unschedule(order_id, &mut order);
		let (parts, commissions) = Self::split_sale(&order, sale);
		debug_assert!(parts.conserves(sale), "a split that does not add up is a bug");

		let mut merchant = order.merchant.clone();
		if !Self::can_receive(&order.asset, &merchant, parts.merchant) {
			Self::deposit_event(Event::PaymentRedirected {
				order: order_id,
				intended: merchant.clone(),
				amount: parts.merchant,
			});
			merchant = T::Treasury::get();
		}
		let mut payouts: Vec<(T::AccountId, BalanceOf<T>)> = Vec::with_capacity(6);
		payouts.push((merchant, parts.merchant));
		payouts.push((T::ReviewPool::get(), parts.experts.saturating_add(parts.reviewers)));
		payouts.push((T::DividendPool::get(), parts.dividend_income()));
		payouts.extend(commissions.iter().cloned());
		payouts.push((T::Treasury::get(), parts.treasury));
		for (to, amount) in payouts {
			if amount.is_zero() {
				continue;
			}
			<T::Assets as MutateHold<T::AccountId>>::transfer_on_hold(
				order.asset.clone(),
				&HoldReason::Escrow.into(),
				&order.buyer,
				&to,
				amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}

		let now = frame_system::Pallet::<T>::block_number();
		let product = Products::<T>::get(order.product);
		let sale_usd = if sale == order.amount {
			order.amount_usd
		} else {
			Self::pro_rata(order.amount_usd, sale, order.amount)
		};
		let settlement = OrderSettlement {
			order: order_id,
			product: order.product,
			category: product.as_ref().map(|p| p.category).unwrap_or_default(),
			quality_standard: product.as_ref().and_then(|p| p.quality_standard),
			buyer: order.buyer.clone(),
			merchant: order.merchant.clone(),
			asset: order.asset.clone(),
			quantity: order.quantity,
			sale_amount: sale,
			sale_usd,
			parts,
			commissions,
			tracking_hash: order.tracking,
			product_metadata: order.product_metadata.clone(),
			settled_at: now,
		};

		Orders::<T>::remove(order_id);
		Self::note_order_closed(order.product, &order.merchant)?;
		SettledOrderCount::<T>::mutate(|count| *count = count.saturating_add(1));
		Self::deposit_event(Event::OrderSettled {
			order: order_id,
			asset: order.asset,
			sale_amount: sale,
			parts,
		});
		let handlers = match notify {
			Notify::Handlers => T::OnOrderSettled::on_order_settled(&settlement),
			Notify::Nobody => Weight::zero(),
		};
		Ok(handlers.saturating_add(T::Commissions::max_weight()))
	}

	/// `value × part / whole`, rounded down.
	fn pro_rata(value: BalanceOf<T>, part: BalanceOf<T>, whole: BalanceOf<T>) -> BalanceOf<T> {
		let (Ok(value), Ok(part), Ok(whole)) = (
			TryInto::<u128>::try_into(value),
			TryInto::<u128>::try_into(part),
			TryInto::<u128>::try_into(whole),
		) else {
			return Zero::zero();
		};
		multiply_by_rational_with_rounding(value, part, whole.max(1), Rounding::Down)
			.and_then(|v| BalanceOf::<T>::try_from(v).ok())
			.unwrap_or_else(Zero::zero)
	}

	/// The most the settlement's handlers and the commission lookup may use: charged before a
	/// settlement, refunded down to what they reported after it.
	pub fn settlement_hooks_weight() -> Weight {
		T::OnOrderSettled::max_weight().saturating_add(T::Commissions::max_weight())
	}
}
