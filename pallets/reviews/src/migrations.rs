//! Storage migrations of the review pallet (the pattern is `pallet_orders::migrations`'s).

use crate::*;
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use despend_primitives::ProductId;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, storage_alias,
	traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;

/// Version 0 → 1: the finalization and payout queues were each one bounded list, read and
/// rewritten whole to queue or take out a round; they keep one entry per round under its due
/// block now, worked off from a cursor.
pub mod v1 {
	use super::*;

	/// A queue as version 0 stored it: `(due block, product, round)`, by due block.
	pub type OldQueue<T> =
		BoundedVec<(BlockNumberFor<T>, ProductId, RoundIndex), ConstU32<{ u32::MAX }>>;

	#[storage_alias]
	pub type FinalizationQueue<T: Config> = StorageValue<Pallet<T>, OldQueue<T>, ValueQuery>;
	#[storage_alias]
	pub type PayoutQueue<T: Config> = StorageValue<Pallet<T>, OldQueue<T>, ValueQuery>;

	/// The migration's work (see [`MigrateToV1`] for the versioned wrapper).
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			// Both lists go before the maps of the same names are written.
			let finalization = FinalizationQueue::<T>::take();
			let payouts = PayoutQueue::<T>::take();
			let now = frame_system::Pallet::<T>::block_number();
			// Overdue entries are worked off first: each cursor starts at its earliest one.
			let earliest =
				|queue: &OldQueue<T>| queue.iter().map(|e| e.0).min().unwrap_or(now).min(now);
			let cursors = (earliest(&finalization), earliest(&payouts));
			let count = (finalization.len() + payouts.len()) as u64;
			for (due, product, index) in finalization {
				crate::FinalizationQueue::<T>::insert(due, (product, index), ());
			}
			for (due, product, index) in payouts {
				crate::PayoutQueue::<T>::insert(due, (product, index), ());
			}
			QueueCursors::<T>::put(cursors);
			T::DbWeight::get().reads_writes(2, count.saturating_add(3))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((FinalizationQueue::<T>::get(), PayoutQueue::<T>::get()).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (finalization, payouts): (OldQueue<T>, OldQueue<T>) =
				Decode::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			for (due, product, index) in finalization {
				ensure!(
					crate::FinalizationQueue::<T>::contains_key(due, (product, index)),
					"a round left the finalization queue"
				);
			}
			for (due, product, index) in payouts {
				ensure!(
					crate::PayoutQueue::<T>::contains_key(due, (product, index)),
					"a round left the payout queue"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateToV1`], run only on a chain at storage version 0, which it moves to 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
