//! Storage migrations of the mining pallet (the pattern is `pallet_orders::migrations`'s).

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, storage_alias,
	traits::UncheckedOnRuntimeUpgrade,
};
use sp_arithmetic::traits::Zero;

/// Version 0 → 1: the schedule's four values (`TotalVolumeUsd`, `Halvings`,
/// `NextHalvingVolume`, `TotalMined`) become one [`Schedule`], and each account's three
/// records (`MinedBy`, `AccountEpochMined`, `PendingRewards`) one [`Miners`] entry: a reward
/// reads and writes two items instead of seven.
pub mod v1 {
	use super::*;

	#[storage_alias]
	pub type TotalVolumeUsd<T: Config> = StorageValue<Pallet<T>, BalanceOf<T>, ValueQuery>;
	#[storage_alias]
	pub type Halvings<T: Config> = StorageValue<Pallet<T>, u32, ValueQuery>;
	#[storage_alias]
	pub type NextHalvingVolume<T: Config> = StorageValue<Pallet<T>, BalanceOf<T>, OptionQuery>;
	#[storage_alias]
	pub type TotalMined<T: Config> = StorageValue<Pallet<T>, BalanceOf<T>, ValueQuery>;
	#[storage_alias]
	pub type MinedBy<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, AccountIdOf<T>, BalanceOf<T>, ValueQuery>;
	#[storage_alias]
	pub type AccountEpochMined<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		AccountIdOf<T>,
		(PeriodOf<T>, BalanceOf<T>),
		OptionQuery,
	>;
	#[storage_alias]
	pub type PendingRewards<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, AccountIdOf<T>, BalanceOf<T>, OptionQuery>;

	/// The migration's work (see [`MigrateToV1`] for the versioned wrapper).
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let halvings = Halvings::<T>::take();
			Schedule::<T>::put(EmissionSchedule {
				volume_usd: TotalVolumeUsd::<T>::take(),
				halvings,
				// Version 0 stored no threshold before the first halving (its default was
				// the parameter), which [`Pallet::next_threshold`] still reads until then.
				next_halving_volume: NextHalvingVolume::<T>::take()
					.unwrap_or_else(T::HalvingVolume::get),
				total_mined: TotalMined::<T>::take(),
			});
			let mut miners: Vec<(AccountIdOf<T>, MinerOf<T>)> = Vec::new();
			for (who, mined) in MinedBy::<T>::drain() {
				let mut miner = Miner { mined, ..Default::default() };
				if let Some((epoch, amount)) = AccountEpochMined::<T>::take(&who) {
					miner.period = epoch;
					miner.period_mined = amount;
				}
				miner.pending = PendingRewards::<T>::take(&who).unwrap_or_else(Zero::zero);
				miners.push((who, miner));
			}
			// Records without a `MinedBy` entry cannot exist (a reward writes all three);
			// drop any all the same so nothing of version 0 is left.
			let strays = (AccountEpochMined::<T>::drain().count() as u64)
				.saturating_add(PendingRewards::<T>::drain().count() as u64);
			let count = miners.len() as u64;
			for (who, miner) in miners {
				Miners::<T>::insert(who, miner);
			}
			T::DbWeight::get().reads_writes(
				count.saturating_mul(3).saturating_add(strays).saturating_add(4),
				count.saturating_mul(4).saturating_add(strays).saturating_add(5),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let mined: Vec<(AccountIdOf<T>, BalanceOf<T>)> = MinedBy::<T>::iter().collect();
			Ok((mined, TotalMined::<T>::get(), TotalVolumeUsd::<T>::get(), Halvings::<T>::get())
				.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (mined, total, volume, halvings): (
				Vec<(AccountIdOf<T>, BalanceOf<T>)>,
				BalanceOf<T>,
				BalanceOf<T>,
				u32,
			) = Decode::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let schedule = Schedule::<T>::get();
			ensure!(schedule.total_mined == total, "the total mined changed");
			ensure!(schedule.volume_usd == volume, "the settled volume changed");
			ensure!(schedule.halvings == halvings, "the halvings changed");
			ensure!(Miners::<T>::iter_keys().count() == mined.len(), "a miner was lost");
			for (who, amount) in mined {
				ensure!(Pallet::<T>::mined_by(&who) == amount, "a miner's total changed");
			}
			ensure!(MinedBy::<T>::iter_keys().next().is_none(), "a version 0 record is left");
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
