//! The runtime upgrade path, as `try-runtime` checks it: on a state built from the development
//! preset with live orders in every stage, `Executive::try_runtime_upgrade` runs `Migrations`
//! with their pre- and post-upgrade checks and every pallet's `try_state`, twice (the second run
//! must change nothing). Run with `cargo test -p despend-runtime --features try-runtime`.
#![cfg(feature = "try-runtime")]

use despend_runtime::{
	units::{DSG, USD, USDT_ID},
	AllPalletsWithSystem, BuildStorage, Executive, Orders, Runtime, RuntimeGenesisConfig,
	RuntimeOrigin, System,
};
use frame_support::{
	assert_ok,
	traits::{fungible::NativeOrWithId, TryState, TryStateSelect, UpgradeCheckSelect},
	BoundedVec,
};
use sp_keyring::Sr25519Keyring;

fn dev_state() -> sp_io::TestExternalities {
	let patch: serde_json::Value = serde_json::from_slice(
		&despend_runtime::genesis_config_presets::get_preset(&"development".into()).unwrap(),
	)
	.unwrap();
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	sc_chain_spec::json_merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let mut ext: sp_io::TestExternalities = config.build_storage().unwrap().into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(k.to_account_id())
}

#[test]
fn the_runtime_upgrade_keeps_live_orders_and_runs_twice_the_same() {
	dev_state().execute_with(|| {
		let usdt = NativeOrWithId::WithId(USDT_ID);
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
			BoundedVec::truncate_from(vec![usdt.clone(), NativeOrWithId::Native]),
			None,
			None,
			BoundedVec::truncate_from(b"tea".to_vec()),
		));
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
