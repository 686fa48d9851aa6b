//! Benchmarks of every call and of the `on_idle` steps, at their worst case: payments held in
//! a stablecoin (pallet-assets-holder holds cost more than balance holds), promoters set up by
//! the runtime's helper, full split.

use super::*;
use alloc::vec;
use despend_primitives::{Cid, OrderId, ProductId, TrackingHash, MAX_CID_LEN};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as _, EnsureOrigin, Get, Hooks},
	weights::Weight,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_arithmetic::{traits::Bounded, Perbill};

fn cid() -> Cid {
	BoundedVec::truncate_from(vec![b'b'; MAX_CID_LEN as usize])
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let dsg = BalanceOf::<T>::max_value() / 1_000_000u32.into();
	T::Currency::set_balance(&who, dsg);
	T::BenchmarkHelper::fund(&who, &T::BenchmarkHelper::payment_asset(), dsg);
	who
}

fn merchant<T: Config>() -> T::AccountId {
	let merchant = funded::<T>("merchant", 0);
	assert!(Pallet::<T>::do_register_merchant(merchant.clone(), cid()).is_ok());
	merchant
}

fn category<T: Config>() -> despend_primitives::CategoryId {
	let id = NextCategoryId::<T>::get();
	assert!(Pallet::<T>::do_create_category(BoundedVec::truncate_from(vec![
		b'c';
		T::MaxCategoryNameLen::get()
			as usize
	]))
	.is_ok());
	id
}

fn product<T: Config>(merchant: &T::AccountId) -> ProductId {
	let category = category::<T>();
	let id = NextProductId::<T>::get();
	assert!(Pallet::<T>::do_list_product(
		merchant.clone(),
		category,
		1_000_000u32.into(),
		1_000,
		BoundedVec::truncate_from(vec![T::BenchmarkHelper::payment_asset()]),
		None,
		None,
		cid(),
	)
	.is_ok());
	id
}

/// An order of `T::MaxQuantity` units (a product in stock), placed by a funded buyer.
fn placed<T: Config>() -> (T::AccountId, T::AccountId, OrderId) {
	let merchant = merchant::<T>();
	let product = product::<T>(&merchant);
	let buyer = funded::<T>("buyer", 0);
	T::BenchmarkHelper::prepare_settlement(&buyer);
	let id = NextOrderId::<T>::get();
	assert!(Pallet::<T>::do_place_order(
		buyer.clone(),
		product,
		T::MaxQuantity::get().min(1_000),
		T::BenchmarkHelper::payment_asset(),
		BalanceOf::<T>::max_value(),
	)
	.is_ok());
	(merchant, buyer, id)
}

fn shipped<T: Config>() -> (T::AccountId, T::AccountId, OrderId) {
	let (merchant, buyer, id) = placed::<T>();
	assert!(
		Pallet::<T>::do_mark_shipped(merchant.clone(), id, TrackingHash::repeat_byte(1)).is_ok()
	);
	(merchant, buyer, id)
}

fn received<T: Config>() -> (T::AccountId, T::AccountId, OrderId) {
	let (merchant, buyer, id) = shipped::<T>();
	assert!(Pallet::<T>::do_confirm_receipt(Some(buyer.clone()), id).is_ok());
	(merchant, buyer, id)
}

fn refund_requested<T: Config>() -> (T::AccountId, T::AccountId, OrderId) {
	let (merchant, buyer, id) = received::<T>();
	assert!(Pallet::<T>::do_request_refund(buyer.clone(), id, TrackingHash::repeat_byte(2)).is_ok());
	(merchant, buyer, id)
}

fn disputed<T: Config>() -> (T::AccountId, T::AccountId, OrderId) {
	let (merchant, buyer, id) = refund_requested::<T>();
	assert!(Pallet::<T>::do_reject_refund(merchant.clone(), id).is_ok());
	assert!(Pallet::<T>::do_open_dispute(buyer.clone(), id).is_ok());
	(merchant, buyer, id)
}

fn past_deadline<T: Config>(id: OrderId) {
	let deadline = Pallet::<T>::get_order(id).map(|o| o.deadline).unwrap_or_default();
	frame_system::Pallet::<T>::set_block_number(deadline);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_merchant() {
		let who = funded::<T>("merchant", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), cid());
		assert!(Merchants::<T>::contains_key(&who));
	}

	#[benchmark]
	fn update_merchant() {
		let who = merchant::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), cid());
	}

	#[benchmark]
	fn deregister_merchant() {
		let who = merchant::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Merchants::<T>::contains_key(&who));
	}

	#[benchmark]
	fn suspend_merchant() -> Result<(), BenchmarkError> {
		let who = merchant::<T>();
		let origin = T::MerchantAdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_eq!(Merchants::<T>::get(&who).map(|m| m.status), Some(MerchantStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn resume_merchant() -> Result<(), BenchmarkError> {
		let who = merchant::<T>();
		assert!(Pallet::<T>::do_set_merchant_status(who.clone(), MerchantStatus::Suspended).is_ok());
		let origin = T::MerchantAdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_eq!(Merchants::<T>::get(&who).map(|m| m.status), Some(MerchantStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn create_category() -> Result<(), BenchmarkError> {
		let origin =
			T::CategoryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let id = NextCategoryId::<T>::get();
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			BoundedVec::truncate_from(vec![b'c'; T::MaxCategoryNameLen::get() as usize]),
		);
		assert!(Categories::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn set_category_status() -> Result<(), BenchmarkError> {
		let id = category::<T>();
		let origin =
			T::CategoryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, false);
		assert_eq!(Categories::<T>::get(id).map(|c| c.active), Some(false));
		Ok(())
	}

	#[benchmark]
	fn list_product() {
		let who = merchant::<T>();
		let category = category::<T>();
		let id = NextProductId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			category,
			1_000_000u32.into(),
			1_000,
			BoundedVec::truncate_from(vec![T::BenchmarkHelper::payment_asset()]),
			Some(T::MaxExperienceFee::get()),
			None,
			cid(),
		);
		assert!(Products::<T>::contains_key(id));
	}

	#[benchmark]
	fn update_product() {
		let who = merchant::<T>();
		let id = product::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, Some(2_000_000u32.into()), Some(5), Some(cid()));
	}

	#[benchmark]
	fn delist_product() {
		let who = merchant::<T>();
		let id = product::<T>(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert!(!Products::<T>::contains_key(id));
	}

	#[benchmark]
	fn place_order() {
		let merchant = merchant::<T>();
		let product = product::<T>(&merchant);
		let buyer = funded::<T>("buyer", 0);
		let id = NextOrderId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(buyer),
			product,
			T::MaxQuantity::get().min(1_000),
			T::BenchmarkHelper::payment_asset(),
			BalanceOf::<T>::max_value(),
		);
		assert!(Pallet::<T>::get_order(id).is_some());
	}

	#[benchmark]
	fn mark_shipped() {
		let (merchant, _, id) = placed::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(merchant), id, TrackingHash::repeat_byte(1));
	}

	#[benchmark]
	fn confirm_receipt() {
		let (_, buyer, id) = shipped::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
	}

	#[benchmark]
	fn cancel_order() {
		let (_, buyer, id) = placed::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert!(Pallet::<T>::get_order(id).is_none());
	}

	/// The order pallet's own part of a settlement: the split, the payouts (two promoters),
	/// closing the order. The handlers are weighed by their own pallets' benchmarks.
	#[benchmark]
	fn settle() {
		let (_, _, id) = received::<T>();
		past_deadline::<T>(id);
		#[block]
		{
			assert!(Pallet::<T>::do_settle_due(id, Notify::Nobody).is_ok());
		}
		assert!(Pallet::<T>::get_order(id).is_none());
	}

	/// A whole settlement, its handlers' work included, with `s` other open orders, products,
	/// members, miners and RWA-NFTs on the chain. What it reads and writes, and its proof, do not
	/// depend on `s`: run with `--steps 2` to see both ends (the weights charge `settle`).
	#[benchmark]
	fn settle_at_scale(s: Linear<10, 100_000>) {
		let (_, _, id) = received::<T>();
		if let (Some(order), Some(product)) = (
			Pallet::<T>::get_order(id),
			Pallet::<T>::get_order(id).and_then(|o| Products::<T>::get(o.product)),
		) {
			for i in 0..s {
				Orders::<T>::insert(2_000_000_000 + u64::from(i), order.clone());
				Products::<T>::insert(2_000_000_000 + i, product.clone());
			}
		}
		T::BenchmarkHelper::grow_state(s);
		// Growing the state emitted events by the hundred thousand; a block starts without.
		frame_system::Pallet::<T>::reset_events();
		past_deadline::<T>(id);
		#[block]
		{
			assert!(Pallet::<T>::do_settle_due(id, Notify::Handlers).is_ok());
		}
		assert!(Pallet::<T>::get_order(id).is_none());
	}

	#[benchmark]
	fn request_refund() {
		let (_, buyer, id) = received::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, TrackingHash::repeat_byte(2));
	}

	#[benchmark]
	fn accept_refund() {
		let (merchant, _, id) = refund_requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(merchant), id);
		assert!(Pallet::<T>::get_order(id).is_none());
	}

	#[benchmark]
	fn reject_refund() {
		let (merchant, _, id) = refund_requested::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(merchant), id);
	}

	#[benchmark]
	fn refund_unanswered() {
		let (_, buyer, id) = refund_requested::<T>();
		past_deadline::<T>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert!(Pallet::<T>::get_order(id).is_none());
	}

	#[benchmark]
	fn open_dispute() {
		let (merchant, buyer, id) = refund_requested::<T>();
		assert!(Pallet::<T>::do_reject_refund(merchant, id).is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
	}

	/// A split ruling: both a refund and a settlement (without the handlers, as `settle`).
	#[benchmark]
	fn rule_dispute() -> Result<(), BenchmarkError> {
		let (_, _, id) = disputed::<T>();
		T::ArbitrationOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[block]
		{
			assert!(
				Pallet::<T>::do_rule_dispute(id, Perbill::from_percent(60), Notify::Nobody).is_ok()
			);
		}
		assert!(Pallet::<T>::get_order(id).is_none());
		Ok(())
	}

	/// The default ruling at its dearest, a lapsed dispute: half refunded, half settled
	/// (without the handlers, as `settle`), both deposits released.
	#[benchmark]
	fn apply_default_ruling() {
		let (_, _, id) = disputed::<T>();
		past_deadline::<T>(id);
		#[block]
		{
			assert!(Pallet::<T>::do_apply_default_ruling(id, Notify::Nobody).is_ok());
		}
		assert!(Pallet::<T>::get_order(id).is_none());
	}

	/// `on_idle` with nothing due: reading and writing the cursor.
	#[benchmark]
	fn on_idle_base() {
		let now: BlockNumberFor<T> = 10u32.into();
		frame_system::Pallet::<T>::set_block_number(now);
		DueCursor::<T>::put(now + 1u32.into());
		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}
	}

	/// `on_idle` moving past one block with nothing due.
	#[benchmark]
	fn on_idle_next_block() {
		let now: BlockNumberFor<T> = 10u32.into();
		frame_system::Pallet::<T>::set_block_number(now);
		DueCursor::<T>::put(now);
		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}
		assert_eq!(DueCursor::<T>::get(), Some(now + 1u32.into()));
	}

	/// `on_idle` taking `n` entries of one block whose orders are gone: the cost of the queue
	/// itself (a live entry adds the weight of its own step).
	#[benchmark]
	fn on_idle_entries(n: Linear<0, 256>) {
		let now: BlockNumberFor<T> = 10u32.into();
		frame_system::Pallet::<T>::set_block_number(now);
		DueCursor::<T>::put(now);
		for id in 0..u64::from(n) {
			DueOrders::<T>::insert(now, 1_000_000 + id, ());
		}
		#[block]
		{
			Pallet::<T>::process_due_orders(now, Weight::MAX);
		}
		assert_eq!(DueOrders::<T>::iter_prefix(now).count(), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
