//! Background work: rounds due for finalization and for payout wait in two queues, one entry
//! per round under the block it falls due (queueing and leaving are a write each, and a queue
//! takes any number of rounds), and `on_idle` works them off block by block from a cursor,
//! within the block's remaining weight. The permissionless calls (`finalize_round`,
//! `claim_round_rewards`) do the same work and take the round out of its queue.

use crate::*;
use despend_primitives::ProductId;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

/// The two queues of rounds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Queue {
	/// Open rounds, under the block their reveal phase ends.
	Finalization,
	/// Finalized or appealed rounds, under the block they may be paid out.
	Payout,
}

impl<T: Config> Pallet<T> {
	/// Queues round `index` of `product` in `queue` under block `due` (never before the
	/// current block: every deadline is now or later).
	pub(crate) fn schedule(
		queue: Queue,
		due: BlockNumberFor<T>,
		product: ProductId,
		index: RoundIndex,
	) {
		match queue {
			Queue::Finalization => FinalizationQueue::<T>::insert(due, (product, index), ()),
			Queue::Payout => PayoutQueue::<T>::insert(due, (product, index), ()),
		}
	}

	/// Takes round `index` of `product` out of `queue`, where it waits under block `due`.
	pub(crate) fn unschedule(
		queue: Queue,
		due: BlockNumberFor<T>,
		product: ProductId,
		index: RoundIndex,
	) {
		match queue {
			Queue::Finalization => FinalizationQueue::<T>::remove(due, (product, index)),
			Queue::Payout => PayoutQueue::<T>::remove(due, (product, index)),
		}
	}

	/// The first entry of `queue` due by `now` at or after `*cursor`, moving the cursor past
	/// the blocks that have none; `reads` counts the blocks looked at.
	fn next_due(
		queue: Queue,
		cursor: &mut BlockNumberFor<T>,
		now: BlockNumberFor<T>,
		reads: &mut u64,
	) -> Option<(ProductId, RoundIndex)> {
		while *cursor <= now {
			reads.saturating_inc();
			let next = match queue {
				Queue::Finalization => FinalizationQueue::<T>::iter_key_prefix(*cursor).next(),
				Queue::Payout => PayoutQueue::<T>::iter_key_prefix(*cursor).next(),
			};
			if next.is_some() {
				return next;
			}
			*cursor = cursor.saturating_add(One::one());
		}
		None
	}

	/// Finalizes, then pays out, due rounds while `limit` allows the worst case of one more.
	/// Returns the weight used.
	pub(crate) fn do_on_idle(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		let db = T::DbWeight::get();
		let max_reviewers = T::MaxReviewersPerRound::get();
		// The cursors: read now, written at the end.
		let mut used = db.reads_writes(1, 1);
		if limit.any_lt(used) {
			return Weight::zero();
		}
		let (mut finalize_from, mut pay_from) = QueueCursors::<T>::get().unwrap_or((now, now));
		let mut reads = 0u64;

		let finalize_cost = T::WeightInfo::on_idle_finalize(max_reviewers, T::MaxCriteria::get());
		while limit.all_gte(used.saturating_add(finalize_cost).saturating_add(db.reads(reads))) {
			let Some((product, index)) =
				Self::next_due(Queue::Finalization, &mut finalize_from, now, &mut reads)
			else {
				break;
			};
			used.saturating_accrue(match Self::do_finalize_round(product) {
				Ok((reviewers, criteria)) => T::WeightInfo::on_idle_finalize(reviewers, criteria),
				// A stale entry (cannot happen: a round leaves its queue when it moves on).
				Err(_) => {
					Self::unschedule(Queue::Finalization, finalize_from, product, index);
					db.reads_writes(2, 1)
				},
			});
		}

		let payout_cost = T::WeightInfo::on_idle_payout(max_reviewers);
		while limit.all_gte(used.saturating_add(payout_cost).saturating_add(db.reads(reads))) {
			let Some((product, index)) =
				Self::next_due(Queue::Payout, &mut pay_from, now, &mut reads)
			else {
				break;
			};
			used.saturating_accrue(match Self::do_claim_round_rewards(product, index) {
				Ok(reviewers) => T::WeightInfo::on_idle_payout(reviewers),
				Err(_) => {
					Self::unschedule(Queue::Payout, pay_from, product, index);
					db.reads_writes(1, 1)
				},
			});
		}
		QueueCursors::<T>::put((finalize_from, pay_from));
		used.saturating_add(db.reads(reads))
	}
}
