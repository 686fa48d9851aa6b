//! Refund requests, disputes and arbitration.

use crate::{pallet::*, types::*};
use despend_primitives::{EvidenceHash, OrderId};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
};
use sp_arithmetic::{
	traits::{Saturating, Zero},
	Perbill,
};

impl<T: Config> Pallet<T> {
	/// The buyer asks for a refund of a shipped order, before receipt or within the after-sales
	/// window; the merchant has `RefundResponsePeriod` to answer.
	/// Errors: `UnknownOrder`, `NotBuyer`, `InvalidOrderState`, `DeadlinePassed`.
	pub(crate) fn do_request_refund(
		who: T::AccountId,
		order_id: OrderId,
		reason: EvidenceHash,
	) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.buyer == who, Error::<T>::NotBuyer);
		let now = frame_system::Pallet::<T>::block_number();
		match order.status {
			OrderStatus::Shipped => {},
			OrderStatus::Received => ensure!(now < order.deadline, Error::<T>::DeadlinePassed),
			_ => return Err(Error::<T>::InvalidOrderState.into()),
		}
		order.status = OrderStatus::RefundRequested { reason };
		Self::reschedule(order_id, &mut order, now.saturating_add(T::RefundResponsePeriod::get()));
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::RefundRequested { order: order_id, reason });
		Ok(())
	}

	/// The merchant accepts a refund request: full refund.
	/// Errors: `UnknownOrder`, `NotOrderMerchant`, `InvalidOrderState`.
	pub(crate) fn do_accept_refund(who: T::AccountId, order_id: OrderId) -> DispatchResult {
		let order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.merchant == who, Error::<T>::NotOrderMerchant);
		ensure!(
			matches!(order.status, OrderStatus::RefundRequested { .. }),
			Error::<T>::InvalidOrderState
		);
		Self::refund_in_full(order_id, order)
	}

	/// Refunds a refund request the merchant left unanswered past its deadline.
	/// Errors: `UnknownOrder`, `InvalidOrderState`, `DeadlineNotReached`.
	pub(crate) fn do_refund_unanswered(order_id: OrderId) -> DispatchResult {
		let order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(
			matches!(order.status, OrderStatus::RefundRequested { .. }),
			Error::<T>::InvalidOrderState
		);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= order.deadline, Error::<T>::DeadlineNotReached);
		Self::refund_in_full(order_id, order)
	}

	/// The merchant rejects a refund request before its deadline, holding a dispute deposit;
	/// the buyer has `DisputeWindow` to take it to arbitration.
	/// Errors: `UnknownOrder`, `NotOrderMerchant`, `InvalidOrderState`, `DeadlinePassed`,
	/// `FundsFrozen`, `CannotHoldDeposit`.
	pub(crate) fn do_reject_refund(who: T::AccountId, order_id: OrderId) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.merchant == who, Error::<T>::NotOrderMerchant);
		ensure!(
			matches!(order.status, OrderStatus::RefundRequested { .. }),
			Error::<T>::InvalidOrderState
		);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < order.deadline, Error::<T>::DeadlinePassed);
		let merchant_deposit = T::DisputeDeposit::get();
		Self::hold_deposit(HoldReason::DisputeDeposit, &who, merchant_deposit)?;
		order.status = OrderStatus::RefundRejected { merchant_deposit };
		Self::reschedule(order_id, &mut order, now.saturating_add(T::DisputeWindow::get()));
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::RefundRejected { order: order_id });
		Ok(())
	}

	/// The buyer takes a rejected refund to arbitration within the dispute window, holding a
	/// dispute deposit; the arbitration origin has `ArbitrationPeriod` to rule. Errors:
	/// `UnknownOrder`, `NotBuyer`, `InvalidOrderState`, `DeadlinePassed`, `FundsFrozen`,
	/// `CannotHoldDeposit`.
	pub(crate) fn do_open_dispute(who: T::AccountId, order_id: OrderId) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.buyer == who, Error::<T>::NotBuyer);
		let OrderStatus::RefundRejected { merchant_deposit } = order.status else {
			return Err(Error::<T>::InvalidOrderState.into());
		};
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < order.deadline, Error::<T>::DeadlinePassed);
		let buyer_deposit = T::DisputeDeposit::get();
		Self::hold_deposit(HoldReason::DisputeDeposit, &who, buyer_deposit)?;
		order.status = OrderStatus::Disputed { buyer_deposit, merchant_deposit };
		Self::reschedule(order_id, &mut order, now.saturating_add(T::ArbitrationPeriod::get()));
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::DisputeOpened { order: order_id });
		Ok(())
	}

	/// Rules a dispute: refunds `buyer_share` of the payment, settles the rest as a sale, sends
	/// the loser's deposit to the treasury and releases the winner's. The buyer loses when
	/// `buyer_share` is below one half. Errors: `UnknownOrder`, `InvalidOrderState`.
	/// Returns the weight the settlement handlers reported.
	pub(crate) fn do_rule_dispute(
		order_id: OrderId,
		buyer_share: Perbill,
		notify: Notify,
	) -> Result<Weight, DispatchError> {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		let OrderStatus::Disputed { buyer_deposit, merchant_deposit } = order.status else {
			return Err(Error::<T>::InvalidOrderState.into());
		};
		let buyer_lost = buyer_share < Perbill::from_percent(50);
		let (loser, loser_deposit, winner, winner_deposit) = if buyer_lost {
			(&order.buyer, buyer_deposit, &order.merchant, merchant_deposit)
		} else {
			(&order.merchant, merchant_deposit, &order.buyer, buyer_deposit)
		};
		let reason = HoldReason::DisputeDeposit.into();
		T::Currency::transfer_on_hold(
			&reason,
			loser,
			&T::TreasuryAccount::get(),
			loser_deposit,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)?;
		T::Currency::release(&reason, winner, winner_deposit, Precision::BestEffort)?;
		let loser = loser.clone();

		Self::unschedule(order_id, &mut order);
		let (refunded, handlers) = Self::refund_share(order_id, order, buyer_share, notify)?;
		Self::deposit_event(Event::DisputeRuled { order: order_id, buyer_share, refunded, loser });
		Ok(handlers)
	}

	/// Closes an after-sales case that lapsed, by its default outcome:
	/// - a refund the merchant rejected and the buyer did not dispute within the dispute
	///   window: the sale stands; the order settles and the merchant's dispute deposit is
	///   released;
	/// - a dispute the arbitration origin did not rule within the arbitration period: half the
	///   payment back to the buyer, the rest settled, both deposits released (nobody was found
	///   at fault).
	///
	/// Errors: `UnknownOrder`, `InvalidOrderState`, `DeadlineNotReached`.
	/// Returns the weight the settlement handlers reported.
	pub(crate) fn do_apply_default_ruling(
		order_id: OrderId,
		notify: Notify,
	) -> Result<Weight, DispatchError> {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		let (buyer_deposit, merchant_deposit) = match order.status {
			OrderStatus::RefundRejected { merchant_deposit } => (None, merchant_deposit),
			OrderStatus::Disputed { buyer_deposit, merchant_deposit } => {
				(Some(buyer_deposit), merchant_deposit)
			},
			_ => return Err(Error::<T>::InvalidOrderState.into()),
		};
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= order.deadline, Error::<T>::DeadlineNotReached);
		let reason = HoldReason::DisputeDeposit.into();
		T::Currency::release(&reason, &order.merchant, merchant_deposit, Precision::BestEffort)?;
		let Some(buyer_deposit) = buyer_deposit else {
			let sale = order.amount;
			return Self::do_settle(order_id, order, sale, notify);
		};
		T::Currency::release(&reason, &order.buyer, buyer_deposit, Precision::BestEffort)?;
		Self::unschedule(order_id, &mut order);
		let (refunded, handlers) =
			Self::refund_share(order_id, order, Perbill::from_percent(50), notify)?;
		Self::deposit_event(Event::DisputeLapsed { order: order_id, refunded });
		Ok(handlers)
	}

	/// Refunds `buyer_share` of `order`'s payment and settles the rest (or closes the order if
	/// nothing is left to settle). Returns what was refunded and the handlers' weight.
	fn refund_share(
		order_id: OrderId,
		order: OrderOf<T>,
		buyer_share: Perbill,
		notify: Notify,
	) -> Result<(BalanceOf<T>, Weight), DispatchError> {
		let refunded = buyer_share.mul_floor(order.amount);
		Self::release_escrow(order_id, &order, refunded)?;
		let sale = order.amount.saturating_sub(refunded);
		let handlers = if sale.is_zero() {
			Orders::<T>::remove(order_id);
			Self::note_order_closed(order.product)?;
			Weight::zero()
		} else {
			Self::do_settle(order_id, order, sale, notify)?
		};
		Ok((refunded, handlers))
	}

	/// Refunds `order` in full and closes it (the goods were shipped: the stock stays as the
	/// merchant set it).
	fn refund_in_full(order_id: OrderId, mut order: OrderOf<T>) -> DispatchResult {
		Self::release_escrow(order_id, &order, order.amount)?;
		Self::unschedule(order_id, &mut order);
		Orders::<T>::remove(order_id);
		Self::note_order_closed(order.product)?;
		Self::deposit_event(Event::OrderRefunded { order: order_id, amount: order.amount });
		Ok(())
	}
}
