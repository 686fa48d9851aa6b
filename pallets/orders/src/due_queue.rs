//! The due queue: every open order waits in the queue of the block its deadline falls in, and
//! `on_idle` acts on it once that block has come (cancels an unshipped order, confirms a
//! shipped one, settles a received one, refunds an unanswered refund request, applies the
//! default ruling to a dispute arbitration left unruled).
//!
//! A block's due orders are kept in pages of `MaxDuePerPage`, as many pages as needed, so the
//! queue takes every order. An order that moves on leaves its page at once ([`Order::due`]
//! says which), so the queue holds only live entries and a cancelled order costs `on_idle`
//! nothing. `on_idle` charges each entry for the step it takes, not for the dearest one.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use despend_primitives::OrderId;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
	/// Moves `order` to a new deadline `at`: out of its old due-queue page, into the queue of
	/// block `at` (never the current block: `on_idle` may already have passed it).
	pub(crate) fn reschedule(order_id: OrderId, order: &mut OrderOf<T>, at: BlockNumberFor<T>) {
		Self::unschedule(order_id, order);
		order.deadline = at;
		order.due = Self::schedule(order_id, at);
	}

	/// Puts `order` on the last page of block `at`'s due orders, or on a new page if that one
	/// is full, and returns where. Every order is queued: a block takes any number of pages.
	/// `None` only if the page numbers of one block are exhausted (`u32::MAX` pages).
	pub(crate) fn schedule(
		order: OrderId,
		at: BlockNumberFor<T>,
	) -> Option<DueSlot<BlockNumberFor<T>>> {
		let earliest = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		let at = at.max(earliest);
		let mut range = DuePages::<T>::get(at).unwrap_or_default();
		if let Some(last) = range.next.checked_sub(1).filter(|last| *last >= range.first) {
			let pushed = DueOrders::<T>::mutate(at, last, |page| match page {
				Some(page) => page.try_push(order).is_ok(),
				None => false,
			});
			if pushed {
				return Some(DueSlot { at, page: last });
			}
		}
		let page = range.next;
		range.next = page.checked_add(1)?;
		DueOrders::<T>::insert(at, page, BoundedVec::truncate_from(alloc::vec![order]));
		DuePages::<T>::insert(at, range);
		Some(DueSlot { at, page })
	}

	/// Takes `order` out of the due-queue page it waits on, if any. A page left empty is
	/// removed (`on_idle` skips a missing page); if it was the block's last page, the block's
	/// range shrinks, so placing and cancelling orders leaves no trace for `on_idle`.
	pub(crate) fn unschedule(order_id: OrderId, order: &mut OrderOf<T>) {
		let Some(slot) = order.due.take() else { return };
		let emptied = DueOrders::<T>::mutate_exists(slot.at, slot.page, |page| {
			let Some(entries) = page else { return false };
			entries.retain(|id| *id != order_id);
			let empty = entries.is_empty();
			if empty {
				*page = None;
			}
			empty
		});
		if emptied {
			DuePages::<T>::mutate_exists(slot.at, |range| {
				if let Some(pages) = range {
					if slot.page.saturating_add(1) == pages.next {
						pages.next = slot.page;
					}
					if pages.first >= pages.next {
						*range = None;
					}
				}
			});
		}
	}

	/// The weight of the step `on_idle` takes for an order in `status` once it is due.
	pub(crate) fn due_step_weight(status: &OrderStatus<BalanceOf<T>>) -> Weight {
		match status {
			OrderStatus::Placed => T::WeightInfo::cancel_order(),
			OrderStatus::Shipped => T::WeightInfo::confirm_receipt(),
			OrderStatus::Received | OrderStatus::RefundRejected { .. } => {
				T::WeightInfo::settle().saturating_add(Self::settlement_hooks_weight())
			},
			OrderStatus::RefundRequested { .. } => T::WeightInfo::refund_unanswered(),
			OrderStatus::Disputed { .. } => {
				T::WeightInfo::rule_dispute().saturating_add(Self::settlement_hooks_weight())
			},
		}
	}

	/// Processes the due queue from the cursor up to `now`, page by page, within `remaining`
	/// weight; an entry that does not fit waits for the next block's `on_idle`, in order.
	pub(crate) fn process_due_orders(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let mut used = T::WeightInfo::on_idle_base();
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let per_block = T::WeightInfo::on_idle_next_block();
		let per_page = T::WeightInfo::on_idle_page(0);
		let per_entry =
			T::WeightInfo::on_idle_page(1).saturating_sub(T::WeightInfo::on_idle_page(0));
		let mut cursor = DueCursor::<T>::get().unwrap_or(now);
		'blocks: while cursor <= now && remaining.all_gte(used.saturating_add(per_block)) {
			used.saturating_accrue(per_block);
			let Some(mut range) = DuePages::<T>::take(cursor) else {
				cursor = cursor.saturating_add(One::one());
				continue;
			};
			while range.first < range.next {
				if remaining.any_lt(used.saturating_add(per_page)) {
					DuePages::<T>::insert(cursor, range);
					break 'blocks;
				}
				used.saturating_accrue(per_page);
				let Some(page) = DueOrders::<T>::take(cursor, range.first) else {
					range.first = range.first.saturating_add(1);
					continue;
				};
				let mut rest: Vec<OrderId> = Vec::new();
				for order_id in page {
					if !rest.is_empty() {
						rest.push(order_id);
						continue;
					}
					if remaining.any_lt(used.saturating_add(per_entry)) {
						rest.push(order_id);
						continue;
					}
					match Self::process_due_order(order_id, now, remaining.saturating_sub(used)) {
						Some(weight) => used.saturating_accrue(weight.max(per_entry)),
						None => rest.push(order_id),
					}
				}
				if !rest.is_empty() {
					// Out of weight: the rest of this page waits, in order, for the next block.
					DueOrders::<T>::insert(cursor, range.first, BoundedVec::truncate_from(rest));
					DuePages::<T>::insert(cursor, range);
					break 'blocks;
				}
				range.first = range.first.saturating_add(1);
			}
			cursor = cursor.saturating_add(One::one());
		}
		DueCursor::<T>::put(cursor);
		used
	}

	/// Acts on due `order_id` if its step fits in `budget`: cancels an unshipped order,
	/// confirms a shipped one, settles a received one (or an undisputed rejected refund),
	/// refunds an unanswered refund request, applies the default ruling to a lapsed dispute.
	/// Returns the weight charged, or `None` (nothing done) if the step does not fit. An entry
	/// whose order is gone or not due any more is dropped.
	pub(crate) fn process_due_order(
		order_id: OrderId,
		now: BlockNumberFor<T>,
		budget: Weight,
	) -> Option<Weight> {
		let read = T::DbWeight::get().reads(1);
		let Some(order) = Orders::<T>::get(order_id) else { return Some(read) };
		if now < order.deadline {
			// Not due after all (cannot happen: an order that moves on leaves its page).
			return Some(read);
		}
		let weight = Self::due_step_weight(&order.status);
		if budget.any_lt(weight) {
			return None;
		}
		// The entry's page has been taken: the step's own `unschedule` finds nothing to remove.
		// A settlement is charged what its handlers reported, not their maximum.
		let settle_base = match order.status {
			OrderStatus::Disputed { .. } => T::WeightInfo::rule_dispute(),
			_ => T::WeightInfo::settle(),
		};
		let result = with_storage_layer(|| match order.status {
			OrderStatus::Placed => Self::do_cancel_order(None, order_id).map(|()| weight),
			OrderStatus::Shipped => Self::do_confirm_receipt(None, order_id).map(|()| weight),
			OrderStatus::Received
			| OrderStatus::RefundRejected { .. }
			| OrderStatus::Disputed { .. } => Self::do_settle_due(order_id, Notify::Handlers)
				.map(|handlers| settle_base.saturating_add(handlers).min(weight)),
			OrderStatus::RefundRequested { .. } => {
				Self::do_refund_unanswered(order_id).map(|()| weight)
			},
		});
		match result {
			Ok(used) => Some(used),
			Err(e) => {
				// Left for the permissionless calls; its entry is gone, so is its slot.
				Orders::<T>::mutate(order_id, |order| {
					if let Some(order) = order {
						order.due = None;
					}
				});
				log::warn!(target: "runtime::orders", "due order {order_id} not processed: {e:?}");
				Some(weight)
			},
		}
	}
}
