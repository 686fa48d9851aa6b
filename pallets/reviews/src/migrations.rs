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
			// The invariants are those of the latest version: checked after the last migration
			// (and by `try_state`), not here, where the product states may still be version 1's.
			Ok(())
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

/// Version 1 → 2: a product's open round was an item of its own in [`Rounds`], read and
/// written by every settlement of the product beside the product's state; it is kept inside
/// the product's state now ([`ProductState::open_round`]), and `Rounds` holds finalized rounds
/// only.
pub mod v2 {
	use super::*;
	use despend_primitives::{CategoryId, QualityStandardId};
	use sp_runtime::traits::Saturating;

	/// A product's state as version 1 stored it: the open round by index only.
	#[derive(Encode, Decode, MaxEncodedLen, TypeInfo)]
	#[scale_info(skip_type_params(T))]
	#[codec(mel_bound(T: Config))]
	pub struct OldProductState<T: Config> {
		pub merchant: T::AccountId,
		pub category: CategoryId,
		pub standard: Option<QualityStandardId>,
		pub open_round: Option<RoundIndex>,
		pub rounds: RoundIndex,
		pub carry_over: Pools<T>,
		pub carry_over_sales: BalanceOf<T>,
		pub late_fees: bool,
	}

	/// Version 1's product states, to write them in tests.
	#[storage_alias]
	pub type ProductStates<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, ProductId, OldProductState<T>>;

	/// The migration's work (see [`MigrateToV2`] for the versioned wrapper).
	pub struct UncheckedMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV2<T> {
		/// Rewrites only the states of products with an open round: a state without one
		/// (`None`) encodes the same in both layouts. Both versions keep every open round in
		/// the finalization queue, one entry each, so the queue names exactly the states to
		/// rewrite, and the work grows with the open rounds, not with the catalogue.
		fn on_runtime_upgrade() -> Weight {
			let mut entries: u64 = 0;
			let mut moved: u64 = 0;
			for (_, (product, index)) in crate::FinalizationQueue::<T>::iter_keys() {
				entries.saturating_inc();
				let Some(old) = ProductStates::<T>::get(product) else { continue };
				if old.open_round != Some(index) {
					continue;
				}
				moved.saturating_inc();
				// A round missing from `Rounds` cannot happen; the state then has none open.
				let open_round = Rounds::<T>::take(product, index).map(|round| (index, round));
				crate::ProductStates::<T>::insert(
					product,
					ProductState {
						merchant: old.merchant,
						category: old.category,
						standard: old.standard,
						open_round,
						rounds: old.rounds,
						carry_over: old.carry_over,
						carry_over_sales: old.carry_over_sales,
						late_fees: old.late_fees,
					},
				);
			}
			// Per queue entry its key and its product's state read; per open round moved, the
			// round read and removed and the state written.
			T::DbWeight::get().reads_writes(
				entries.saturating_mul(2).saturating_add(moved),
				moved.saturating_mul(2),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let open: Vec<(ProductId, RoundIndex, Round<T>)> = ProductStates::<T>::iter()
				.filter_map(|(product, state)| {
					let index = state.open_round?;
					Rounds::<T>::get(product, index).map(|round| (product, index, round))
				})
				.collect();
			for (product, index, round) in &open {
				ensure!(
					crate::FinalizationQueue::<T>::contains_key(
						round.reveal_end,
						(*product, *index)
					),
					"an open round is not in the finalization queue"
				);
			}
			Ok((ProductStates::<T>::iter_keys().count() as u64, open).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (count, open): (u64, Vec<(ProductId, RoundIndex, Round<T>)>) =
				Decode::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			// `iter` skips what does not decode: every state reads in version 2's layout.
			ensure!(
				crate::ProductStates::<T>::iter().count() as u64 == count,
				"a product state was lost or does not decode"
			);
			for (product, index, round) in open {
				let in_state = crate::ProductStates::<T>::get(product)
					.and_then(|state| state.open_round)
					.ok_or("an open round left its product")?;
				ensure!(in_state == (index, round), "an open round changed");
				ensure!(!Rounds::<T>::contains_key(product, index), "an open round left behind");
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateToV2`], run only on a chain at storage version 1, which it moves to 2.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
