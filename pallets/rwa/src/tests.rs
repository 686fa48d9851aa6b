//! Tests of the RWA pallet. Each runs in [`build_and_execute`], which checks the pallet's
//! invariants (`do_try_state`) after the test.

use crate::{
	mock::*, Collection, Error, Event, Items, Listing, Listings, RwaLocker, RwaRecord, TraceRecord,
	Traces,
};
use codec::Encode;
use despend_primitives::{OnOrderSettled, RwaItems};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect as _, NativeOrWithId},
		fungibles::Inspect as _,
		tokens::{nonfungibles_v2::Create, Locker},
		Get,
	},
};
use pallet_nfts::AttributeNamespace;
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

fn collection() -> u32 {
	Collection::<Test>::get().expect("genesis created the collection")
}

fn usdt(who: AccountId) -> Balance {
	NativeAndAssets::balance(USDT, &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

// --- collection ---

#[test]
fn genesis_creates_the_rwa_collection_owned_by_the_pallet_account() {
	build_and_execute(|| {
		let collection = collection();
		assert_eq!(Nfts::collection_owner(collection), Some(pot()));
		// The pallet account paid the collection deposit.
		assert_eq!(Balances::reserved_balance(pot()), COLLECTION_DEPOSIT);
		assert_eq!(Balances::free_balance(pot()), POT_FUNDS - COLLECTION_DEPOSIT);
		assert_eq!(Rwa::account_id(), pot());
	});
}

#[test]
fn admin_creates_the_collection_when_it_is_missing() {
	build_and_execute(|| {
		let old = collection();
		Collection::<Test>::kill();
		// The pallet account needs a second collection deposit.
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
			&pot(),
			COLLECTION_DEPOSIT
		));
		assert_ok!(Rwa::create_collection(RuntimeOrigin::root()));
		let new = collection();
		assert_ne!(new, old);
		assert_eq!(Nfts::collection_owner(new), Some(pot()));
		assert_eq!(Balances::reserved_balance(pot()), 2 * COLLECTION_DEPOSIT);
		System::assert_last_event(Event::CollectionCreated { collection: new }.into());
	});
}

#[test]
fn only_the_admin_origin_creates_the_collection() {
	build_and_execute(|| {
		Collection::<Test>::kill();
		assert_noop!(
			Rwa::create_collection(RuntimeOrigin::signed(ALICE)),
			DispatchError::BadOrigin
		);
		// Put the genesis collection back for the invariants.
		Collection::<Test>::put(0);
	});
}

#[test]
fn the_collection_cannot_be_created_twice() {
	build_and_execute(|| {
		assert_noop!(
			Rwa::create_collection(RuntimeOrigin::root()),
			Error::<Test>::CollectionAlreadyExists
		);
	});
}

// --- minting ---

#[test]
fn a_settled_order_becomes_an_nft_of_the_buyer_with_all_its_attributes() {
	build_and_execute(|| {
		System::set_block_number(42);
		let s = settlement(5, ALICE, 250_000_000);
		let reserved_before = Balances::reserved_balance(pot());
		let alice_dsg = Balances::total_balance(&ALICE);

		Rwa::on_order_settled(&s);

		assert_eq!(Nfts::owner(collection(), 5), Some(ALICE));
		// The whole purchase in one record.
		assert_eq!(
			Items::<Test>::get(5),
			Some(RwaRecord {
				merchant: MERCHANT,
				product: 7,
				asset: USDT,
				sale_amount: 250_000_000,
				sale_usd: 250_000_000,
				settled_at: 42,
				tracking_hash: Some(H256::repeat_byte(0xab)),
				product_metadata: s.product_metadata.clone(),
			})
		);
		// Nothing else is written per item: no pallet-nfts attribute.
		assert_eq!(pallet_nfts::Attribute::<Test>::iter().count(), 0);
		// The pallet account paid the item deposit; the buyer paid nothing.
		assert_eq!(Balances::reserved_balance(pot()), reserved_before + ITEM_DEPOSIT);
		assert_eq!(Balances::total_balance(&ALICE), alice_dsg);
		System::assert_last_event(
			Event::Minted {
				item: 5,
				owner: ALICE,
				merchant: MERCHANT,
				product: 7,
				sale_usd: 250_000_000,
			}
			.into(),
		);
	});
}

#[test]
fn what_the_holder_writes_on_its_nft_is_not_what_the_chain_reads() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		let forged: frame_support::BoundedVec<u8, _> = 999_999u128.encode().try_into().unwrap();
		let key: frame_support::BoundedVec<u8, _> = b"sale_usd".to_vec().try_into().unwrap();
		// The holder may write its own attributes in pallet-nfts, not in the pallet namespace.
		assert_noop!(
			Nfts::set_attribute(
				RuntimeOrigin::signed(ALICE),
				collection(),
				Some(1),
				AttributeNamespace::Pallet,
				key.clone(),
				forged.clone(),
			),
			pallet_nfts::Error::<Test>::NoPermission
		);
		assert_ok!(Nfts::set_attribute(
			RuntimeOrigin::signed(ALICE),
			collection(),
			Some(1),
			AttributeNamespace::ItemOwner,
			key,
			forged,
		));
		// The record and the income weight are the pallet's own.
		assert_eq!(Items::<Test>::get(1).map(|r| r.sale_usd), Some(1_000));
		assert_eq!(Rwa::income_weight(1), Some(1_000));
	});
}

#[test]
fn an_order_is_minted_only_once() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		Rwa::on_order_settled(&settlement(1, BOB, 2_000));
		System::assert_last_event(
			Event::MintFailed { item: 1, error: pallet_nfts::Error::<Test>::AlreadyExists.into() }
				.into(),
		);
		assert_eq!(Nfts::owner(collection(), 1), Some(ALICE));
		assert_eq!(Items::<Test>::get(1).map(|r| r.sale_usd), Some(1_000));
		assert_eq!(Rwa::income_weight(1), Some(1_000));
	});
}

#[test]
fn without_a_collection_a_settlement_reports_the_failed_mint() {
	build_and_execute(|| {
		Collection::<Test>::kill();
		Rwa::on_order_settled(&settlement(1, ALICE, 1_000));
		System::assert_last_event(
			Event::MintFailed { item: 1, error: Error::<Test>::NoCollection.into() }.into(),
		);
		assert!(!Items::<Test>::contains_key(1));
		Collection::<Test>::put(0);
	});
}

#[test]
fn a_mint_the_pallet_account_cannot_pay_for_leaves_nothing_behind() {
	build_and_execute(|| {
		// Leave the pallet account less than an item deposit.
		let free = Balances::free_balance(pot());
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::burn_from(
			&pot(),
			free - 5,
			frame_support::traits::tokens::Preservation::Expendable,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Fortitude::Force,
		));
		System::reset_events();

		Rwa::on_order_settled(&settlement(1, ALICE, 1_000));

		assert!(matches!(last_event(), RuntimeEvent::Rwa(Event::MintFailed { item: 1, .. })));
		// Only the failure event: the mint's own events were rolled back with its writes.
		assert_eq!(System::events().len(), 1);
		assert_eq!(Nfts::owner(collection(), 1), None);
		assert!(!Items::<Test>::contains_key(1));
		assert_eq!(Balances::reserved_balance(pot()), COLLECTION_DEPOSIT);
	});
}

#[test]
fn on_order_settled_reports_its_benchmarked_weight() {
	build_and_execute(|| {
		use crate::WeightInfo;
		let expected = <() as WeightInfo>::on_order_settled();
		assert_eq!(Rwa::on_order_settled(&settlement(1, ALICE, 1)), expected);
		assert_eq!(<Rwa as OnOrderSettled<_, _, _, _>>::max_weight(), expected);
	});
}

// --- traceability ---

#[test]
fn the_merchant_appends_traceability_records() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		System::set_block_number(3);
		let first = H256::repeat_byte(1);
		let second = H256::repeat_byte(2);
		assert_ok!(Rwa::append_trace(RuntimeOrigin::signed(MERCHANT), 1, first));
		System::assert_last_event(
			Event::TraceAppended { item: 1, merchant: MERCHANT, record_hash: first }.into(),
		);
		System::set_block_number(4);
		assert_ok!(Rwa::append_trace(RuntimeOrigin::signed(MERCHANT), 1, second));
		assert_eq!(
			Traces::<Test>::get(1).into_inner(),
			vec![
				TraceRecord { record_hash: first, appended_at: 3 },
				TraceRecord { record_hash: second, appended_at: 4 },
			]
		);
	});
}

#[test]
fn only_the_merchant_of_the_order_appends_traceability_records() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_noop!(
			Rwa::append_trace(RuntimeOrigin::signed(ALICE), 1, H256::zero()),
			Error::<Test>::NotOrderMerchant
		);
	});
}

#[test]
fn traceability_records_need_an_existing_nft() {
	build_and_execute(|| {
		assert_noop!(
			Rwa::append_trace(RuntimeOrigin::signed(MERCHANT), 9, H256::zero()),
			Error::<Test>::UnknownItem
		);
	});
}

#[test]
fn traceability_records_are_bounded_per_nft() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		let max = <Test as crate::Config>::MaxTraceRecords::get();
		for i in 0..max {
			assert_ok!(Rwa::append_trace(
				RuntimeOrigin::signed(MERCHANT),
				1,
				H256::repeat_byte(i as u8)
			));
		}
		assert_noop!(
			Rwa::append_trace(RuntimeOrigin::signed(MERCHANT), 1, H256::zero()),
			Error::<Test>::TooManyTraceRecords
		);
		assert_eq!(Traces::<Test>::get(1).len() as u32, max);
	});
}

// --- listings ---

#[test]
fn the_owner_lists_an_nft_in_a_stablecoin_and_can_change_the_listing() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		assert_eq!(
			Listings::<Test>::get(1),
			Some(Listing { seller: ALICE, asset: USDT, price: 500 })
		);
		System::assert_last_event(
			Event::Listed { item: 1, seller: ALICE, asset: USDT, price: 500 }.into(),
		);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDC, 450));
		assert_eq!(
			Listings::<Test>::get(1),
			Some(Listing { seller: ALICE, asset: USDC, price: 450 })
		);
	});
}

#[test]
fn listing_is_refused_for_unknown_items_strangers_staked_items_other_assets_and_zero_prices() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		mint(2, ALICE, 1_000);
		stake(2);
		let alice = RuntimeOrigin::signed(ALICE);
		assert_noop!(Rwa::list(alice.clone(), 9, USDT, 5), Error::<Test>::UnknownItem);
		assert_noop!(Rwa::list(RuntimeOrigin::signed(BOB), 1, USDT, 5), Error::<Test>::NotOwner);
		assert_noop!(Rwa::list(alice.clone(), 2, USDT, 5), Error::<Test>::ItemStaked);
		assert_noop!(Rwa::list(alice.clone(), 1, DSG, 5), Error::<Test>::AssetNotAccepted);
		assert_noop!(
			Rwa::list(alice.clone(), 1, NativeOrWithId::WithId(7), 5),
			Error::<Test>::AssetNotAccepted
		);
		assert_noop!(Rwa::list(alice.clone(), 1, USDT, 0), Error::<Test>::ZeroPrice);
		Collection::<Test>::kill();
		assert_noop!(Rwa::list(alice, 1, USDT, 5), Error::<Test>::NoCollection);
		Collection::<Test>::put(0);
	});
}

#[test]
fn the_seller_ends_a_listing() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		assert_ok!(Rwa::unlist(RuntimeOrigin::signed(ALICE), 1));
		assert!(!Listings::<Test>::contains_key(1));
		System::assert_last_event(Event::Unlisted { item: 1, seller: ALICE }.into());
	});
}

#[test]
fn a_stranger_cannot_end_a_valid_listing_but_can_end_a_stale_one() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		assert_noop!(Rwa::unlist(RuntimeOrigin::signed(CHARLIE), 1), Error::<Test>::NotSeller);
		// The item was staked without the listing being told: the listing is stale.
		stake(1);
		assert_ok!(Rwa::unlist(RuntimeOrigin::signed(CHARLIE), 1));
		assert!(!Listings::<Test>::contains_key(1));
		System::assert_last_event(Event::Unlisted { item: 1, seller: ALICE }.into());
	});
}

#[test]
fn a_listed_item_cannot_move_so_no_listing_outlives_a_transfer() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		// pallet-nfts refuses to move a listed item.
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(ALICE), collection(), 1, BOB),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		// Unlisted, it moves, and when it comes back the old price is gone: nobody can buy it
		// at the price its owner once asked.
		assert_ok!(Rwa::unlist(RuntimeOrigin::signed(ALICE), 1));
		assert_ok!(Nfts::transfer(RuntimeOrigin::signed(ALICE), collection(), 1, BOB));
		assert_ok!(Nfts::transfer(RuntimeOrigin::signed(BOB), collection(), 1, ALICE));
		assert_noop!(Rwa::buy(RuntimeOrigin::signed(CHARLIE), 1, 600), Error::<Test>::NotListed);
	});
}

#[test]
fn a_listing_of_a_staked_item_is_stale() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		stake(1);
		assert_ok!(Rwa::unlist(RuntimeOrigin::signed(CHARLIE), 1));
	});
}

#[test]
fn unlisting_needs_a_listing() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_noop!(Rwa::unlist(RuntimeOrigin::signed(ALICE), 1), Error::<Test>::NotListed);
	});
}

#[test]
fn a_buyer_pays_the_seller_and_receives_the_nft() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		let (alice_before, bob_before) = (usdt(ALICE), usdt(BOB));

		assert_ok!(Rwa::buy(RuntimeOrigin::signed(BOB), 1, 600));

		assert_eq!(usdt(ALICE), alice_before + 500);
		assert_eq!(usdt(BOB), bob_before - 500);
		assert_eq!(Nfts::owner(collection(), 1), Some(BOB));
		assert_eq!(Rwa::owner(1), Some(BOB));
		assert!(!Listings::<Test>::contains_key(1));
		System::assert_last_event(
			Event::Sold { item: 1, seller: ALICE, buyer: BOB, asset: USDT, price: 500 }.into(),
		);
		// The new owner may list it again.
		assert_ok!(Rwa::list(RuntimeOrigin::signed(BOB), 1, USDT, 700));
	});
}

#[test]
fn buying_above_the_accepted_price_fails_cleanly() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		assert_noop!(Rwa::buy(RuntimeOrigin::signed(BOB), 1, 499), Error::<Test>::PriceTooHigh);
	});
}

#[test]
fn unlisted_stale_and_own_listings_cannot_be_bought() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		mint(2, ALICE, 1_000);
		assert_noop!(Rwa::buy(RuntimeOrigin::signed(BOB), 1, 600), Error::<Test>::NotListed);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 2, USDT, 500));
		assert_noop!(
			Rwa::buy(RuntimeOrigin::signed(ALICE), 1, 600),
			Error::<Test>::CannotBuyOwnItem
		);
		// Item 2 was staked.
		stake(2);
		assert_noop!(Rwa::buy(RuntimeOrigin::signed(BOB), 2, 600), Error::<Test>::NotListed);
	});
}

#[test]
fn a_buyer_who_cannot_pay_and_stay_alive_is_refused() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		// More than Bob has.
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, INITIAL_USDT + 1));
		assert_noop!(
			Rwa::buy(RuntimeOrigin::signed(BOB), 1, INITIAL_USDT + 1),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		// Exactly Bob's USDT balance: paying it would leave Bob below the minimum balance.
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, INITIAL_USDT));
		assert_noop!(
			Rwa::buy(RuntimeOrigin::signed(BOB), 1, INITIAL_USDT),
			DispatchError::Token(TokenError::NotExpendable)
		);
		// Within the balance minus the minimum, the purchase goes through.
		assert_ok!(Rwa::list(
			RuntimeOrigin::signed(ALICE),
			1,
			USDT,
			INITIAL_USDT - USD_MIN_BALANCE
		));
		assert_ok!(Rwa::buy(RuntimeOrigin::signed(BOB), 1, INITIAL_USDT));
		assert_eq!(usdt(BOB), USD_MIN_BALANCE);
	});
}

// --- staking and pallet-nfts' own market ---

#[test]
fn a_staked_nft_cannot_be_transferred_or_sold_on_pallet_nfts() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Nfts::set_price(RuntimeOrigin::signed(ALICE), collection(), 1, Some(50), None));
		stake(1);
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(ALICE), collection(), 1, BOB),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		assert_noop!(
			Nfts::buy_item(RuntimeOrigin::signed(BOB), collection(), 1, 50),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		assert_noop!(
			Nfts::burn(RuntimeOrigin::signed(ALICE), collection(), 1),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		assert_eq!(Nfts::owner(collection(), 1), Some(ALICE));
	});
}

#[test]
fn an_unstaked_nft_trades_in_dsg_on_pallet_nfts_market() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Nfts::set_price(RuntimeOrigin::signed(ALICE), collection(), 1, Some(50), None));
		let alice_dsg = Balances::free_balance(ALICE);
		assert_ok!(Nfts::buy_item(RuntimeOrigin::signed(BOB), collection(), 1, 50));
		assert_eq!(Nfts::owner(collection(), 1), Some(BOB));
		assert_eq!(Balances::free_balance(ALICE), alice_dsg + 50);
		assert_eq!(Rwa::owner(1), Some(BOB));
	});
}

#[test]
fn the_locker_only_locks_staked_items_of_the_rwa_collection() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert!(!RwaLocker::<Test>::is_locked(collection(), 1));
		stake(1);
		assert!(RwaLocker::<Test>::is_locked(collection(), 1));
		// Item 1 of another collection is not an RWA-NFT.
		let other = <Nfts as Create<AccountId, _>>::create_collection(
			&BOB,
			&BOB,
			&RwaCollectionConfig::get(),
		)
		.unwrap();
		assert!(!RwaLocker::<Test>::is_locked(other, 1));
	});
}

#[test]
fn staking_an_nft_ends_its_listing() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::list(RuntimeOrigin::signed(ALICE), 1, USDT, 500));
		stake(1);
		Rwa::on_staked(1);
		assert!(!Listings::<Test>::contains_key(1));
		System::assert_last_event(Event::Unlisted { item: 1, seller: ALICE }.into());
		// Nothing to end the second time, and no event.
		let events = System::events().len();
		Rwa::on_staked(1);
		assert_eq!(System::events().len(), events);
	});
}

#[test]
fn the_dividend_pool_reads_owner_and_income_weight() {
	build_and_execute(|| {
		mint(1, ALICE, 123_456);
		assert_eq!(Rwa::owner(1), Some(ALICE));
		assert_eq!(Rwa::income_weight(1), Some(123_456));
		assert_eq!(Rwa::owner(2), None);
		assert_eq!(Rwa::income_weight(2), None);
		assert_ok!(Nfts::transfer(RuntimeOrigin::signed(ALICE), collection(), 1, CHARLIE));
		assert_eq!(Rwa::owner(1), Some(CHARLIE));
		// An item of the collection minted outside this pallet (by the NFT pallet's force
		// origin) is not an RWA-NFT: it has no owner or weight for the dividend pool.
		assert_ok!(Nfts::force_mint(
			RuntimeOrigin::root(),
			collection(),
			3,
			ALICE,
			RwaItemConfig::get()
		));
		assert_eq!(<Rwa as RwaItems<AccountId, Balance>>::owner(3), None);
		assert_eq!(Rwa::income_weight(3), None);
	});
}

// --- invariants ---

#[test]
fn try_state_detects_a_record_without_nft_and_a_listing_of_a_missing_item() {
	build_and_execute(|| {
		mint(1, ALICE, 1_000);
		assert_ok!(Rwa::do_try_state());

		Listings::<Test>::insert(9, Listing { seller: ALICE, asset: USDT, price: 1 });
		assert!(Rwa::do_try_state().is_err());
		Listings::<Test>::remove(9);

		Items::<Test>::insert(
			9,
			RwaRecord {
				merchant: MERCHANT,
				product: 1,
				asset: USDT,
				sale_amount: 1,
				sale_usd: 1,
				settled_at: 1,
				tracking_hash: None,
				product_metadata: Default::default(),
			},
		);
		assert!(Rwa::do_try_state().is_err(), "a record without an NFT");
		Items::<Test>::remove(9);
		assert_ok!(Rwa::do_try_state());
	});
}

#[test]
fn nft_count_equals_settled_orders() {
	build_and_execute(|| {
		for order in 1..=5 {
			Rwa::on_order_settled(&settlement(order, ALICE + order % 3, 1_000 * order as u128));
		}
		assert_eq!(Items::<Test>::iter_keys().count(), 5);
		let collection_items = (1..=5).filter(|i| Nfts::owner(collection(), *i).is_some()).count();
		assert_eq!(collection_items, 5);
		// Every item deposit came from the pallet account.
		assert_eq!(Balances::reserved_balance(pot()), COLLECTION_DEPOSIT + 5 * ITEM_DEPOSIT);
	});
}
