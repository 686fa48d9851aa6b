//! The pallet's invariants, checked by `try_state` (and after every unit test).

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold as _, fungibles, Get},
};
use sp_arithmetic::traits::{Saturating, Zero};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks that the escrow account holds at least its own minimum and the open orders'
	/// payments (per asset), the deposits held equal what merchants, products and disputes
	/// record, the open-order and product counts match the stored orders and products, every
	/// order's merchant is registered, ids are below their counters, and the due queue holds
	/// every open order exactly where the order says, and nothing else.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_due_queue()?;
		let mut escrow: BTreeMap<T::AssetKind, BalanceOf<T>> = BTreeMap::new();
		let mut disputes: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut product_orders: BTreeMap<despend_primitives::ProductId, u32> = BTreeMap::new();
		let next_order = NextOrderId::<T>::get();
		for (id, order) in Orders::<T>::iter() {
			ensure!(id < next_order, "an order id is not below NextOrderId");
			ensure!(!order.amount.is_zero(), "an open order holds nothing");
			let owed = escrow.entry(order.asset.clone()).or_default();
			*owed = owed.saturating_add(order.amount);

			let add = |map: &mut BTreeMap<T::AccountId, BalanceOf<T>>, who: &T::AccountId, x| {
				let v = map.entry(who.clone()).or_default();
				*v = v.saturating_add(x);
			};
			match order.status {
				OrderStatus::RefundRejected { merchant_deposit } => {
					add(&mut disputes, &order.merchant, merchant_deposit)
				},
				OrderStatus::Disputed { buyer_deposit, merchant_deposit } => {
					add(&mut disputes, &order.merchant, merchant_deposit);
					add(&mut disputes, &order.buyer, buyer_deposit);
				},
				_ => {},
			}
			*product_orders.entry(order.product).or_default() += 1;
			ensure!(
				Merchants::<T>::contains_key(&order.merchant),
				"an order's merchant is not registered"
			);
		}
		let escrow_account = T::EscrowAccount::get();
		for (asset, owed) in escrow {
			use fungibles::Inspect;
			let minimum = T::Assets::minimum_balance(asset.clone());
			let kept = T::Assets::balance(asset, &escrow_account);
			ensure!(
				kept >= owed.saturating_add(minimum),
				"the escrow account holds less than its own minimum and the open orders' payments"
			);
		}
		for (who, amount) in disputes {
			let held = T::Currency::balance_on_hold(&HoldReason::DisputeDeposit.into(), &who);
			ensure!(held == amount, "dispute deposits held differ from the open disputes");
		}

		let next_product = NextProductId::<T>::get();
		let mut product_deposits: BTreeMap<T::AccountId, (BalanceOf<T>, u32)> = BTreeMap::new();
		for (id, product) in Products::<T>::iter() {
			ensure!(id < next_product, "a product id is not below NextProductId");
			ensure!(
				product.open_orders == product_orders.remove(&id).unwrap_or(0),
				"a product's open-order count differs from its orders"
			);
			ensure!(
				product.status == ProductStatus::Listed || product.open_orders > 0,
				"a delisted product without orders was not removed"
			);
			let entry = product_deposits.entry(product.merchant).or_default();
			entry.0 = entry.0.saturating_add(product.deposit);
			entry.1 += 1;
		}
		ensure!(product_orders.is_empty(), "an order refers to a missing product");

		for (who, merchant) in Merchants::<T>::iter() {
			let (deposits, count) = product_deposits.remove(&who).unwrap_or_default();
			ensure!(merchant.products == count, "a merchant's product count differs");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::MerchantDeposit.into(), &who)
					== merchant.deposit,
				"a merchant's deposit is not held"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ProductDeposit.into(), &who) == deposits,
				"product deposits held differ from the merchant's products"
			);
		}
		ensure!(product_deposits.is_empty(), "a product's merchant is not registered");
		Ok(())
	}

	/// Every order's `due` block lists it; every entry is an open order that points back to
	/// the block it is listed under.
	fn check_due_queue() -> Result<(), TryRuntimeError> {
		let mut listed = 0usize;
		for (at, id, ()) in DueOrders::<T>::iter() {
			let order = Orders::<T>::get(id).ok_or("a due entry of a closed order")?;
			ensure!(order.due == Some(at), "a due entry the order disowns");
			listed += 1;
		}
		let scheduled = Orders::<T>::iter_values().filter(|order| order.due.is_some()).count();
		ensure!(scheduled == listed, "an order's due block does not list it");
		Ok(())
	}
}
