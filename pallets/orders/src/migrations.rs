//! Storage migrations of the order pallet, and the pattern every DeSpend pallet follows:
//! an `UncheckedOnRuntimeUpgrade` that does the work (with `pre_upgrade`/`post_upgrade` checks
//! under `try-runtime`), wrapped in `VersionedMigration`, which runs it only from the version it
//! migrates from, bumps the on-chain storage version, and makes it a no-op when run again.
//! The runtime lists it in its `Migrations` until every chain has run it.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use despend_primitives::OrderId;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, storage_alias,
	traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::traits::Saturating;

/// Version 0 → 1: every open order records where it waits in the due queue (`Order::due`),
/// and the due queue is paged (`DueOrders` keyed by block and page, `DuePages`). A disputed
/// order, which had no deadline in version 0, gets the arbitration deadline from the upgrade.
pub mod v1 {
	use super::*;

	/// An open order as version 0 stored it: no `due` slot.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct OrderV0<AccountId, AssetKind, Balance, BlockNumber> {
		pub buyer: AccountId,
		pub merchant: AccountId,
		pub product: despend_primitives::ProductId,
		pub quantity: u32,
		pub asset: AssetKind,
		pub amount: Balance,
		pub amount_usd: Balance,
		pub experience_fee: sp_arithmetic::Perbill,
		pub product_metadata: despend_primitives::Cid,
		pub status: OrderStatus<Balance>,
		pub placed_at: BlockNumber,
		pub deadline: BlockNumber,
		pub tracking: Option<despend_primitives::TrackingHash>,
		pub received_at: Option<BlockNumber>,
	}

	/// Version 0's order type for `T`.
	pub type OrderV0Of<T> = OrderV0<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;

	/// Version 0's due queue: one bucket per block (entries could be stale).
	#[storage_alias]
	pub type DueOrders<T: Config> = StorageMap<
		Pallet<T>,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<OrderId, ConstU32<{ u32::MAX }>>,
		OptionQuery,
	>;

	/// The migration's work (see [`MigrateToV1`] for the versioned wrapper).
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			// Version 0's buckets go (their entries may be stale); every open order is queued
			// again at its own deadline, so nothing is lost and nothing stale survives.
			let buckets = DueOrders::<T>::iter_keys().count() as u64;
			let _ = DueOrders::<T>::clear(u32::MAX, None);
			let now = frame_system::Pallet::<T>::block_number();
			let mut orders = 0u64;
			let ids: Vec<OrderId> = crate::Orders::<T>::iter_keys().collect();
			crate::Orders::<T>::translate::<OrderV0Of<T>, _>(|id, old| {
				orders = orders.saturating_add(1);
				let deadline = match old.status {
					OrderStatus::Disputed { .. } => now.saturating_add(T::ArbitrationPeriod::get()),
					_ => old.deadline,
				};
				Some(Order {
					buyer: old.buyer,
					merchant: old.merchant,
					product: old.product,
					quantity: old.quantity,
					asset: old.asset,
					amount: old.amount,
					amount_usd: old.amount_usd,
					experience_fee: old.experience_fee,
					product_metadata: old.product_metadata,
					status: old.status,
					placed_at: old.placed_at,
					deadline,
					due: Pallet::<T>::schedule(id, deadline),
					tracking: old.tracking,
					received_at: old.received_at,
				})
			});
			debug_assert_eq!(ids.len() as u64, orders);
			// Each order: read, write, and its page (read, write; a new page's range too).
			T::DbWeight::get().reads_writes(
				buckets.saturating_add(orders.saturating_mul(3)),
				buckets.saturating_add(orders.saturating_mul(3)),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let open = crate::Orders::<T>::iter_keys().count() as u64;
			Ok(open.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let open = u64::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let orders: Vec<_> = crate::Orders::<T>::iter().collect();
			ensure!(orders.len() as u64 == open, "an order was lost");
			for (_, order) in &orders {
				ensure!(order.due.is_some(), "an open order is not queued");
			}
			// The due queue lists exactly the open orders, where they say.
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
