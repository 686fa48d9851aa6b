//! Background work: rounds due for finalization and for payout wait in two bounded queues
//! ordered by due block, and `on_idle` works them off within the block's remaining weight.
//! The permissionless calls (`finalize_round`, `claim_round_rewards`) do the same work, so a
//! round that did not fit in a full queue is never stuck.

use crate::*;
use despend_primitives::ProductId;
use frame_support::{pallet_prelude::*, storage::StorageValue as StorageValueT};
use frame_system::pallet_prelude::BlockNumberFor;

/// A queue of rounds.
pub type QueueOf<T> = BoundedVec<QueueEntry<BlockNumberFor<T>>, <T as Config>::MaxQueueLen>;

impl<T: Config> Pallet<T> {
	/// Inserts `entry` into queue `Q`, after the entries due no later. Returns `false` (and
	/// leaves the queue as it was) when the queue is full.
	pub(crate) fn schedule<Q: StorageValueT<QueueOf<T>, Query = QueueOf<T>>>(
		entry: QueueEntry<BlockNumberFor<T>>,
	) -> bool {
		Q::mutate(|queue| {
			let at = queue.partition_point(|(due, _, _)| *due <= entry.0);
			queue.try_insert(at, entry).is_ok()
		})
	}

	/// Removes round `index` of `product` from queue `Q`.
	pub(crate) fn unschedule<Q: StorageValueT<QueueOf<T>, Query = QueueOf<T>>>(
		product: ProductId,
		index: RoundIndex,
	) {
		Q::mutate(|queue| queue.retain(|(_, p, i)| !(*p == product && *i == index)));
	}

	/// Takes the first entry of queue `Q` if it is due at `now`.
	fn pop_due<Q: StorageValueT<QueueOf<T>, Query = QueueOf<T>>>(
		now: BlockNumberFor<T>,
	) -> Option<(ProductId, RoundIndex)> {
		Q::mutate(|queue| match queue.first() {
			Some((due, product, index)) if *due <= now => {
				let popped = (*product, *index);
				queue.retain(|(_, p, i)| !(*p == popped.0 && *i == popped.1));
				Some(popped)
			},
			_ => None,
		})
	}

	/// Finalizes, then pays out, due rounds while `limit` allows the worst case of one more.
	/// Returns the weight used.
	pub(crate) fn do_on_idle(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		let db = T::DbWeight::get();
		let max_reviewers = T::MaxReviewersPerRound::get();
		let mut used = Weight::zero();

		let finalize_cost = T::WeightInfo::on_idle_finalize(max_reviewers, T::MaxCriteria::get());
		while limit.all_gte(used.saturating_add(finalize_cost)) {
			let Some((product, _)) = Self::pop_due::<FinalizationQueue<T>>(now) else {
				used.saturating_accrue(db.reads(1));
				break;
			};
			used.saturating_accrue(match Self::do_finalize_round(product) {
				Ok((reviewers, criteria)) => T::WeightInfo::on_idle_finalize(reviewers, criteria),
				// A stale entry: only the queue was touched.
				Err(_) => db.reads_writes(3, 1),
			});
		}

		let payout_cost = T::WeightInfo::on_idle_payout(max_reviewers);
		while limit.all_gte(used.saturating_add(payout_cost)) {
			let Some((product, index)) = Self::pop_due::<PayoutQueue<T>>(now) else {
				used.saturating_accrue(db.reads(1));
				break;
			};
			used.saturating_accrue(match Self::do_claim_round_rewards(product, index) {
				Ok(reviewers) => T::WeightInfo::on_idle_payout(reviewers),
				Err(_) => db.reads_writes(2, 1),
			});
		}
		used
	}
}
