//! Unit tests of the order pallet. Every test ends with the pallet's invariants checked
//! (`build_and_execute`).

use crate::{
	mock::*,
	pallet::{
		Categories, DueCursor, DueOrders, Merchants, NextCategoryId, NextOrderId, NextProductId,
		Products,
	},
	types::*,
	AcceptedAssetsOf, CategoryNameOf, Error, Event as OrdersEvent, HoldReason, WeightInfo,
};
use despend_primitives::{Cid, OrderId, ProductId, SettlementParts, TrackingHash};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::NativeOrWithId,
		fungible::{InspectHold as _, Mutate as _},
		fungibles::InspectHold as _,
		Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use sp_arithmetic::{FixedU128, Perbill};
use sp_runtime::DispatchError;

const PRICE: Balance = 10 * USD;
const STOCK: u32 = 100;

fn cid(tag: &[u8]) -> Cid {
	BoundedVec::truncate_from(tag.to_vec())
}

fn assets(list: &[AssetKind]) -> AcceptedAssetsOf<Test> {
	BoundedVec::try_from(list.to_vec()).expect("at most four assets")
}

fn name(text: &[u8]) -> CategoryNameOf<Test> {
	BoundedVec::try_from(text.to_vec()).expect("a short name")
}

fn tracking() -> TrackingHash {
	TrackingHash::repeat_byte(7)
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn register(who: AccountId) {
	if !Merchants::<Test>::contains_key(who) {
		assert_ok!(Orders::register_merchant(signed(who), cid(b"profile")));
	}
}

/// A product of `merchant` in category 0 at `PRICE`, accepting USDT, USDC and DSG.
fn list(merchant: AccountId) -> ProductId {
	let id = NextProductId::<Test>::get();
	assert_ok!(Orders::list_product(
		signed(merchant),
		0,
		PRICE,
		STOCK,
		assets(&[USDT_ASSET, USDC_ASSET, DSG]),
		None,
		None,
		cid(b"tea"),
	));
	id
}

fn merchant_with_product() -> ProductId {
	register(MERCHANT);
	list(MERCHANT)
}

fn place(buyer: AccountId, product: ProductId, quantity: u32, asset: AssetKind) -> OrderId {
	let id = NextOrderId::<Test>::get();
	assert_ok!(Orders::place_order(signed(buyer), product, quantity, asset, Balance::MAX));
	id
}

/// What the escrow account keeps of `asset` for open orders (beyond its own minimum).
fn escrowed(asset: AssetKind) -> Balance {
	use frame_support::traits::fungibles::Inspect;
	NativeAndAssets::balance(asset.clone(), &ESCROW) - NativeAndAssets::minimum_balance(asset)
}

fn usdt(who: AccountId) -> Balance {
	Assets::balance(USDT, who)
}

fn status(order: OrderId) -> Option<OrderStatus<Balance>> {
	Orders::get_order(order).map(|o| o.status)
}

fn deadline(order: OrderId) -> u64 {
	Orders::get_order(order).unwrap().deadline
}

/// A USDT order of two units by `BUYER`, shipped and received.
fn received_order() -> (ProductId, OrderId) {
	let product = merchant_with_product();
	let order = place(BUYER, product, 2, USDT_ASSET);
	assert_ok!(Orders::mark_shipped(signed(MERCHANT), order, tracking()));
	assert_ok!(Orders::confirm_receipt(signed(BUYER), order));
	(product, order)
}

fn refund_requested_order() -> OrderId {
	let (_, order) = received_order();
	assert_ok!(Orders::request_refund(signed(BUYER), order, TrackingHash::repeat_byte(9)));
	order
}

fn disputed_order() -> OrderId {
	let order = refund_requested_order();
	assert_ok!(Orders::reject_refund(signed(MERCHANT), order));
	assert_ok!(Orders::open_dispute(signed(BUYER), order));
	order
}

/// The split of `docs/design.md`, computed here independently of the pallet.
fn expected_parts(
	sale: Balance,
	fee: Perbill,
	promoter_rates: &[Perbill],
) -> SettlementParts<Balance> {
	let e = fee.mul_floor(sale);
	let c = Perbill::from_parts(6_000_000).mul_floor(sale);
	let experts = Perbill::from_percent(10).mul_floor(e);
	let reviewers = Perbill::from_percent(50).mul_floor(e);
	let platform = e - experts - reviewers;
	let commissions: Balance = promoter_rates.iter().map(|r| r.mul_floor(platform)).sum();
	let dividend_share = (platform - commissions) / 2;
	SettlementParts {
		merchant: sale - e - c,
		experience_fee: e,
		experts,
		reviewers,
		platform,
		community_fee: c,
		commissions,
		dividend_share,
		treasury: platform - commissions - dividend_share,
	}
}

// ---- merchants ----

#[test]
fn merchant_registers_with_a_held_deposit() {
	build_and_execute(|| {
		register(MERCHANT);
		let merchant = Merchants::<Test>::get(MERCHANT).unwrap();
		assert_eq!(merchant.status, MerchantStatus::Active);
		assert_eq!(merchant.deposit, MerchantDeposit::get());
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::MerchantDeposit.into(), &MERCHANT),
			MerchantDeposit::get()
		);
		System::assert_last_event(
			OrdersEvent::MerchantRegistered { merchant: MERCHANT, deposit: MerchantDeposit::get() }
				.into(),
		);
	});
}

#[test]
fn registering_twice_or_without_funds_fails() {
	build_and_execute(|| {
		register(MERCHANT);
		assert_noop!(
			Orders::register_merchant(signed(MERCHANT), cid(b"x")),
			Error::<Test>::AlreadyMerchant
		);
		assert_noop!(
			Orders::register_merchant(signed(77), cid(b"x")),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

#[test]
fn merchant_updates_its_profile_and_strangers_cannot() {
	build_and_execute(|| {
		register(MERCHANT);
		assert_ok!(Orders::update_merchant(signed(MERCHANT), cid(b"new")));
		assert_eq!(Merchants::<Test>::get(MERCHANT).unwrap().metadata, cid(b"new"));
		System::assert_last_event(OrdersEvent::MerchantUpdated { merchant: MERCHANT }.into());
		assert_noop!(
			Orders::update_merchant(signed(STRANGER), cid(b"x")),
			Error::<Test>::NotMerchant
		);
	});
}

#[test]
fn merchant_deregisters_only_without_products_or_open_orders() {
	build_and_execute(|| {
		assert_noop!(Orders::deregister_merchant(signed(MERCHANT)), Error::<Test>::NotMerchant);
		let product = merchant_with_product();
		assert_noop!(
			Orders::deregister_merchant(signed(MERCHANT)),
			Error::<Test>::MerchantHasProducts
		);
		// A delisted product with an open order stays, and so does its merchant.
		let order = place(BUYER, product, 1, USDT_ASSET);
		assert_ok!(Orders::delist_product(signed(MERCHANT), product));
		assert_noop!(
			Orders::deregister_merchant(signed(MERCHANT)),
			Error::<Test>::MerchantHasProducts
		);
		assert_ok!(Orders::cancel_order(signed(BUYER), order));
		System::assert_has_event(OrdersEvent::ProductRemoved { product }.into());
		let free_before = Balances::free_balance(MERCHANT);
		assert_ok!(Orders::deregister_merchant(signed(MERCHANT)));
		assert_eq!(Balances::free_balance(MERCHANT), free_before + MerchantDeposit::get());
		assert!(!Merchants::<Test>::contains_key(MERCHANT));
		System::assert_last_event(OrdersEvent::MerchantDeregistered { merchant: MERCHANT }.into());
	});
}

#[test]
fn governance_suspends_and_resumes_merchants() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let open = place(BUYER, product, 1, USDT_ASSET);
		assert_noop!(
			Orders::suspend_merchant(signed(STRANGER), MERCHANT),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Orders::suspend_merchant(RuntimeOrigin::root(), STRANGER),
			Error::<Test>::NotMerchant
		);
		assert_noop!(
			Orders::resume_merchant(RuntimeOrigin::root(), MERCHANT),
			Error::<Test>::MerchantNotSuspended
		);
		assert_ok!(Orders::suspend_merchant(RuntimeOrigin::root(), MERCHANT));
		System::assert_last_event(OrdersEvent::MerchantSuspended { merchant: MERCHANT }.into());
		assert_noop!(
			Orders::suspend_merchant(RuntimeOrigin::root(), MERCHANT),
			Error::<Test>::MerchantSuspended
		);
		// No new listings or orders, but open orders go on.
		assert_noop!(
			Orders::list_product(
				signed(MERCHANT),
				0,
				PRICE,
				1,
				assets(&[DSG]),
				None,
				None,
				cid(b"x")
			),
			Error::<Test>::MerchantSuspended
		);
		assert_noop!(
			Orders::place_order(signed(BUYER), product, 1, USDT_ASSET, Balance::MAX),
			Error::<Test>::MerchantSuspended
		);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), open, tracking()));
		assert_ok!(Orders::resume_merchant(RuntimeOrigin::root(), MERCHANT));
		System::assert_last_event(OrdersEvent::MerchantResumed { merchant: MERCHANT }.into());
		place(BUYER, product, 1, USDT_ASSET);
	});
}

// ---- categories ----

#[test]
fn only_governance_launches_categories() {
	build_and_execute(|| {
		assert_noop!(
			Orders::create_category(signed(MERCHANT), name(b"Shoes")),
			DispatchError::BadOrigin
		);
		assert_ok!(Orders::create_category(RuntimeOrigin::root(), name(b"Shoes")));
		assert_ok!(Orders::create_category(RuntimeOrigin::root(), name(b"Books")));
		assert_eq!(Categories::<Test>::get(2).unwrap().name.to_vec(), b"Books".to_vec());
		assert_eq!(NextCategoryId::<Test>::get(), 3);
		System::assert_last_event(
			OrdersEvent::CategoryCreated {
				category: 2,
				name: BoundedVec::truncate_from(b"Books".to_vec()),
			}
			.into(),
		);
	});
}

#[test]
fn an_inactive_category_takes_no_new_products() {
	build_and_execute(|| {
		register(MERCHANT);
		assert_noop!(
			Orders::set_category_status(RuntimeOrigin::root(), 9, false),
			Error::<Test>::UnknownCategory
		);
		assert_noop!(
			Orders::set_category_status(RuntimeOrigin::root(), 0, true),
			Error::<Test>::CategoryStatusUnchanged
		);
		assert_noop!(
			Orders::set_category_status(signed(MERCHANT), 0, false),
			DispatchError::BadOrigin
		);
		assert_ok!(Orders::set_category_status(RuntimeOrigin::root(), 0, false));
		System::assert_last_event(
			OrdersEvent::CategoryStatusChanged { category: 0, active: false }.into(),
		);
		assert_noop!(
			Orders::list_product(
				signed(MERCHANT),
				0,
				PRICE,
				1,
				assets(&[DSG]),
				None,
				None,
				cid(b"x")
			),
			Error::<Test>::CategoryInactive
		);
	});
}

// ---- products ----

#[test]
fn merchant_lists_a_product_with_the_default_experience_fee_and_a_deposit() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let info = Products::<Test>::get(product).unwrap();
		assert_eq!(info.experience_fee, Perbill::from_percent(15));
		assert_eq!(info.stock, STOCK);
		assert_eq!(info.status, ProductStatus::Listed);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::ProductDeposit.into(), &MERCHANT),
			ProductDeposit::get()
		);
		assert_eq!(Merchants::<Test>::get(MERCHANT).unwrap().products, 1);
		System::assert_last_event(
			OrdersEvent::ProductListed {
				product,
				merchant: MERCHANT,
				category: 0,
				price_usd: PRICE,
				stock: STOCK,
				experience_fee: Perbill::from_percent(15),
			}
			.into(),
		);
	});
}

#[test]
fn listing_checks_every_input() {
	build_and_execute(|| {
		let list = |who, category, price, assets: Vec<AssetKind>, fee, standard| {
			let assets = BoundedVec::try_from(assets).expect("at most four assets");
			Orders::list_product(signed(who), category, price, 5, assets, fee, standard, cid(b"p"))
		};
		assert_noop!(list(MERCHANT, 0, PRICE, vec![DSG], None, None), Error::<Test>::NotMerchant);
		register(MERCHANT);
		assert_noop!(
			list(MERCHANT, 5, PRICE, vec![DSG], None, None),
			Error::<Test>::UnknownCategory
		);
		assert_noop!(list(MERCHANT, 0, 0, vec![DSG], None, None), Error::<Test>::ZeroPrice);
		assert_noop!(list(MERCHANT, 0, PRICE, vec![], None, None), Error::<Test>::NoPaymentAsset);
		assert_noop!(
			list(MERCHANT, 0, PRICE, vec![NativeOrWithId::WithId(42)], None, None),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			list(MERCHANT, 0, PRICE, vec![USDT_ASSET, USDT_ASSET], None, None),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			list(MERCHANT, 0, PRICE, vec![DSG], Some(Perbill::from_parts(9_999_999)), None),
			Error::<Test>::ExperienceFeeOutOfBounds
		);
		assert_noop!(
			list(MERCHANT, 0, PRICE, vec![DSG], Some(Perbill::from_percent(31)), None),
			Error::<Test>::ExperienceFeeOutOfBounds
		);
		assert_noop!(
			list(MERCHANT, 0, PRICE, vec![DSG], None, Some(STANDARD + 1)),
			Error::<Test>::UnusableQualityStandard
		);
		assert_ok!(Orders::create_category(RuntimeOrigin::root(), name(b"Other")));
		assert_noop!(
			list(MERCHANT, 1, PRICE, vec![DSG], None, Some(STANDARD)),
			Error::<Test>::UnusableQualityStandard
		);
		assert_ok!(list(
			MERCHANT,
			0,
			PRICE,
			vec![DSG],
			Some(Perbill::from_percent(30)),
			Some(STANDARD)
		));
		assert_eq!(Products::<Test>::get(0).unwrap().quality_standard, Some(STANDARD));
		// A merchant who can pay its registration but not a product deposit.
		Balances::set_balance(&6, MerchantDeposit::get() + ED);
		register(6);
		assert_noop!(list(6, 0, PRICE, vec![DSG], None, None), Error::<Test>::CannotHoldDeposit);
	});
}

#[test]
fn merchant_updates_price_stock_and_description() {
	build_and_execute(|| {
		let product = merchant_with_product();
		assert_noop!(
			Orders::update_product(signed(MERCHANT), product, None, None, None),
			Error::<Test>::NothingToUpdate
		);
		assert_noop!(
			Orders::update_product(signed(MERCHANT), 99, Some(1), None, None),
			Error::<Test>::UnknownProduct
		);
		assert_noop!(
			Orders::update_product(signed(STRANGER), product, Some(1), None, None),
			Error::<Test>::NotProductMerchant
		);
		assert_noop!(
			Orders::update_product(signed(MERCHANT), product, Some(0), None, None),
			Error::<Test>::ZeroPrice
		);
		assert_ok!(Orders::update_product(
			signed(MERCHANT),
			product,
			Some(3 * USD),
			Some(7),
			Some(cid(b"v2"))
		));
		let info = Products::<Test>::get(product).unwrap();
		assert_eq!((info.price_usd, info.stock, info.metadata), (3 * USD, 7, cid(b"v2")));
		System::assert_last_event(
			OrdersEvent::ProductUpdated { product, price_usd: 3 * USD, stock: 7 }.into(),
		);
	});
}

#[test]
fn a_delisted_product_stays_until_its_last_order_closes() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, USDT_ASSET);
		assert_noop!(
			Orders::delist_product(signed(STRANGER), product),
			Error::<Test>::NotProductMerchant
		);
		assert_noop!(Orders::delist_product(signed(MERCHANT), 42), Error::<Test>::UnknownProduct);
		assert_ok!(Orders::delist_product(signed(MERCHANT), product));
		System::assert_last_event(OrdersEvent::ProductDelisted { product }.into());
		assert_eq!(Products::<Test>::get(product).unwrap().status, ProductStatus::Delisted);
		assert_noop!(
			Orders::delist_product(signed(MERCHANT), product),
			Error::<Test>::ProductNotListed
		);
		assert_noop!(
			Orders::update_product(signed(MERCHANT), product, Some(1), None, None),
			Error::<Test>::ProductNotListed
		);
		assert_noop!(
			Orders::place_order(signed(BUYER), product, 1, USDT_ASSET, Balance::MAX),
			Error::<Test>::ProductNotListed
		);
		assert_ok!(Orders::cancel_order(signed(BUYER), order));
		System::assert_has_event(OrdersEvent::ProductRemoved { product }.into());
		assert!(!Products::<Test>::contains_key(product));
		assert_eq!(Balances::balance_on_hold(&HoldReason::ProductDeposit.into(), &MERCHANT), 0);
		assert_eq!(Merchants::<Test>::get(MERCHANT).unwrap().products, 0);
	});
}

#[test]
fn a_product_without_orders_is_removed_when_delisted() {
	build_and_execute(|| {
		let product = merchant_with_product();
		assert_ok!(Orders::delist_product(signed(MERCHANT), product));
		System::assert_last_event(OrdersEvent::ProductRemoved { product }.into());
		assert!(!Products::<Test>::contains_key(product));
	});
}

// ---- placing orders ----

#[test]
fn buyer_places_a_stablecoin_order_and_the_total_goes_to_the_escrow() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let before = usdt(BUYER);
		let order = place(BUYER, product, 3, USDT_ASSET);
		assert_eq!(escrowed(USDT_ASSET), 3 * PRICE);
		assert_eq!(usdt(BUYER), before - 3 * PRICE);
		assert_eq!(Products::<Test>::get(product).unwrap().stock, STOCK - 3);
		let stored = Orders::get_order(order).unwrap();
		assert_eq!(stored.status, OrderStatus::Placed);
		assert_eq!(stored.deadline, 1 + ShipDeadline::get());
		System::assert_last_event(
			OrdersEvent::OrderPlaced {
				order,
				buyer: BUYER,
				product,
				quantity: 3,
				asset: USDT_ASSET,
				amount: 3 * PRICE,
				amount_usd: 3 * PRICE,
			}
			.into(),
		);
	});
}

#[test]
fn a_dsg_payment_converts_at_the_oracle_price_with_the_dsg_discount() {
	build_and_execute(|| {
		let product = merchant_with_product();
		// 2 × 10 USD, 5% off = 19 USD; at 0.25 USD per DSG that is 76 DSG.
		let quote = Orders::quote(&BUYER, product, 2, &DSG).unwrap();
		assert_eq!(quote.amount, 76 * DSG_UNIT);
		assert_eq!(quote.amount_usd, 19 * USD);
		let order = place(BUYER, product, 2, DSG);
		assert_eq!(escrowed(DSG), 76 * DSG_UNIT);
		assert_eq!(Orders::get_order(order).unwrap().amount_usd, 19 * USD);
	});
}

#[test]
fn a_tier_discount_adds_to_the_dsg_discount_up_to_the_cap() {
	build_and_execute(|| {
		let product = merchant_with_product();
		set_tier_discount(Perbill::from_percent(10));
		// 5% + 10% = 15% off 10 USD = 8.5 USD = 34 DSG.
		assert_eq!(Orders::quote(&BUYER, product, 1, &DSG).unwrap().amount, 34 * DSG_UNIT);
		set_tier_discount(Perbill::from_percent(50));
		// Capped at 20%: 8 USD = 32 DSG.
		assert_eq!(Orders::quote(&BUYER, product, 1, &DSG).unwrap().amount, 32 * DSG_UNIT);
		// Stablecoins pay the list price.
		assert_eq!(Orders::quote(&BUYER, product, 1, &USDC_ASSET).unwrap().amount, PRICE);
	});
}

#[test]
fn placing_an_order_checks_every_input() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = |who, product, quantity, asset, max| {
			Orders::place_order(signed(who), product, quantity, asset, max)
		};
		assert_noop!(
			order(BUYER, product, 0, USDT_ASSET, Balance::MAX),
			Error::<Test>::InvalidQuantity
		);
		assert_noop!(
			order(BUYER, product, 101, USDT_ASSET, Balance::MAX),
			Error::<Test>::InvalidQuantity
		);
		assert_noop!(order(BUYER, 9, 1, USDT_ASSET, Balance::MAX), Error::<Test>::UnknownProduct);
		assert_noop!(
			order(MERCHANT, product, 1, USDT_ASSET, Balance::MAX),
			Error::<Test>::CannotBuyOwnProduct
		);
		assert_noop!(
			order(BUYER, product, 1, NativeOrWithId::WithId(42), Balance::MAX),
			Error::<Test>::AssetNotAccepted
		);
		assert_ok!(Orders::update_product(signed(MERCHANT), product, None, Some(1), None));
		assert_noop!(
			order(BUYER, product, 2, USDT_ASSET, Balance::MAX),
			Error::<Test>::InsufficientStock
		);
		assert_noop!(order(BUYER, product, 1, USDT_ASSET, PRICE - 1), Error::<Test>::TotalAboveMax);
		assert_noop!(
			order(POOR, product, 1, USDT_ASSET, Balance::MAX),
			Error::<Test>::InsufficientBalance
		);
		DsgPrice::set(None);
		assert_noop!(order(BUYER, product, 1, DSG, Balance::MAX), Error::<Test>::NoDsgPrice);
		assert_ok!(Orders::update_product(
			signed(MERCHANT),
			product,
			Some(Balance::MAX / 2),
			Some(9),
			None
		));
		assert_noop!(
			order(BUYER, product, 3, USDT_ASSET, Balance::MAX),
			Error::<Test>::PriceOverflow
		);
	});
}

// ---- shipping, receipt, cancellation ----

#[test]
fn the_merchant_ships_before_the_deadline_only() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, USDT_ASSET);
		assert_noop!(
			Orders::mark_shipped(signed(MERCHANT), 99, tracking()),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			Orders::mark_shipped(signed(BUYER), order, tracking()),
			Error::<Test>::NotOrderMerchant
		);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), order, tracking()));
		System::assert_last_event(OrdersEvent::OrderShipped { order, tracking: tracking() }.into());
		assert_eq!(status(order), Some(OrderStatus::Shipped));
		assert_eq!(deadline(order), 1 + AutoConfirmPeriod::get());
		assert_noop!(
			Orders::mark_shipped(signed(MERCHANT), order, tracking()),
			Error::<Test>::InvalidOrderState
		);

		let late = place(BUYER, product, 1, USDT_ASSET);
		System::set_block_number(1 + ShipDeadline::get());
		assert_noop!(
			Orders::mark_shipped(signed(MERCHANT), late, tracking()),
			Error::<Test>::DeadlinePassed
		);
	});
}

#[test]
fn buyer_confirms_receipt_and_strangers_only_after_the_auto_confirm_period() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, USDT_ASSET);
		assert_noop!(
			Orders::confirm_receipt(signed(BUYER), order),
			Error::<Test>::InvalidOrderState
		);
		assert_noop!(Orders::confirm_receipt(signed(BUYER), 99), Error::<Test>::UnknownOrder);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), order, tracking()));
		assert_noop!(Orders::confirm_receipt(signed(STRANGER), order), Error::<Test>::NotBuyer);
		System::set_block_number(1 + AutoConfirmPeriod::get());
		assert_ok!(Orders::confirm_receipt(signed(STRANGER), order));
		System::assert_last_event(OrdersEvent::OrderReceived { order, by: Some(STRANGER) }.into());
		let stored = Orders::get_order(order).unwrap();
		assert_eq!(stored.status, OrderStatus::Received);
		assert_eq!(stored.deadline, 1 + AutoConfirmPeriod::get() + AfterSalesPeriod::get());
	});
}

#[test]
fn buyer_cancels_an_unshipped_order_for_a_full_refund_and_the_stock_returns() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let before = usdt(BUYER);
		let order = place(BUYER, product, 4, USDT_ASSET);
		assert_noop!(Orders::cancel_order(signed(STRANGER), order), Error::<Test>::NotBuyer);
		assert_noop!(Orders::cancel_order(signed(BUYER), 99), Error::<Test>::UnknownOrder);
		assert_ok!(Orders::cancel_order(signed(BUYER), order));
		System::assert_last_event(OrdersEvent::OrderCancelled { order, by: Some(BUYER) }.into());
		assert_eq!(usdt(BUYER), before);
		assert_eq!(escrowed(USDT_ASSET), 0);
		assert_eq!(Products::<Test>::get(product).unwrap().stock, STOCK);
		assert!(Orders::get_order(order).is_none());
		assert_eq!(Products::<Test>::get(product).unwrap().open_orders, 0);
	});
}

#[test]
fn anyone_cancels_an_order_not_shipped_by_the_deadline_but_not_a_shipped_one() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, USDT_ASSET);
		let shipped = place(BUYER, product, 1, USDT_ASSET);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), shipped, tracking()));
		System::set_block_number(1 + ShipDeadline::get());
		assert_ok!(Orders::cancel_order(signed(STRANGER), order));
		System::assert_last_event(OrdersEvent::OrderCancelled { order, by: Some(STRANGER) }.into());
		assert_noop!(
			Orders::cancel_order(signed(BUYER), shipped),
			Error::<Test>::InvalidOrderState
		);
	});
}

// ---- settlement ----

#[test]
fn settlement_splits_the_sale_exactly_as_the_design_says() {
	build_and_execute(|| {
		let (product, order) = received_order();
		let sale = 2 * PRICE;
		let expected = expected_parts(sale, Perbill::from_percent(15), &[]);
		assert_eq!(expected.merchant, 16_880_000);
		let (merchant0, review0, dividend0, treasury0) =
			(usdt(MERCHANT), usdt(REVIEW_POOL), usdt(DIVIDEND_POOL), usdt(TREASURY));

		assert_noop!(Orders::settle(signed(STRANGER), order), Error::<Test>::DeadlineNotReached);
		System::set_block_number(deadline(order));
		assert_ok!(Orders::settle(signed(STRANGER), order));

		assert_eq!(usdt(MERCHANT) - merchant0, expected.merchant);
		assert_eq!(usdt(REVIEW_POOL) - review0, expected.experts + expected.reviewers);
		assert_eq!(
			usdt(DIVIDEND_POOL) - dividend0,
			expected.community_fee + expected.dividend_share
		);
		assert_eq!(usdt(TREASURY) - treasury0, expected.treasury);
		assert_eq!(escrowed(USDT_ASSET), 0);
		assert!(Orders::get_order(order).is_none());
		System::assert_last_event(
			OrdersEvent::OrderSettled {
				order,
				asset: USDT_ASSET,
				sale_amount: sale,
				parts: expected,
				commissions: Default::default(),
			}
			.into(),
		);
		let record = settled();
		assert_eq!(record.len(), 1);
		assert_eq!(record[0].order, order);
		assert_eq!(record[0].product, product);
		assert_eq!((record[0].buyer, record[0].merchant), (BUYER, MERCHANT));
		assert_eq!((record[0].sale_amount, record[0].sale_usd), (sale, sale));
		assert_eq!(record[0].parts, expected);
		assert_eq!(record[0].tracking_hash, Some(tracking()));
		assert_eq!(record[0].product_metadata, cid(b"tea"));
		assert_eq!(record[0].settled_at, System::block_number());
	});
}

#[test]
fn settling_needs_a_received_order_past_its_window() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, USDT_ASSET);
		assert_noop!(Orders::settle(signed(BUYER), 77), Error::<Test>::UnknownOrder);
		assert_noop!(Orders::settle(signed(BUYER), order), Error::<Test>::InvalidOrderState);
	});
}

#[test]
fn promoters_are_paid_from_platform_revenue_before_the_dividend_share() {
	build_and_execute(|| {
		let rates = [Perbill::from_percent(10), Perbill::from_percent(5)];
		Promoters::set(vec![(PROMOTER, rates[0]), (GRAND_PROMOTER, rates[1])]);
		let (_, order) = received_order();
		let expected = expected_parts(2 * PRICE, Perbill::from_percent(15), &rates);
		let (p0, g0) = (usdt(PROMOTER), usdt(GRAND_PROMOTER));
		System::set_block_number(deadline(order));
		assert_ok!(Orders::settle(signed(BUYER), order));
		assert_eq!(usdt(PROMOTER) - p0, rates[0].mul_floor(expected.platform));
		assert_eq!(usdt(GRAND_PROMOTER) - g0, rates[1].mul_floor(expected.platform));
		let record = &settled()[0];
		assert_eq!(record.parts, expected);
		let paid = vec![
			(PROMOTER, rates[0].mul_floor(expected.platform)),
			(GRAND_PROMOTER, rates[1].mul_floor(expected.platform)),
		];
		assert_eq!(record.commissions.to_vec(), paid);
		// The settlement event names every promoter paid: how promoters follow their income.
		System::assert_has_event(
			OrdersEvent::OrderSettled {
				order,
				asset: USDT_ASSET,
				sale_amount: 2 * PRICE,
				parts: expected,
				commissions: BoundedVec::truncate_from(paid),
			}
			.into(),
		);
	});
}

/// A USDT order of one `price` item from `merchant`'s new product (the minimum order value
/// lowered to a cent), shipped, received and due for settlement.
fn cheap_order_due(merchant: AccountId, price: Balance) -> OrderId {
	MinOrderValue::set(USD / 100);
	register(merchant);
	let product = list(merchant);
	assert_ok!(Orders::update_product(signed(merchant), product, Some(price), None, None));
	let order = place(BUYER, product, 1, USDT_ASSET);
	assert_ok!(Orders::mark_shipped(signed(merchant), order, tracking()));
	assert_ok!(Orders::confirm_receipt(signed(BUYER), order));
	System::set_block_number(deadline(order));
	order
}

#[test]
fn a_promoter_who_cannot_receive_is_skipped_and_nothing_is_lost() {
	build_and_execute(|| {
		// Account 12 holds no USDT; a commission below USDT's minimum balance cannot open it.
		Promoters::set(vec![(12, Perbill::from_percent(10))]);
		let order = cheap_order_due(MERCHANT, USD / 10);
		let treasury0 = usdt(TREASURY);
		assert_ok!(Orders::settle(signed(BUYER), order));
		let parts = settled()[0].parts;
		assert_eq!(parts, expected_parts(USD / 10, Perbill::from_percent(15), &[]));
		assert!(settled()[0].commissions.is_empty());
		assert_eq!(usdt(12), 0);
		assert_eq!(usdt(TREASURY) - treasury0, parts.treasury);
	});
}

#[test]
fn a_merchant_part_its_account_cannot_take_goes_to_the_treasury() {
	build_and_execute(|| {
		// POOR holds DSG for its deposits but no USDT: a part below USDT's minimum balance
		// cannot open its USDT account.
		let order = cheap_order_due(POOR, USD / 100);
		let treasury0 = usdt(TREASURY);
		assert_ok!(Orders::settle(signed(BUYER), order));
		let parts = settled()[0].parts;
		assert_eq!(parts, expected_parts(USD / 100, Perbill::from_percent(15), &[]));
		assert!(parts.merchant > 0 && parts.merchant < USD_MIN_BALANCE);
		assert_eq!(usdt(POOR), 0);
		assert_eq!(usdt(TREASURY) - treasury0, parts.treasury + parts.merchant);
		assert_eq!(escrowed(USDT_ASSET), 0);
		System::assert_has_event(
			OrdersEvent::PaymentRedirected { order, intended: POOR, amount: parts.merchant }.into(),
		);
	});
}

#[test]
fn the_split_conserves_every_sale_whatever_the_rates() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order_id = place(BUYER, product, 1, USDT_ASSET);
		let mut order = Orders::get_order(order_id).unwrap();
		let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
		let mut next = || {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			seed
		};
		for _ in 0..2_000 {
			let sale = (next() % 1_000_000_000_000) as Balance + 1;
			order.experience_fee = Perbill::from_parts((next() % 300_000_001) as u32);
			CommunityFee::set(Perbill::from_parts((next() % 20_000_000) as u32));
			ExpertsShare::set(Perbill::from_parts((next() % 1_000_000_001) as u32));
			ReviewersShare::set(Perbill::from_parts((next() % 1_000_000_001) as u32));
			DividendShare::set(Perbill::from_parts((next() % 1_000_000_001) as u32));
			Promoters::set(vec![
				(PROMOTER, Perbill::from_parts((next() % 700_000_000) as u32)),
				(GRAND_PROMOTER, Perbill::from_parts((next() % 700_000_000) as u32)),
			]);
			let (parts, paid) = Orders::split_sale(&order, sale);
			assert!(parts.conserves(sale), "sale {sale}: {parts:?}");
			assert_eq!(paid.iter().map(|(_, a)| a).sum::<Balance>(), parts.commissions);
			assert!(parts.commissions <= parts.platform);
			assert_eq!(parts.experience_fee, order.experience_fee.mul_floor(sale));
		}
	});
}

#[test]
fn a_dsg_order_settles_in_dsg() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, DSG);
		let amount = Orders::get_order(order).unwrap().amount;
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), order, tracking()));
		assert_ok!(Orders::confirm_receipt(signed(BUYER), order));
		System::set_block_number(deadline(order));
		let merchant0 = Balances::free_balance(MERCHANT);
		assert_ok!(Orders::settle(signed(BUYER), order));
		let expected = expected_parts(amount, Perbill::from_percent(15), &[]);
		assert_eq!(Balances::free_balance(MERCHANT) - merchant0, expected.merchant);
		assert_eq!(escrowed(DSG), 0);
		assert_eq!(settled()[0].sale_usd, 9_500_000);
		assert_eq!(settled()[0].asset, DSG);
	});
}

#[test]
fn a_dsg_payment_never_takes_frozen_dsg() {
	build_and_execute(|| {
		use frame_support::traits::{LockableCurrency, WithdrawReasons};
		let product = merchant_with_product();
		// The buyer's DSG is locked (vesting, a conviction vote) but 1 DSG.
		let free = Balances::free_balance(BUYER);
		Balances::set_lock(*b"vesting ", &BUYER, free - DSG_UNIT, WithdrawReasons::all());
		assert_noop!(
			Orders::place_order(signed(BUYER), product, 1, DSG, Balance::MAX),
			Error::<Test>::FundsFrozen
		);
		// A stablecoin payment is not affected.
		place(BUYER, product, 1, USDT_ASSET);
		// A buyer who simply has too little DSG is told so.
		assert_noop!(
			Orders::place_order(signed(POOR), product, 50, DSG, Balance::MAX),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn a_dispute_deposit_never_takes_frozen_dsg() {
	build_and_execute(|| {
		use frame_support::traits::{LockableCurrency, WithdrawReasons};
		let order = refund_requested_order();
		let free = Balances::free_balance(MERCHANT);
		Balances::set_lock(*b"pyconvot", &MERCHANT, free - DSG_UNIT, WithdrawReasons::all());
		assert_noop!(Orders::reject_refund(signed(MERCHANT), order), Error::<Test>::FundsFrozen);
		Balances::remove_lock(*b"pyconvot", &MERCHANT);
		assert_ok!(Orders::reject_refund(signed(MERCHANT), order));
		let free = Balances::free_balance(BUYER);
		Balances::set_lock(*b"vesting ", &BUYER, free - DSG_UNIT, WithdrawReasons::all());
		assert_noop!(Orders::open_dispute(signed(BUYER), order), Error::<Test>::FundsFrozen);
	});
}

#[test]
fn a_freeze_placed_over_an_escrow_later_never_keeps_the_merchant_from_being_paid() {
	build_and_execute(|| {
		use frame_support::traits::{LockableCurrency, WithdrawReasons};
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, DSG);
		let amount = Orders::get_order(order).unwrap().amount;
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), order, tracking()));
		assert_ok!(Orders::confirm_receipt(signed(BUYER), order));
		// After paying, the buyer votes with everything it has, held escrow included.
		let total =
			<Balances as frame_support::traits::fungible::Inspect<_>>::total_balance(&BUYER);
		Balances::set_lock(*b"pyconvot", &BUYER, total, WithdrawReasons::all());
		let merchant0 = Balances::free_balance(MERCHANT);
		run_to_block(deadline(order));
		assert!(Orders::get_order(order).is_none(), "the settlement did not stick");
		let expected = expected_parts(amount, Perbill::from_percent(15), &[]);
		assert_eq!(Balances::free_balance(MERCHANT) - merchant0, expected.merchant);
	});
}

#[test]
fn an_order_below_the_minimum_value_is_refused_and_not_quoted() {
	build_and_execute(|| {
		let product = merchant_with_product();
		MinOrderValue::set(3 * PRICE);
		assert_noop!(
			Orders::place_order(signed(BUYER), product, 2, USDT_ASSET, Balance::MAX),
			Error::<Test>::OrderTooSmall
		);
		assert_eq!(
			Orders::quote(&BUYER, product, 2, &USDT_ASSET),
			Err(Error::<Test>::OrderTooSmall.into())
		);
		// The minimum counts the price before any DSG discount.
		assert_ok!(Orders::quote(&BUYER, product, 3, &DSG));
		place(BUYER, product, 3, USDT_ASSET);
	});
}

#[test]
fn the_quote_refuses_exactly_what_placing_the_order_refuses() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let cases: Vec<(AccountId, ProductId, u32, AssetKind)> = vec![
			(BUYER, product, 0, USDT_ASSET),
			(BUYER, product, u32::MAX, USDT_ASSET),
			(BUYER, product, STOCK + 1, USDT_ASSET),
			(BUYER, 42, 1, USDT_ASSET),
			(MERCHANT, product, 1, USDT_ASSET),
			(BUYER, product, 1, NativeOrWithId::WithId(42)),
		];
		for (who, product, quantity, asset) in cases {
			let quoted = Orders::quote(&who, product, quantity, &asset).map(|_| ());
			let placed = Orders::place_order(signed(who), product, quantity, asset, Balance::MAX);
			assert!(quoted.is_err(), "quoted {quantity} of {product}");
			assert_eq!(quoted, placed, "quote and order disagree for {quantity} of {product}");
		}
		assert_ok!(Orders::suspend_merchant(RuntimeOrigin::root(), MERCHANT));
		assert_eq!(
			Orders::quote(&BUYER, product, 1, &USDT_ASSET).map(|_| ()),
			Err(Error::<Test>::MerchantSuspended.into())
		);
	});
}

#[test]
fn oversize_call_arguments_do_not_even_decode() {
	use codec::{Decode, Encode};
	// Five payment assets, or a 33-byte category name, are refused when the transaction is
	// decoded: before it reaches a block, so nobody pays for a megabyte that then fails.
	let five: Vec<AssetKind> = vec![DSG, USDT_ASSET, USDC_ASSET, DSG, DSG];
	let encoded = five.encode();
	assert!(AcceptedAssetsOf::<Test>::decode(&mut &encoded[..]).is_err());
	let long = vec![b'x'; 33].encode();
	assert!(CategoryNameOf::<Test>::decode(&mut &long[..]).is_err());
}

#[test]
fn settle_charges_its_own_work_and_what_the_handlers_reported() {
	build_and_execute(|| {
		let (_, order) = received_order();
		System::set_block_number(deadline(order));
		let info = Orders::settle(signed(STRANGER), order).expect("due");
		// The pallet's own benchmarked part (the commission lookup included) plus the handlers'
		// report (the mock's 1_000): nothing is charged twice.
		let expected = <() as WeightInfo>::settle().saturating_add(Weight::from_parts(1_000, 0));
		assert_eq!(info.actual_weight, Some(expected));
	});
}

// ---- on_idle ----

#[test]
fn on_idle_confirms_and_settles_without_anyone_calling() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 2, USDT_ASSET);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), order, tracking()));
		let merchant0 = usdt(MERCHANT);
		run_to_block(1 + AutoConfirmPeriod::get());
		System::assert_has_event(OrdersEvent::OrderReceived { order, by: None }.into());
		assert_eq!(status(order), Some(OrderStatus::Received));
		run_to_block(1 + AutoConfirmPeriod::get() + AfterSalesPeriod::get());
		assert!(Orders::get_order(order).is_none());
		let expected = expected_parts(2 * PRICE, Perbill::from_percent(15), &[]);
		assert_eq!(usdt(MERCHANT) - merchant0, expected.merchant);
		assert_eq!(settled().len(), 1);
	});
}

#[test]
fn on_idle_cancels_orders_not_shipped_in_time() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let before = usdt(BUYER);
		let order = place(BUYER, product, 1, USDT_ASSET);
		run_to_block(ShipDeadline::get());
		assert_eq!(status(order), Some(OrderStatus::Placed));
		run_to_block(1 + ShipDeadline::get());
		assert!(Orders::get_order(order).is_none());
		System::assert_has_event(OrdersEvent::OrderCancelled { order, by: None }.into());
		assert_eq!(usdt(BUYER), before);
	});
}

#[test]
fn on_idle_stops_when_out_of_weight_and_resumes_next_block() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let first = place(BUYER, product, 1, USDT_ASSET);
		let second = place(BUYER, product, 1, USDT_ASSET);
		let due = 1 + ShipDeadline::get();
		System::set_block_number(due);
		// Room for the base, one block and exactly one step: the cancellation of an unshipped
		// order (charged for what it is, not for the dearest step).
		let overhead = <() as WeightInfo>::on_idle_base()
			.saturating_add(<() as WeightInfo>::on_idle_next_block());
		let budget = overhead.saturating_add(<() as WeightInfo>::cancel_order());
		// Charged the dearest step (a settlement), not even the first order would fit.
		assert!(
			budget.any_lt(overhead.saturating_add(Orders::due_step_weight(&OrderStatus::Received)))
		);
		let used = Orders::on_idle(due, budget);
		assert!(used.all_lte(budget));
		// One of the two (a block's entries come in storage order) is cancelled, the other
		// waits, still queued under its block.
		let left: Vec<_> =
			[first, second].into_iter().filter(|o| Orders::get_order(*o).is_some()).collect();
		assert_eq!(left.len(), 1, "exactly one order waits");
		assert_eq!(DueOrders::<Test>::get(due, left[0]), Some(()));
		assert_eq!(DueCursor::<Test>::get(), Some(due));
		run_to_block(due + 1);
		assert!(Orders::get_order(left[0]).is_none());
	});
}

#[test]
fn every_due_order_is_one_entry_under_its_block() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let orders: Vec<_> = (0..6).map(|_| place(BUYER, product, 1, USDT_ASSET)).collect();
		let due = 1 + ShipDeadline::get();
		assert_eq!(DueOrders::<Test>::iter_prefix(due).count(), 6);
		for order in &orders {
			assert_eq!(DueOrders::<Test>::get(due, order), Some(()));
			assert_eq!(Orders::get_order(*order).unwrap().due, Some(due));
		}
		run_to_block(due);
		assert!(orders.iter().all(|o| Orders::get_order(*o).is_none()));
		assert_eq!(DueOrders::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_burst_of_confirmations_is_queued_in_full_and_settled_by_on_idle() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let orders: Vec<_> = (0..50).map(|_| place(BUYER, product, 1, USDT_ASSET)).collect();
		for order in &orders {
			assert_ok!(Orders::mark_shipped(signed(MERCHANT), *order, tracking()));
			assert_ok!(Orders::confirm_receipt(signed(BUYER), *order));
		}
		let due = 1 + AfterSalesPeriod::get();
		assert_eq!(DueOrders::<Test>::iter_prefix(due).count(), 50);
		run_to_block(due);
		assert!(orders.iter().all(|o| Orders::get_order(*o).is_none()));
		assert_eq!(settled().len(), 50);
	});
}

#[test]
fn an_order_that_moves_on_leaves_its_due_entry_so_spam_costs_on_idle_nothing() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let ship_due = 1 + ShipDeadline::get();
		// Place-and-cancel spam leaves no entry behind.
		for _ in 0..10 {
			let order = place(BUYER, product, 1, USDT_ASSET);
			assert_ok!(Orders::cancel_order(signed(BUYER), order));
		}
		assert_eq!(DueOrders::<Test>::iter().count(), 0);
		// An order that ships leaves the ship deadline's block for the auto-confirm one.
		let order = place(BUYER, product, 1, USDT_ASSET);
		assert_eq!(Orders::get_order(order).unwrap().due, Some(ship_due));
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), order, tracking()));
		let confirm_due = 1 + AutoConfirmPeriod::get();
		assert_eq!(Orders::get_order(order).unwrap().due, Some(confirm_due));
		assert_eq!(DueOrders::<Test>::get(ship_due, order), None);
		assert_eq!(DueOrders::<Test>::iter().count(), 1);
		// on_idle at the ship deadline finds nothing to read.
		System::set_block_number(ship_due);
		let used = Orders::on_idle(ship_due, Weight::MAX);
		assert!(used
			.all_lte(<() as WeightInfo>::on_idle_base().saturating_add(
				<() as WeightInfo>::on_idle_next_block().saturating_mul(ship_due)
			)));
	});
}

// ---- refunds and disputes ----

#[test]
fn buyer_asks_for_a_refund_before_receipt_or_within_the_after_sales_window() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let placed = place(BUYER, product, 1, USDT_ASSET);
		let reason = TrackingHash::repeat_byte(9);
		assert_noop!(
			Orders::request_refund(signed(BUYER), placed, reason),
			Error::<Test>::InvalidOrderState
		);
		assert_noop!(
			Orders::request_refund(signed(BUYER), 99, reason),
			Error::<Test>::UnknownOrder
		);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), placed, tracking()));
		assert_noop!(
			Orders::request_refund(signed(STRANGER), placed, reason),
			Error::<Test>::NotBuyer
		);
		assert_ok!(Orders::request_refund(signed(BUYER), placed, reason));
		System::assert_last_event(OrdersEvent::RefundRequested { order: placed, reason }.into());
		assert_eq!(deadline(placed), 1 + RefundResponsePeriod::get());

		let (_, late) = received_order();
		System::set_block_number(deadline(late));
		assert_noop!(
			Orders::request_refund(signed(BUYER), late, reason),
			Error::<Test>::DeadlinePassed
		);
	});
}

#[test]
fn merchant_accepts_a_refund_and_the_buyer_is_repaid_in_full() {
	build_and_execute(|| {
		let before = usdt(BUYER);
		let order = refund_requested_order();
		assert_noop!(
			Orders::accept_refund(signed(STRANGER), order),
			Error::<Test>::NotOrderMerchant
		);
		assert_noop!(Orders::accept_refund(signed(MERCHANT), 99), Error::<Test>::UnknownOrder);
		assert_ok!(Orders::accept_refund(signed(MERCHANT), order));
		System::assert_last_event(OrdersEvent::OrderRefunded { order, amount: 2 * PRICE }.into());
		assert_eq!(usdt(BUYER), before);
		assert!(settled().is_empty(), "a refunded order earns nothing");
		let (_, other) = received_order();
		assert_noop!(
			Orders::accept_refund(signed(MERCHANT), other),
			Error::<Test>::InvalidOrderState
		);
	});
}

#[test]
fn an_unanswered_refund_request_refunds_by_itself() {
	build_and_execute(|| {
		let before = usdt(BUYER);
		let order = refund_requested_order();
		assert_noop!(
			Orders::refund_unanswered(signed(STRANGER), order),
			Error::<Test>::DeadlineNotReached
		);
		assert_noop!(Orders::refund_unanswered(signed(STRANGER), 99), Error::<Test>::UnknownOrder);
		run_to_block(deadline(order));
		assert!(Orders::get_order(order).is_none());
		assert_eq!(usdt(BUYER), before);
		System::assert_has_event(OrdersEvent::OrderRefunded { order, amount: 2 * PRICE }.into());
	});
}

#[test]
fn anyone_can_trigger_an_overdue_refund() {
	build_and_execute(|| {
		let order = refund_requested_order();
		System::set_block_number(deadline(order));
		assert_ok!(Orders::refund_unanswered(signed(STRANGER), order));
		System::assert_last_event(OrdersEvent::OrderRefunded { order, amount: 2 * PRICE }.into());
		let (_, other) = received_order();
		assert_noop!(
			Orders::refund_unanswered(signed(STRANGER), other),
			Error::<Test>::InvalidOrderState
		);
	});
}

#[test]
fn merchant_rejects_a_refund_holding_a_dispute_deposit() {
	build_and_execute(|| {
		let order = refund_requested_order();
		assert_noop!(Orders::reject_refund(signed(BUYER), order), Error::<Test>::NotOrderMerchant);
		assert_noop!(Orders::reject_refund(signed(MERCHANT), 99), Error::<Test>::UnknownOrder);
		assert_ok!(Orders::reject_refund(signed(MERCHANT), order));
		System::assert_last_event(OrdersEvent::RefundRejected { order }.into());
		assert_eq!(
			status(order),
			Some(OrderStatus::RefundRejected { merchant_deposit: DisputeDeposit::get() })
		);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::DisputeDeposit.into(), &MERCHANT),
			DisputeDeposit::get()
		);
		assert_noop!(
			Orders::reject_refund(signed(MERCHANT), order),
			Error::<Test>::InvalidOrderState
		);
	});
}

#[test]
fn a_refund_cannot_be_rejected_late_or_without_a_deposit() {
	build_and_execute(|| {
		let order = refund_requested_order();
		let product = Orders::get_order(order).unwrap().product;
		let second = place(STRANGER, product, 1, USDT_ASSET);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), second, tracking()));
		assert_ok!(Orders::request_refund(signed(STRANGER), second, TrackingHash::repeat_byte(1)));
		// The merchant spends all its free DSG.
		let free = Balances::free_balance(MERCHANT);
		assert_ok!(Balances::transfer_allow_death(signed(MERCHANT), 50, free - ED));
		assert_noop!(
			Orders::reject_refund(signed(MERCHANT), second),
			Error::<Test>::CannotHoldDeposit
		);
		System::set_block_number(deadline(order));
		assert_noop!(Orders::reject_refund(signed(MERCHANT), order), Error::<Test>::DeadlinePassed);
	});
}

#[test]
fn an_undisputed_rejection_settles_after_the_dispute_window() {
	build_and_execute(|| {
		let order = refund_requested_order();
		assert_ok!(Orders::reject_refund(signed(MERCHANT), order));
		assert_noop!(
			Orders::apply_default_ruling(signed(STRANGER), order),
			Error::<Test>::DeadlineNotReached
		);
		// Not a plain sale: `settle` points to the default ruling.
		assert_noop!(Orders::settle(signed(STRANGER), order), Error::<Test>::OrderDisputed);
		run_to_block(deadline(order));
		assert!(Orders::get_order(order).is_none());
		assert_eq!(settled().len(), 1);
		assert_eq!(settled()[0].sale_amount, 2 * PRICE);
		assert_eq!(Balances::balance_on_hold(&HoldReason::DisputeDeposit.into(), &MERCHANT), 0);
	});
}

#[test]
fn anyone_closes_an_undisputed_rejection_by_the_default_ruling() {
	build_and_execute(|| {
		let order = refund_requested_order();
		assert_ok!(Orders::reject_refund(signed(MERCHANT), order));
		let free = Balances::free_balance(MERCHANT);
		System::set_block_number(deadline(order));
		assert_ok!(Orders::apply_default_ruling(signed(STRANGER), order));
		// The sale stands in full; the merchant's deposit is free again.
		assert!(Orders::get_order(order).is_none());
		assert_eq!(settled()[0].sale_amount, 2 * PRICE);
		assert_eq!(Balances::free_balance(MERCHANT), free + DisputeDeposit::get());
		System::assert_has_event(
			OrdersEvent::OrderSettled {
				order,
				asset: USDT_ASSET,
				sale_amount: 2 * PRICE,
				parts: expected_parts(2 * PRICE, Perbill::from_percent(15), &[]),
				commissions: Default::default(),
			}
			.into(),
		);
	});
}

#[test]
fn buyer_opens_a_dispute_holding_a_deposit_within_the_window() {
	build_and_execute(|| {
		let order = refund_requested_order();
		assert_noop!(Orders::open_dispute(signed(BUYER), order), Error::<Test>::InvalidOrderState);
		assert_ok!(Orders::reject_refund(signed(MERCHANT), order));
		assert_noop!(Orders::open_dispute(signed(STRANGER), order), Error::<Test>::NotBuyer);
		assert_noop!(Orders::open_dispute(signed(BUYER), 99), Error::<Test>::UnknownOrder);
		assert_ok!(Orders::open_dispute(signed(BUYER), order));
		System::assert_last_event(OrdersEvent::DisputeOpened { order }.into());
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::DisputeDeposit.into(), &BUYER),
			DisputeDeposit::get()
		);

		let late = refund_requested_order();
		assert_ok!(Orders::reject_refund(signed(MERCHANT), late));
		System::set_block_number(deadline(late));
		assert_noop!(Orders::open_dispute(signed(BUYER), late), Error::<Test>::DeadlinePassed);
	});
}

#[test]
fn a_buyer_without_free_dsg_cannot_open_a_dispute() {
	build_and_execute(|| {
		let order = refund_requested_order();
		assert_ok!(Orders::reject_refund(signed(MERCHANT), order));
		let free = Balances::free_balance(BUYER);
		assert_ok!(Balances::transfer_allow_death(signed(BUYER), 50, free - ED));
		assert_noop!(Orders::open_dispute(signed(BUYER), order), Error::<Test>::CannotHoldDeposit);
	});
}

#[test]
fn a_disputed_order_waits_for_arbitration_until_the_ruling_deadline() {
	build_and_execute(|| {
		let order = disputed_order();
		let ruling_deadline = deadline(order);
		assert_eq!(ruling_deadline, System::block_number() + ArbitrationPeriod::get());
		run_to_block(ruling_deadline - 1);
		assert!(matches!(status(order), Some(OrderStatus::Disputed { .. })));
		assert_noop!(
			Orders::apply_default_ruling(signed(STRANGER), order),
			Error::<Test>::DeadlineNotReached
		);
		assert_noop!(Orders::settle(signed(STRANGER), order), Error::<Test>::OrderDisputed);
		assert_noop!(
			Orders::refund_unanswered(signed(STRANGER), order),
			Error::<Test>::InvalidOrderState
		);
	});
}

#[test]
fn an_unruled_dispute_resolves_by_the_default_ruling_and_frees_both_deposits() {
	build_and_execute(|| {
		let before = usdt(BUYER);
		let order = disputed_order();
		let amount = Orders::get_order(order).unwrap().amount;
		let (buyer_free, merchant_free) =
			(Balances::free_balance(BUYER), Balances::free_balance(MERCHANT));
		// Nobody rules: on_idle applies the default at the deadline.
		run_to_block(deadline(order));
		assert!(Orders::get_order(order).is_none());
		let refunded = amount / 2;
		System::assert_has_event(OrdersEvent::DisputeLapsed { order, refunded }.into());
		// Half the payment came back; the other half settled as a sale.
		assert_eq!(usdt(BUYER), before - amount + refunded);
		assert_eq!(settled()[0].sale_amount, amount - refunded);
		// Both deposits are free again: nobody was found at fault.
		assert_eq!(Balances::free_balance(BUYER), buyer_free + DisputeDeposit::get());
		assert_eq!(Balances::free_balance(MERCHANT), merchant_free + DisputeDeposit::get());
		assert_eq!(Balances::balance_on_hold(&HoldReason::DisputeDeposit.into(), &MERCHANT), 0);
	});
}

#[test]
fn anyone_applies_the_default_ruling_once_the_deadline_passed() {
	build_and_execute(|| {
		let order = disputed_order();
		let amount = Orders::get_order(order).unwrap().amount;
		System::set_block_number(deadline(order));
		assert_noop!(Orders::settle(signed(STRANGER), order), Error::<Test>::OrderDisputed);
		let info = Orders::apply_default_ruling(signed(STRANGER), order).expect("lapsed");
		assert!(Orders::get_order(order).is_none());
		System::assert_has_event(OrdersEvent::DisputeLapsed { order, refunded: amount / 2 }.into());
		// Charged its own benchmarked work and what the handlers reported (the mock's 1_000).
		let expected =
			<() as WeightInfo>::apply_default_ruling().saturating_add(Weight::from_parts(1_000, 0));
		assert_eq!(info.actual_weight, Some(expected));
		// Not a dispute any more: nothing to rule.
		assert_noop!(
			Orders::apply_default_ruling(signed(STRANGER), order),
			Error::<Test>::UnknownOrder
		);
	});
}

#[test]
fn the_default_ruling_applies_only_to_disputes() {
	build_and_execute(|| {
		let (_, order) = received_order();
		System::set_block_number(deadline(order));
		assert_noop!(
			Orders::apply_default_ruling(signed(STRANGER), order),
			Error::<Test>::InvalidOrderState
		);
	});
}

#[test]
fn arbitration_refunds_a_winning_buyer_and_the_merchant_deposit_pays() {
	build_and_execute(|| {
		let before = usdt(BUYER);
		let order = disputed_order();
		let treasury0 = Balances::free_balance(TREASURY);
		let buyer_free = Balances::free_balance(BUYER);
		assert_noop!(
			Orders::rule_dispute(signed(BUYER), order, Perbill::one()),
			DispatchError::BadOrigin
		);
		assert_ok!(Orders::rule_dispute(RuntimeOrigin::root(), order, Perbill::one()));
		System::assert_last_event(
			OrdersEvent::DisputeRuled {
				order,
				buyer_share: Perbill::one(),
				refunded: 2 * PRICE,
				loser: MERCHANT,
			}
			.into(),
		);
		assert_eq!(usdt(BUYER), before);
		assert_eq!(Balances::free_balance(TREASURY) - treasury0, DisputeDeposit::get());
		assert_eq!(Balances::free_balance(BUYER) - buyer_free, DisputeDeposit::get());
		assert!(settled().is_empty());
		assert!(Orders::get_order(order).is_none());
	});
}

#[test]
fn a_split_ruling_refunds_part_and_settles_the_rest_and_the_buyer_deposit_pays() {
	build_and_execute(|| {
		let before = usdt(BUYER);
		let order = disputed_order();
		let treasury0 = Balances::free_balance(TREASURY);
		assert_ok!(Orders::rule_dispute(RuntimeOrigin::root(), order, Perbill::from_percent(30)));
		let refunded = Perbill::from_percent(30).mul_floor(2 * PRICE);
		assert_eq!(usdt(BUYER), before - 2 * PRICE + refunded);
		assert_eq!(Balances::free_balance(TREASURY) - treasury0, DisputeDeposit::get());
		let record = &settled()[0];
		assert_eq!(record.sale_amount, 2 * PRICE - refunded);
		assert_eq!(record.sale_usd, 2 * PRICE - refunded);
		assert_eq!(
			record.parts,
			expected_parts(2 * PRICE - refunded, Perbill::from_percent(15), &[])
		);
		assert!(Orders::get_order(order).is_none());
	});
}

#[test]
fn a_refund_the_emptied_buyer_account_cannot_take_goes_to_the_treasury() {
	build_and_execute(|| {
		let order = disputed_order();
		// The buyer empties its USDT account: a refund below the minimum balance cannot open
		// it again, and the escrow must not keep what belongs to nobody.
		assert_ok!(Assets::transfer(signed(BUYER), USDT, STRANGER, usdt(BUYER)));
		assert_eq!(usdt(BUYER), 0);
		let share = Perbill::from_parts(400_000);
		let refunded = share.mul_floor(2 * PRICE);
		assert!(refunded < USD_MIN_BALANCE);
		let treasury = Assets::balance(USDT, TREASURY);
		assert_ok!(Orders::rule_dispute(RuntimeOrigin::root(), order, share));
		System::assert_has_event(
			OrdersEvent::PaymentRedirected { order, intended: BUYER, amount: refunded }.into(),
		);
		assert_eq!(usdt(BUYER), 0);
		let treasury_part = settled()[0].parts.treasury;
		assert_eq!(Assets::balance(USDT, TREASURY), treasury + refunded + treasury_part);
		assert_eq!(escrowed(USDT_ASSET), 0);
		assert!(Orders::get_order(order).is_none());
	});
}

#[test]
fn only_a_disputed_order_can_be_ruled() {
	build_and_execute(|| {
		let order = refund_requested_order();
		assert_noop!(
			Orders::rule_dispute(RuntimeOrigin::root(), order, Perbill::one()),
			Error::<Test>::InvalidOrderState
		);
		assert_noop!(
			Orders::rule_dispute(RuntimeOrigin::root(), 99, Perbill::one()),
			Error::<Test>::UnknownOrder
		);
	});
}

#[test]
fn the_dsg_price_change_does_not_change_an_open_order() {
	build_and_execute(|| {
		let product = merchant_with_product();
		let order = place(BUYER, product, 1, DSG);
		let held = escrowed(DSG);
		DsgPrice::set(Some(FixedU128::from_rational(1, 2)));
		assert_eq!(Orders::get_order(order).unwrap().amount, held);
		assert_eq!(Orders::quote(&BUYER, product, 1, &DSG).unwrap().amount, held / 2);
	});
}

// ---- migrations ----

#[test]
fn the_v2_migration_keeps_every_order_where_it_waited_and_runs_only_from_version_1() {
	use crate::migrations::v2;
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		let disputed = disputed_order();
		let product = Orders::get_order(disputed).unwrap().product;
		let placed = place(BUYER, product, 1, USDT_ASSET);
		let received = place(BUYER, product, 1, USDT_ASSET);
		assert_ok!(Orders::mark_shipped(signed(MERCHANT), received, tracking()));
		assert_ok!(Orders::confirm_receipt(signed(BUYER), received));
		let now_orders: Vec<_> = [placed, disputed, received]
			.into_iter()
			.map(|id| (id, Orders::get_order(id).unwrap()))
			.collect();
		// Rewrite the state as version 1 stored it: paged due queue, page ranges, merchants
		// counting open orders, the settled-order counter.
		let _ = DueOrders::<Test>::clear(u32::MAX, None);
		let mut pages: std::collections::BTreeMap<u64, Vec<OrderId>> = Default::default();
		for (id, order) in &now_orders {
			let at = order.due.unwrap();
			pages.entry(at).or_default().push(*id);
			let old = v2::OrderV1 {
				buyer: order.buyer,
				merchant: order.merchant,
				product: order.product,
				quantity: order.quantity,
				asset: order.asset.clone(),
				amount: order.amount,
				amount_usd: order.amount_usd,
				experience_fee: order.experience_fee,
				product_metadata: order.product_metadata.clone(),
				status: order.status.clone(),
				placed_at: order.placed_at,
				deadline: order.deadline,
				due: Some(v2::DueSlot { at, page: 0 }),
				tracking: order.tracking,
				received_at: order.received_at,
			};
			frame_support::storage::unhashed::put_raw(
				&crate::Orders::<Test>::hashed_key_for(id),
				&old.encode(),
			);
		}
		for (at, ids) in &pages {
			v2::DueOrders::<Test>::insert(at, 0, BoundedVec::truncate_from(ids.clone()));
			v2::DuePages::<Test>::insert(at, (0u32, 1u32));
		}
		for (who, merchant) in Merchants::<Test>::iter().collect::<Vec<_>>() {
			let old = v2::MerchantV1 {
				deposit: merchant.deposit,
				metadata: merchant.metadata,
				status: merchant.status,
				products: merchant.products,
				open_orders: 3,
			};
			frame_support::storage::unhashed::put_raw(
				&crate::Merchants::<Test>::hashed_key_for(who),
				&old.encode(),
			);
		}
		v2::SettledOrderCount::<Test>::put(7);
		StorageVersion::new(1).put::<crate::Pallet<Test>>();

		v2::MigrateToV2::<Test>::on_runtime_upgrade();

		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
		for (id, order) in &now_orders {
			assert_eq!(&Orders::get_order(*id).unwrap(), order, "order {id} changed");
			assert_eq!(DueOrders::<Test>::get(order.due.unwrap(), id), Some(()));
		}
		assert_eq!(DueOrders::<Test>::iter().count(), now_orders.len());
		assert_eq!(v2::DuePages::<Test>::iter().count(), 0);
		assert!(!v2::SettledOrderCount::<Test>::exists());
		assert_eq!(Merchants::<Test>::get(MERCHANT).unwrap().products, 1);
		Orders::do_try_state().unwrap();
		// The migrated queue works: the received order settles when due.
		run_to_block(deadline(received));
		assert!(Orders::get_order(received).is_none());
		assert!(Products::<Test>::get(product).is_some());

		// Run again: nothing happens (the version is 2 now).
		let before = DueOrders::<Test>::iter().count();
		let weight = v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(DueOrders::<Test>::iter().count(), before);
		let db = <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(weight, db.reads(1));
	});
}

#[test]
fn the_v3_migration_moves_every_escrow_hold_to_the_escrow_account_and_runs_only_from_version_2() {
	use crate::migrations::v3;
	use frame_support::traits::{
		fungible::Inspect as _,
		fungibles::{Mutate, MutateHold},
		tokens::Preservation,
		GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	};
	frame_support::parameter_types! {
		pub PaymentAssetList: Vec<AssetKind> = vec![DSG, USDT_ASSET, USDC_ASSET];
	}
	build_and_execute(|| {
		let product = merchant_with_product();
		let usdt_order = place(BUYER, product, 2, USDT_ASSET);
		let dsg_order = place(STRANGER, product, 1, DSG);
		let dsg_amount = Orders::get_order(dsg_order).unwrap().amount;
		// Version 2's state: each payment held on its buyer, and an escrow account that never
		// got its minimum of DSG.
		for (id, buyer) in [(usdt_order, BUYER), (dsg_order, STRANGER)] {
			let order = Orders::get_order(id).unwrap();
			assert_ok!(NativeAndAssets::transfer(
				order.asset.clone(),
				&ESCROW,
				&buyer,
				order.amount,
				Preservation::Preserve
			));
			assert_ok!(NativeAndAssetsHolds::hold(
				order.asset,
				&HoldReason::Escrow.into(),
				&buyer,
				order.amount
			));
		}
		assert_ok!(Balances::transfer_all(signed(ESCROW), TREASURY, false));
		assert_eq!(Balances::total_balance(&ESCROW), 0);
		let (buyer_usdt, stranger_dsg) = (usdt(BUYER), Balances::total_balance(&STRANGER));
		let treasury_dsg = Balances::total_balance(&TREASURY);
		StorageVersion::new(2).put::<crate::Pallet<Test>>();

		v3::MigrateToV3::<Test, PaymentAssetList, v3::ViaHolds<Test, NativeAndAssetsHolds>>::on_runtime_upgrade();

		assert_eq!(crate::Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(3));
		assert_eq!(escrowed(USDT_ASSET), 2 * PRICE);
		assert_eq!(escrowed(DSG), dsg_amount);
		assert_eq!(escrowed(USDC_ASSET), 0);
		// The buyers' free balances are what they were; their holds went to the escrow.
		assert_eq!(usdt(BUYER), buyer_usdt);
		assert_eq!(Balances::total_balance(&STRANGER), stranger_dsg - dsg_amount);
		for (asset, who) in [(USDT_ASSET, BUYER), (DSG, STRANGER)] {
			let held =
				NativeAndAssetsHolds::balance_on_hold(asset, &HoldReason::Escrow.into(), &who);
			assert_eq!(held, 0);
		}
		// The escrow's minimum of DSG came from the treasury (which got it from the escrow).
		assert_eq!(Balances::total_balance(&TREASURY), treasury_dsg - ED);
		Orders::do_try_state().unwrap();
		// Both orders settle out of the escrow account.
		for id in [usdt_order, dsg_order] {
			assert_ok!(Orders::mark_shipped(signed(MERCHANT), id, tracking()));
		}
		assert_ok!(Orders::confirm_receipt(signed(BUYER), usdt_order));
		assert_ok!(Orders::confirm_receipt(signed(STRANGER), dsg_order));
		run_to_block(deadline(usdt_order).max(deadline(dsg_order)));
		assert!(Orders::get_order(usdt_order).is_none() && Orders::get_order(dsg_order).is_none());
		assert_eq!((escrowed(USDT_ASSET), escrowed(DSG)), (0, 0));

		// Run again: nothing happens (the version is 3 now).
		let weight = v3::MigrateToV3::<
			Test,
			PaymentAssetList,
			v3::ViaHolds<Test, NativeAndAssetsHolds>,
		>::on_runtime_upgrade();
		let db = <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(weight, db.reads(1));
		assert_eq!((escrowed(USDT_ASSET), escrowed(DSG)), (0, 0));
	});
}
