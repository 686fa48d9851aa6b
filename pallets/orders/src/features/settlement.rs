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
		fungibles::{self, Unbalanced},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance},
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
	pub(crate) fn can_receive(
		asset: &T::AssetKind,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> bool {
		<T::Assets as fungibles::Inspect<T::AccountId>>::can_deposit(
			asset.clone(),
			who,
			amount,
			Provenance::Extant,
		) == DepositConsequence::Success
	}

	/// Settles a received order whose after-sales window has passed. An order whose refund
	/// the merchant rejected is closed by [`Self::do_apply_default_ruling`] instead (or by
	/// arbitration, if the buyer disputes).
	/// Returns the weight the settlement handlers reported (none if `notify` is
	/// [`Notify::Nobody`], which only the benchmarks use, to measure this pallet's own work).
	/// Errors: `UnknownOrder`, `OrderDisputed`, `InvalidOrderState`, `DeadlineNotReached`.
	pub(crate) fn do_settle_due(
		order_id: OrderId,
		notify: Notify,
	) -> Result<Weight, DispatchError> {
		let order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		match order.status {
			OrderStatus::Received => {},
			OrderStatus::RefundRejected { .. } | OrderStatus::Disputed { .. } => {
				return Err(Error::<T>::OrderDisputed.into())
			},
			_ => return Err(Error::<T>::InvalidOrderState.into()),
		}
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= order.deadline, Error::<T>::DeadlineNotReached);
		let sale = order.amount;
		Self::do_settle(order_id, order, sale, notify)
	}

	/// Pays out `sale` of `order`'s escrow as the split says, closes the order and tells the
	/// settlement handlers. Whatever is left of the escrow beyond `sale` must have been released
	/// before. A part its receiver cannot take (a promoter's is dropped before the split; a
	/// merchant's, e.g. a sub-minimum stablecoin amount to an account without that asset) goes
	/// to the treasury.
	///
	/// The sale leaves the escrow account, which keeps its own minimum: nothing the buyer does
	/// later (a freeze, a vote, emptying the account) can keep a merchant who shipped from being
	/// paid.
	///
	/// Returns the weight the handlers reported.
	pub(crate) fn do_settle(
		order_id: OrderId,
		mut order: OrderOf<T>,
		sale: BalanceOf<T>,
		notify: Notify,
	) -> Result<Weight, DispatchError> {
		Self::unschedule(order_id, &mut order);
		let (parts, commissions) = Self::split_sale(&order, sale);
		debug_assert!(parts.conserves(sale), "a split that does not add up is a bug");

		let mut payouts: Vec<(T::AccountId, BalanceOf<T>)> = Vec::with_capacity(5);
		payouts.push((T::ReviewPool::get(), parts.experts.saturating_add(parts.reviewers)));
		payouts.push((T::DividendPool::get(), parts.dividend_income()));
		payouts.extend(commissions.iter().cloned());
		payouts.push((T::TreasuryAccount::get(), parts.treasury));
		// One debit of the escrow for the whole sale, then each receiver is credited: the parts
		// add up to `sale`, so nothing is minted or burnt, and the escrow is written once, not
		// once per part.
		<T::Assets as Unbalanced<T::AccountId>>::decrease_balance(
			order.asset.clone(),
			&T::EscrowAccount::get(),
			sale,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Force,
		)?;
		// The merchant's part goes to the treasury if the merchant's account cannot take it.
		// The credit checks that itself (and changes nothing when it refuses), so it is tried
		// rather than asked first.
		if !parts.merchant.is_zero()
			&& Self::credit(&order.asset, &order.merchant, parts.merchant).is_err()
		{
			Self::deposit_event(Event::PaymentRedirected {
				order: order_id,
				intended: order.merchant.clone(),
				amount: parts.merchant,
			});
			payouts.push((T::TreasuryAccount::get(), parts.merchant));
		}
		for (to, amount) in payouts {
			if !amount.is_zero() {
				Self::credit(&order.asset, &to, amount)?;
			}
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
			buyer: order.buyer,
			merchant: order.merchant,
			asset: order.asset,
			quantity: order.quantity,
			sale_amount: sale,
			sale_usd,
			parts,
			commissions,
			tracking_hash: order.tracking,
			product_metadata: order.product_metadata,
			settled_at: now,
		};

		Orders::<T>::remove(order_id);
		Self::close_order_of(settlement.product, product)?;
		Self::deposit_event(Event::OrderSettled {
			order: order_id,
			asset: settlement.asset.clone(),
			sale_amount: sale,
			parts,
			commissions: settlement.commissions.clone(),
		});
		let handlers = match notify {
			Notify::Handlers => T::OnOrderSettled::on_order_settled(&settlement),
			Notify::Nobody => Weight::zero(),
		};
		Ok(handlers)
	}

	/// Adds `amount` of `asset` to `to`'s balance (its counterpart was debited from the escrow
	/// before); fails, changing nothing, if `to` cannot take it.
	fn credit(asset: &T::AssetKind, to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		<T::Assets as Unbalanced<T::AccountId>>::increase_balance(
			asset.clone(),
			to,
			amount,
			Precision::Exact,
		)
		.map(|_| ())
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

	/// The most the settlement's handlers may use: charged before a settlement, refunded down
	/// to what they reported after it. (The commission lookup is part of this pallet's own
	/// benchmarked work.)
	pub fn settlement_hooks_weight() -> Weight {
		T::OnOrderSettled::max_weight()
	}
}
