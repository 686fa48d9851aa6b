//! Storage migrations of the order pallet, and the pattern every DeSpend pallet follows:
//! an `UncheckedOnRuntimeUpgrade` that does the work (with `pre_upgrade`/`post_upgrade` checks
//! under `try-runtime`), wrapped in `VersionedMigration`, which runs it only from the version it
//! migrates from, bumps the on-chain storage version, and makes it a no-op when run again.
//! The runtime lists it in its `Migrations` until every chain has run it; then it goes, with
//! the old types it reads (version 0 → 1 went that way once every chain was at version 1).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use despend_primitives::{Cid, OrderId};
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, storage_alias,
	traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::traits::{Saturating, Zero};

/// Version 1 → 2: the due queue keeps one entry per order (`DueOrders` keyed by block and
/// order, no pages, no `DuePages`), an order records the block it waits under, merchants no
/// longer count open orders (their products do), and `SettledOrderCount` (written, never read:
/// the RWA pallet counts minted items) is gone.
pub mod v2 {
	use super::*;

	/// Where version 1 queued an order: page `page` of block `at`'s due orders.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct DueSlot<BlockNumber> {
		pub at: BlockNumber,
		pub page: u32,
	}

	/// An open order as version 1 stored it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct OrderV1<AccountId, AssetKind, Balance, BlockNumber> {
		pub buyer: AccountId,
		pub merchant: AccountId,
		pub product: despend_primitives::ProductId,
		pub quantity: u32,
		pub asset: AssetKind,
		pub amount: Balance,
		pub amount_usd: Balance,
		pub experience_fee: sp_arithmetic::Perbill,
		pub product_metadata: Cid,
		pub status: OrderStatus<Balance>,
		pub placed_at: BlockNumber,
		pub deadline: BlockNumber,
		pub due: Option<DueSlot<BlockNumber>>,
		pub tracking: Option<despend_primitives::TrackingHash>,
		pub received_at: Option<BlockNumber>,
	}

	/// Version 1's order type for `T`.
	pub type OrderV1Of<T> = OrderV1<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;

	/// A merchant as version 1 stored it, with its open-order count.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct MerchantV1<Balance> {
		pub deposit: Balance,
		pub metadata: Cid,
		pub status: MerchantStatus,
		pub products: u32,
		pub open_orders: u32,
	}

	/// Version 1's due pages: block and page to the orders on it.
	#[storage_alias]
	pub type DueOrders<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		u32,
		BoundedVec<OrderId, ConstU32<{ u32::MAX }>>,
		OptionQuery,
	>;

	/// Version 1's page ranges: `(first, next)` per block.
	#[storage_alias]
	pub type DuePages<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, BlockNumberFor<T>, (u32, u32), OptionQuery>;

	/// Version 1's settled-order counter.
	#[storage_alias]
	pub type SettledOrderCount<T: Config> = StorageValue<Pallet<T>, u64, ValueQuery>;

	/// The migration's work (see [`MigrateToV2`] for the versioned wrapper).
	pub struct UncheckedMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			// The pages go as a whole (their keys would not decode as entries); every open order
			// that was queued is queued again under the same block, so nothing is lost, and
			// `on_idle`'s cursor stays where it was.
			let pages = DueOrders::<T>::iter_keys().count() as u64;
			let ranges = DuePages::<T>::iter_keys().count() as u64;
			let _ = DueOrders::<T>::clear(u32::MAX, None);
			let _ = DuePages::<T>::clear(u32::MAX, None);
			SettledOrderCount::<T>::kill();

			let mut orders = 0u64;
			let mut queued: Vec<(BlockNumberFor<T>, OrderId)> = Vec::new();
			crate::Orders::<T>::translate::<OrderV1Of<T>, _>(|id, old| {
				orders.saturating_inc();
				let due = old.due.map(|slot| slot.at);
				if let Some(at) = due {
					queued.push((at, id));
				}
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
					deadline: old.deadline,
					due,
					tracking: old.tracking,
					received_at: old.received_at,
				})
			});
			for (at, id) in &queued {
				crate::DueOrders::<T>::insert(at, id, ());
			}
			let mut merchants = 0u64;
			crate::Merchants::<T>::translate::<MerchantV1<BalanceOf<T>>, _>(|_, old| {
				merchants.saturating_inc();
				Some(Merchant {
					deposit: old.deposit,
					metadata: old.metadata,
					status: old.status,
					products: old.products,
				})
			});
			let items =
				pages.saturating_add(ranges).saturating_add(orders).saturating_add(merchants);
			T::DbWeight::get()
				.reads_writes(items, items.saturating_add(queued.len() as u64).saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			// What each open order was queued under, to compare after the upgrade.
			let queued: Vec<(OrderId, Option<BlockNumberFor<T>>)> = crate::Orders::<T>::iter_keys()
				.map(|id| {
					let due = frame_support::storage::unhashed::get::<OrderV1Of<T>>(
						&crate::Orders::<T>::hashed_key_for(id),
					)
					.and_then(|order| order.due.map(|slot| slot.at));
					(id, due)
				})
				.collect();
			let merchants = crate::Merchants::<T>::iter_keys().count() as u64;
			Ok((queued, merchants).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (queued, merchants) =
				<(Vec<(OrderId, Option<BlockNumberFor<T>>)>, u64)>::decode(&mut &state[..])
					.map_err(|_| "pre-upgrade state")?;
			ensure!(crate::Orders::<T>::iter_keys().count() == queued.len(), "an order was lost");
			for (id, due) in queued {
				let order = crate::Orders::<T>::get(id).ok_or("an order does not decode")?;
				ensure!(order.due == due, "an order moved in the due queue");
			}
			ensure!(
				crate::Merchants::<T>::iter_values().count() as u64 == merchants,
				"a merchant was lost"
			);
			ensure!(DuePages::<T>::iter_keys().next().is_none(), "a page range is left");
			// The due queue lists exactly the open orders, where they say.
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

/// Version 2 → 3: open orders' payments move from escrow holds on the buyers' accounts to the
/// escrow account ([`Config::EscrowAccount`]). The escrow account first gets its own minimum of
/// each payment asset in `PaymentAssets` (from the treasury; minted only where the treasury
/// cannot spare it, which on a chain whose genesis endowed the escrow never happens). Then each
/// open order's hold (in `Holds`, the holds version 2 used) ends and its amount goes to the
/// escrow: the buyers' balances fall by exactly what their holds were, and nothing else moves.
pub mod v3 {
	use super::*;
	use frame_support::traits::{
		fungibles::{Inspect, Mutate, MutateHold},
		tokens::{Precision, Preservation},
	};

	/// The order escrow holds of version 2 (`HoldReason::Escrow`), wherever the runtime kept
	/// them: the runtime may have removed the pallet that held an asset since.
	pub trait EscrowHolds<AccountId, AssetKind, Balance> {
		/// What `who` has on hold as order escrow in `asset`.
		fn held(asset: AssetKind, who: &AccountId) -> Balance;
		/// Ends up to `amount` of `who`'s escrow hold in `asset` and credits it to `to`;
		/// returns the amount moved.
		fn release_to(
			asset: AssetKind,
			who: &AccountId,
			amount: Balance,
			to: &AccountId,
		) -> Result<Balance, DispatchError>;
	}

	/// [`EscrowHolds`] kept by a `fungibles` hold implementation: a release, then a transfer.
	pub struct ViaHolds<T, Holds>(core::marker::PhantomData<(T, Holds)>);

	impl<T, Holds> EscrowHolds<T::AccountId, T::AssetKind, BalanceOf<T>> for ViaHolds<T, Holds>
	where
		T: Config,
		Holds: MutateHold<
			T::AccountId,
			AssetId = T::AssetKind,
			Balance = BalanceOf<T>,
			Reason = T::RuntimeHoldReason,
		>,
	{
		fn held(asset: T::AssetKind, who: &T::AccountId) -> BalanceOf<T> {
			Holds::balance_on_hold(asset, &HoldReason::Escrow.into(), who)
		}

		fn release_to(
			asset: T::AssetKind,
			who: &T::AccountId,
			amount: BalanceOf<T>,
			to: &T::AccountId,
		) -> Result<BalanceOf<T>, DispatchError> {
			let released = Holds::release(
				asset.clone(),
				&HoldReason::Escrow.into(),
				who,
				amount,
				Precision::BestEffort,
			)?;
			T::Assets::transfer(asset, who, to, released, Preservation::Expendable)
		}
	}

	/// The migration's work (see [`MigrateToV3`] for the versioned wrapper).
	pub struct UncheckedMigrateToV3<T, PaymentAssets, Holds>(
		core::marker::PhantomData<(T, PaymentAssets, Holds)>,
	);

	impl<T, PaymentAssets, Holds> UncheckedOnRuntimeUpgrade
		for UncheckedMigrateToV3<T, PaymentAssets, Holds>
	where
		T: Config,
		PaymentAssets: Get<Vec<T::AssetKind>>,
		Holds: EscrowHolds<T::AccountId, T::AssetKind, BalanceOf<T>>,
	{
		fn on_runtime_upgrade() -> Weight {
			let escrow = T::EscrowAccount::get();
			let treasury = T::TreasuryAccount::get();
			let assets = PaymentAssets::get();
			for asset in &assets {
				let minimum = T::Assets::minimum_balance(asset.clone());
				let short = minimum.saturating_sub(T::Assets::balance(asset.clone(), &escrow));
				if short.is_zero() {
					continue;
				}
				let from_treasury = T::Assets::transfer(
					asset.clone(),
					&treasury,
					&escrow,
					short,
					Preservation::Preserve,
				);
				if from_treasury.is_err() {
					if let Err(e) = T::Assets::mint_into(asset.clone(), &escrow, short) {
						log::error!(
							target: "runtime::orders",
							"v3: the escrow account got no minimum of {asset:?}: {e:?}"
						);
					}
				}
			}
			let mut orders = 0u64;
			for (id, order) in crate::Orders::<T>::iter() {
				orders.saturating_inc();
				let moved = Holds::release_to(order.asset, &order.buyer, order.amount, &escrow);
				if let Err(e) = moved {
					log::error!(target: "runtime::orders", "v3: order {id}'s escrow did not move: {e:?}");
				}
			}
			// Per asset: two accounts read and written; per order: the order, the buyer's hold
			// (three items) and account, read and written.
			let items =
				(assets.len() as u64).saturating_mul(2).saturating_add(orders.saturating_mul(5));
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			// What each asset's escrow account will have to hold: the open orders' payments.
			let mut owed: Vec<(T::AssetKind, BalanceOf<T>)> = Vec::new();
			for order in crate::Orders::<T>::iter_values() {
				match owed.iter_mut().find(|(asset, _)| *asset == order.asset) {
					Some((_, total)) => total.saturating_accrue(order.amount),
					None => owed.push((order.asset, order.amount)),
				}
			}
			Ok(owed.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let owed = <Vec<(T::AssetKind, BalanceOf<T>)>>::decode(&mut &state[..])
				.map_err(|_| "pre-upgrade state")?;
			let escrow = T::EscrowAccount::get();
			for (asset, total) in owed {
				let minimum = T::Assets::minimum_balance(asset.clone());
				ensure!(
					T::Assets::balance(asset, &escrow) >= total.saturating_add(minimum),
					"the escrow account holds less than the open orders and its minimum"
				);
			}
			for order in crate::Orders::<T>::iter_values() {
				ensure!(
					Holds::held(order.asset, &order.buyer).is_zero(),
					"an escrow hold is left on a buyer"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateToV3`], run only on a chain at storage version 2, which it moves to 3.
	pub type MigrateToV3<T, PaymentAssets, Holds> = VersionedMigration<
		2,
		3,
		UncheckedMigrateToV3<T, PaymentAssets, Holds>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
