//! Storage migrations of the dividends pallet (the pattern is `pallet_orders::migrations`'s).

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

/// Version 0 → 1: what a shareholder is owed is income, as the events and views say
/// (`Rewards` → [`IncomeRecords`]): the same keys and values under the new name.
pub mod v1 {
	use super::*;

	/// The income records as version 0 named them.
	#[storage_alias]
	pub type Rewards<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		Twox64Concat,
		<T as Config>::AssetKind,
		IncomeRecordOf<T>,
		OptionQuery,
	>;

	/// The migration's work (see [`MigrateToV1`] for the versioned wrapper).
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			move_prefix(&Rewards::<T>::final_prefix(), &IncomeRecords::<T>::final_prefix());
			// Counted after the move: each entry moved was one read, one write, one removal.
			let moved = IncomeRecords::<T>::iter_keys().count() as u64;
			T::DbWeight::get().reads_writes(moved.saturating_mul(2), moved.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let records: Vec<_> = Rewards::<T>::iter().collect();
			Ok(records.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let records: Vec<(T::AccountId, T::AssetKind, IncomeRecordOf<T>)> =
				Decode::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			ensure!(Rewards::<T>::iter_keys().next().is_none(), "a record kept its old name");
			ensure!(
				IncomeRecords::<T>::iter_keys().count() == records.len(),
				"income records lost or added"
			);
			for (who, asset, record) in records {
				ensure!(
					IncomeRecords::<T>::get(&who, &asset) == Some(record),
					"an income record changed"
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
