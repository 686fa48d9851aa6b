//! Storage migrations of the referrals pallet (the pattern is `pallet_orders::migrations`'s).

use crate::*;
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	storage::{migration::move_prefix, StoragePrefixedMap},
	storage_alias,
	traits::UncheckedOnRuntimeUpgrade,
};

/// Version 0 → 1: the bindings and their counts are named for the promoter, as everywhere
/// else (`Referrer` → [`Promoter`], `RefereeCount` → [`PromotedCount`]): the same keys and
/// values under the new names.
pub mod v1 {
	use super::*;

	/// The bindings as version 0 named them.
	#[storage_alias]
	pub type Referrer<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		BindingOf<T>,
	>;
	/// The counts as version 0 named them.
	#[storage_alias]
	pub type RefereeCount<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		u32,
		ValueQuery,
	>;

	/// The migration's work (see [`MigrateToV1`] for the versioned wrapper).
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			move_prefix(&Referrer::<T>::final_prefix(), &Promoter::<T>::final_prefix());
			move_prefix(&RefereeCount::<T>::final_prefix(), &PromotedCount::<T>::final_prefix());
			// Counted after the move: each entry moved was one read, one write, one removal.
			let moved = (Promoter::<T>::iter_keys().count()
				+ PromotedCount::<T>::iter_keys().count()) as u64;
			T::DbWeight::get().reads_writes(moved.saturating_mul(2), moved.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let bindings: Vec<_> = Referrer::<T>::iter().collect();
			let counts: Vec<_> = RefereeCount::<T>::iter().collect();
			Ok((bindings, counts).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (bindings, counts): (Vec<(T::AccountId, BindingOf<T>)>, Vec<(T::AccountId, u32)>) =
				Decode::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			ensure!(Referrer::<T>::iter_keys().next().is_none(), "a binding kept its old name");
			ensure!(RefereeCount::<T>::iter_keys().next().is_none(), "a count kept its old name");
			ensure!(Promoter::<T>::iter_keys().count() == bindings.len(), "bindings lost or added");
			for (who, binding) in bindings {
				ensure!(Promoter::<T>::get(&who) == Some(binding), "a binding changed");
			}
			ensure!(
				PromotedCount::<T>::iter_keys().count() == counts.len(),
				"counts lost or added"
			);
			for (who, count) in counts {
				ensure!(PromotedCount::<T>::get(&who) == count, "a count changed");
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
