//! The due queue: every open order waits under the block its deadline falls in, and `on_idle`
//! acts on it once that block has come (cancels an unshipped order, confirms a shipped one,
//! settles a received one, refunds an unanswered refund request, applies the default ruling
//! to a dispute arbitration left unruled).
//!
//! An entry is one storage item keyed by block and order ([`DueOrders`]), so queueing an
//! order is one write and taking it out is one write: no read, no page to rewrite, and a
//! block takes any number of orders. An order that moves on leaves its entry at once
//! ([`Order::due`] says which block it waits under), so the queue holds only live entries and
//! a cancelled order costs `on_idle` nothing. `on_idle` works the blocks off in order (a
//! block's entries in storage order) and charges each entry for the step it takes; what does
//! not fit waits, queued, for the next block.

use crate::{pallet::*, types::*, weights::WeightInfo};
use despend_primitives::OrderId;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
	/// Moves `order` to a new deadline `at`: out of its old entry, into the queue of block `at`.
	pub(crate) fn reschedule(order_id: OrderId, order: &mut OrderOf<T>, at: BlockNumberFor<T>) {
		Self::unschedule(order_id, order);
		order.deadline = at;
		order.due = Some(Self::schedule(order_id, at));
	}

	/// Queues `order` under block `at` (never the current block or an earlier one: `on_idle`
	/// may already have passed it) and returns the block it waits under.
	pub(crate) fn schedule(order: OrderId, at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let earliest = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		let at = at.max(earliest);
		DueOrders::<T>::insert(at, order, ());
		at
	}

	/// Takes `order` out of the due queue, if it waits there.
	pub(crate) fn unschedule(order_id: OrderId, order: &mut OrderOf<T>) {
		if let Some(at) = order.due.take() {
			DueOrders::<T>::remove(at, order_id);
		}
	}

	/// The weight of the step `on_idle` takes for an order in `status` once it is due.
	pub fn due_step_weight(status: &OrderStatus<BalanceOf<T>>) -> Weight {
		match status {
			OrderStatus::Placed => T::WeightInfo::cancel_order(),
			OrderStatus::Shipped => T::WeightInfo::confirm_receipt(),
			OrderStatus::Received => {
				T::WeightInfo::settle().saturating_add(Self::settlement_hooks_weight())
			},
			OrderStatus::RefundRequested { .. } => T::WeightInfo::refund_unanswered(),
			OrderStatus::RefundRejected { .. } | OrderStatus::Disputed { .. } => {
				T::WeightInfo::apply_default_ruling()
					.saturating_add(Self::settlement_hooks_weight())
			},
		}
	}

	/// Processes the due queue from the cursor up to `now`, block by block, within `remaining`
	/// weight; an entry that does not fit waits for the next block's `on_idle`.
	pub(crate) fn process_due_orders(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let mut used = T::WeightInfo::on_idle_base();
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let per_block = T::WeightInfo::on_idle_next_block();
		let per_entry =
			T::WeightInfo::on_idle_entries(1).saturating_sub(T::WeightInfo::on_idle_entries(0));
		let mut cursor = DueCursor::<T>::get().unwrap_or(now);
		'blocks: while cursor <= now {
			if remaining.any_lt(used.saturating_add(per_block)) {
				break;
			}
			used.saturating_accrue(per_block);
			// Entries are removed as they are processed (the iterator moves on from the last
			// key it saw), and steps only queue orders under later blocks, never this one.
			for order_id in DueOrders::<T>::iter_key_prefix(cursor) {
				if remaining.any_lt(used.saturating_add(per_entry)) {
					break 'blocks;
				}
				let budget = remaining.saturating_sub(used);
				match Self::process_due_order(order_id, cursor, now, budget) {
					Some(weight) => used.saturating_accrue(weight.max(per_entry)),
					None => break 'blocks,
				}
			}
			cursor = cursor.saturating_add(One::one());
		}
		DueCursor::<T>::put(cursor);
		used
	}

	/// Acts on `order_id`, due under block `at`, if its step fits in `budget`: cancels an
	/// unshipped order, confirms a shipped one, settles a received one, refunds an unanswered
	/// refund request, applies the default ruling to a rejected refund nobody disputed or a
	/// dispute nobody ruled. Returns the weight charged, or `None` (nothing done, the entry stays) if
	/// the step does not fit. An entry whose order does not wait there is dropped.
	pub(crate) fn process_due_order(
		order_id: OrderId,
		at: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
		budget: Weight,
	) -> Option<Weight> {
		let read = T::DbWeight::get().reads(1);
		let order = match Orders::<T>::get(order_id) {
			Some(order) if order.due == Some(at) && order.deadline <= now => order,
			// Cannot happen (an order that moves on leaves its entry); never loop on it.
			_ => {
				DueOrders::<T>::remove(at, order_id);
				return Some(read);
			},
		};
		let weight = Self::due_step_weight(&order.status);
		if budget.any_lt(weight) {
			return None;
		}
		// A settlement is charged what its handlers reported, not their maximum.
		let result = with_storage_layer(|| match order.status {
			OrderStatus::Placed => Self::do_cancel_order(None, order_id).map(|()| weight),
			OrderStatus::Shipped => Self::do_confirm_receipt(None, order_id).map(|()| weight),
			OrderStatus::Received => Self::do_settle_due(order_id, Notify::Handlers)
				.map(|handlers| T::WeightInfo::settle().saturating_add(handlers).min(weight)),
			OrderStatus::RefundRejected { .. } | OrderStatus::Disputed { .. } => {
				Self::do_apply_default_ruling(order_id, Notify::Handlers).map(|handlers| {
					T::WeightInfo::apply_default_ruling().saturating_add(handlers).min(weight)
				})
			},
			OrderStatus::RefundRequested { .. } => {
				Self::do_refund_unanswered(order_id).map(|()| weight)
			},
		});
		match result {
			Ok(used) => Some(used),
			Err(e) => {
				// Left for the permissionless calls: out of the queue, so it is not tried again.
				DueOrders::<T>::remove(at, order_id);
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
