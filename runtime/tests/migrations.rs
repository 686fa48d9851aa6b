//! The runtime upgrade path, as `try-runtime` checks it: on a state built from the development
//! preset with live orders in every stage, `Executive::try_runtime_upgrade` runs `Migrations`
//! with their pre- and post-upgrade checks and every pallet's `try_state`, twice (the second run
//! must change nothing). Run with `cargo test -p despend-runtime --features try-runtime`.
#![cfg(feature = "try-runtime")]

use despend_runtime::{
	units::{DSG, USD, USDT_ID},
	AllPalletsWithSystem, Executive, Mining, Orders, Runtime, RuntimeOrigin, System,
};
use frame_support::{
	assert_ok,
	traits::{
		fungible::NativeOrWithId, GetStorageVersion, StorageVersion, TryState, TryStateSelect,
		UpgradeCheckSelect,
	},
	BoundedVec,
};
use sp_keyring::Sr25519Keyring;

mod common;
use common::dev_state;

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(k.to_account_id())
}

/// Bob's shop: one product (10 USD, 100 in stock) in a new category, paid in USDT or DSG.
fn open_shop() {
	assert_ok!(Orders::create_category(
		RuntimeOrigin::root(),
		BoundedVec::truncate_from(b"Tea".to_vec())
	));
	assert_ok!(Orders::register_merchant(
		signed(Sr25519Keyring::Bob),
		BoundedVec::truncate_from(b"shop".to_vec())
	));
	assert_ok!(Orders::list_product(
		signed(Sr25519Keyring::Bob),
		0,
		10 * USD,
		100,
		BoundedVec::truncate_from(vec![NativeOrWithId::WithId(USDT_ID), NativeOrWithId::Native]),
		None,
		None,
		BoundedVec::truncate_from(b"tea".to_vec()),
	));
}

#[test]
fn the_runtime_upgrade_keeps_live_orders_and_runs_twice_the_same() {
	dev_state().execute_with(|| {
		let usdt = NativeOrWithId::WithId(USDT_ID);
		open_shop();
		// Orders placed, shipped and received, in USDT and DSG.
		for (i, buyer) in [Sr25519Keyring::Charlie, Sr25519Keyring::Dave, Sr25519Keyring::Eve]
			.into_iter()
			.enumerate()
		{
			let asset = if i % 2 == 0 { usdt.clone() } else { NativeOrWithId::Native };
			assert_ok!(Orders::place_order(signed(buyer), 0, 1, asset, 1_000_000 * DSG));
		}
		assert_ok!(Orders::mark_shipped(signed(Sr25519Keyring::Bob), 1, Default::default()));
		assert_ok!(Orders::mark_shipped(signed(Sr25519Keyring::Bob), 2, Default::default()));
		assert_ok!(Orders::confirm_receipt(signed(Sr25519Keyring::Eve), 2));
		let open = pallet_orders::Orders::<Runtime>::iter().count();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade checks pass");
		AllPalletsWithSystem::try_state(System::block_number(), TryStateSelect::All)
			.expect("every pallet's invariants hold after the upgrade");
		assert_eq!(pallet_orders::Orders::<Runtime>::iter().count(), open);
		let queued = pallet_orders::DueOrders::<Runtime>::iter().count();

		// Again: every migration is versioned, so nothing happens.
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("idempotent");
		assert_eq!(pallet_orders::DueOrders::<Runtime>::iter().count(), queued);
		assert_eq!(pallet_orders::Orders::<Runtime>::iter().count(), open);
	});
}

/// The order pallet's v3 migration run by the runtime, from a chain at version 2 whose open
/// orders' payments are held on their buyers: every hold moves to the escrow account, with the
/// migration's pre- and post-upgrade checks and every pallet's invariants.
#[test]
fn the_runtime_upgrade_moves_version_2_escrow_holds_to_the_escrow_account() {
	use despend_runtime::{
		configs::{assets::NativeAndAssets, commerce::EscrowAccount},
		migrations::{BalancesOnHold, Holds},
		Assets, Balances,
	};
	use frame_support::traits::{
		fungible::{InspectHold as _, MutateHold as _},
		fungibles::{Inspect, Mutate, Unbalanced},
		tokens::{Fortitude, IdAmount, Precision, Preservation},
	};
	dev_state().execute_with(|| {
		let usdt = NativeOrWithId::WithId(USDT_ID);
		open_shop();
		let buyers = [
			(Sr25519Keyring::Charlie, usdt.clone()),
			(Sr25519Keyring::Dave, NativeOrWithId::Native),
		];
		for (buyer, asset) in &buyers {
			assert_ok!(Orders::place_order(signed(*buyer), 0, 1, asset.clone(), 1_000_000 * DSG));
		}
		// Version 2's state: each payment held on its buyer's account, DSG by pallet-balances,
		// USDT as pallet-assets-holder kept it (out of the account's balance, in its storage).
		let escrow = EscrowAccount::get();
		let reason: despend_runtime::RuntimeHoldReason = pallet_orders::HoldReason::Escrow.into();
		let mut owed = Vec::new();
		for (id, order) in pallet_orders::Orders::<Runtime>::iter() {
			assert_ok!(NativeAndAssets::transfer(
				order.asset.clone(),
				&escrow,
				&order.buyer,
				order.amount,
				Preservation::Preserve
			));
			let free = NativeAndAssets::balance(order.asset.clone(), &order.buyer);
			match order.asset {
				NativeOrWithId::Native => {
					assert_ok!(Balances::hold(&reason, &order.buyer, order.amount));
				},
				NativeOrWithId::WithId(asset) => {
					assert_ok!(<Assets as Unbalanced<_>>::decrease_balance(
						asset,
						&order.buyer,
						order.amount,
						Precision::Exact,
						Preservation::Preserve,
						Fortitude::Polite,
					));
					Holds::insert(
						asset,
						&order.buyer,
						BoundedVec::truncate_from(vec![IdAmount {
							id: reason,
							amount: order.amount,
						}]),
					);
					BalancesOnHold::insert(asset, &order.buyer, order.amount);
				},
			}
			owed.push((id, order.asset, order.buyer, order.amount, free));
		}
		StorageVersion::new(2).put::<Orders>();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade checks pass");

		assert_eq!(Orders::on_chain_storage_version(), StorageVersion::new(3));
		for (_, asset, buyer, amount, free) in &owed {
			// The buyer keeps what it had besides the hold; the escrow has the payment.
			assert_eq!(NativeAndAssets::balance(asset.clone(), buyer), free - amount);
			let minimum = NativeAndAssets::minimum_balance(asset.clone());
			assert_eq!(NativeAndAssets::balance(asset.clone(), &escrow), minimum + amount);
		}
		assert_eq!(Balances::balance_on_hold(&reason, &Sr25519Keyring::Dave.to_account_id()), 0);
		// Nothing is left of the holder pallet's storage.
		assert_eq!(Holds::iter().count() + BalancesOnHold::iter().count(), 0);
		AllPalletsWithSystem::try_state(System::block_number(), TryStateSelect::All)
			.expect("every pallet's invariants hold after the upgrade");
		// Again: nothing changes.
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("idempotent");
		assert_eq!(Orders::on_chain_storage_version(), StorageVersion::new(3));
	});
}

/// The mining pallet's migration run by the runtime, from the layout a chain at version 0
/// holds, with its pre- and post-upgrade checks and every pallet's invariants.
#[test]
fn the_runtime_upgrade_migrates_a_version_0_mining_state() {
	use pallet_mining::migrations::v1;
	dev_state().execute_with(|| {
		let (alice, bob) =
			(Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		// Version 0: the schedule's four values and the miners' three maps.
		let _ = pallet_mining::Miners::<Runtime>::clear(u32::MAX, None);
		pallet_mining::Schedule::<Runtime>::kill();
		v1::TotalVolumeUsd::<Runtime>::put(3_000 * USD);
		v1::Halvings::<Runtime>::put(0);
		v1::TotalMined::<Runtime>::put(300 * DSG);
		v1::MinedBy::<Runtime>::insert(&alice, 200 * DSG);
		v1::MinedBy::<Runtime>::insert(&bob, 100 * DSG);
		v1::AccountEpochMined::<Runtime>::insert(&alice, (0, 200 * DSG));
		StorageVersion::new(0).put::<Mining>();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade checks pass");

		assert_eq!(Mining::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(Mining::total_mined(), 300 * DSG);
		assert_eq!((Mining::mined_by(&alice), Mining::mined_by(&bob)), (200 * DSG, 100 * DSG));
		assert_eq!(pallet_mining::Schedule::<Runtime>::get().volume_usd, 3_000 * USD);
		AllPalletsWithSystem::try_state(System::block_number(), TryStateSelect::All)
			.expect("every pallet's invariants hold after the upgrade");
		// Again: nothing changes.
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("idempotent");
		assert_eq!(Mining::total_mined(), 300 * DSG);
	});
}

/// The review pallet's version 2 migration run by the runtime: a product's open round, kept in
/// `Rounds` by version 1, moves into the product's state, with the pre- and post-upgrade checks
/// and every pallet's invariants.
#[test]
fn the_runtime_upgrade_moves_a_version_1_open_review_round_into_its_product() {
	use despend_primitives::{OnOrderSettled, OrderSettlement};
	use despend_runtime::Reviews;
	use pallet_reviews::migrations::v2;
	dev_state().execute_with(|| {
		let (buyer, merchant) =
			(Sr25519Keyring::Charlie.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		// A settlement (with no fee to move) opens product 1's round 0 and gives a ticket.
		<Reviews as OnOrderSettled<_, _, _, _>>::on_order_settled(&OrderSettlement {
			settled_at: System::block_number(),
			..OrderSettlement::sale(1, buyer, merchant, NativeOrWithId::Native, 10 * DSG)
		});
		let state = pallet_reviews::ProductStates::<Runtime>::get(1).expect("a round opened");
		let (index, round) = state.open_round.clone().expect("open");
		// Version 1's layout.
		pallet_reviews::Rounds::<Runtime>::insert(1, index, round.clone());
		v2::ProductStates::<Runtime>::insert(
			1,
			v2::OldProductState {
				merchant: state.merchant.clone(),
				category: state.category,
				standard: state.standard,
				open_round: Some(index),
				rounds: state.rounds,
				carry_over: state.carry_over.clone(),
				carry_over_sales: state.carry_over_sales,
				late_fees: state.late_fees,
			},
		);
		StorageVersion::new(1).put::<Reviews>();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade checks pass");

		assert_eq!(Reviews::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(pallet_reviews::ProductStates::<Runtime>::get(1), Some(state));
		assert!(!pallet_reviews::Rounds::<Runtime>::contains_key(1, index));
		assert_eq!(Reviews::round(1, index), Some(round));
		AllPalletsWithSystem::try_state(System::block_number(), TryStateSelect::All)
			.expect("every pallet's invariants hold after the upgrade");
		// Again: nothing changes.
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("idempotent");
		assert_eq!(Reviews::on_chain_storage_version(), StorageVersion::new(2));
	});
}
