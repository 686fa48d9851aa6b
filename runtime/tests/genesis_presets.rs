//! Each genesis preset builds a state holding exactly what the preset promises: the validators,
//! the DSG and stablecoin balances, the stablecoins' metadata, and the sudo key.

use despend_runtime::{
	configs::{commerce::pool_accounts, parameters::commerce},
	genesis_config_presets::{
		get_preset, preset_names, DEV_ENDOWMENT_DSG, DEV_ENDOWMENT_USD, POOL_DSG,
		POOL_ENDOWMENT_DSG, POOL_USD, STABLECOINS, STABLECOIN_DECIMALS,
	},
	units::{DAYS, STABLECOIN_MIN_BALANCE},
	AccountId, Assets, Aura, Balances, BuildStorage, Grandpa, Runtime, RuntimeGenesisConfig,
};
use frame_support::traits::{
	fungible::Inspect as _,
	fungibles::{metadata::Inspect as _, Inspect as _},
	Get,
};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The storage a chain started from `preset` has at genesis.
fn genesis_state(preset: &str) -> sp_io::TestExternalities {
	let patch: serde_json::Value =
		serde_json::from_slice(&get_preset(&preset.into()).expect("preset exists")).unwrap();
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	sc_chain_spec::json_merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	config.build_storage().unwrap().into()
}

fn well_known() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

fn assert_funded_and_stablecoins_listed() {
	let accounts = well_known();
	assert_eq!(accounts.len(), 12);
	for who in &accounts {
		assert_eq!(Balances::free_balance(who), DEV_ENDOWMENT_DSG, "DSG of {who}");
		for (id, ..) in STABLECOINS {
			assert_eq!(Assets::balance(id, who), DEV_ENDOWMENT_USD, "asset {id} of {who}");
		}
	}
	let pools = pool_accounts();
	for pool in &pools {
		// The RWA pallet's account has the collection deposit reserved out of it; the treasury
		// received the two genesis pools' setup fees.
		let setup_fees = if *pool == despend_runtime::configs::commerce::TreasuryAccount::get() {
			2 * despend_runtime::configs::PoolSetupFee::get()
		} else {
			0
		};
		assert_eq!(
			Balances::total_balance(pool),
			POOL_ENDOWMENT_DSG + setup_fees,
			"DSG of pool {pool}"
		);
		for (id, ..) in STABLECOINS {
			assert_eq!(
				Assets::balance(id, pool),
				STABLECOIN_MIN_BALANCE,
				"asset {id} of pool {pool}"
			);
		}
	}
	// The orders' escrow account keeps just its own minimum of each payment asset.
	let escrow = despend_runtime::configs::commerce::EscrowAccount::get();
	assert_eq!(Balances::total_balance(&escrow), despend_runtime::units::EXISTENTIAL_DEPOSIT);
	for (id, ..) in STABLECOINS {
		assert_eq!(
			Assets::balance(id, &escrow),
			STABLECOIN_MIN_BALANCE,
			"asset {id} of the escrow"
		);
	}
	let rwa_collection_deposit = pallet_nfts::Collection::<Runtime>::iter()
		.map(|(_, details)| details.owner_deposit)
		.sum::<u128>();
	assert_eq!(
		Balances::total_issuance(),
		DEV_ENDOWMENT_DSG * accounts.len() as u128 +
			POOL_ENDOWMENT_DSG * pools.len() as u128 +
			despend_runtime::units::EXISTENTIAL_DEPOSIT +
			// The liquidity account: both pools' DSG and its own setup fees and deposits.
			POOL_DSG * 2 + 1_000 * despend_runtime::units::DSG
	);
	assert!(rwa_collection_deposit > 0, "the RWA collection is created at genesis");
	assert!(pallet_rwa::Collection::<Runtime>::get().is_some());
	assert_eq!(pallet_membership::Tiers::<Runtime>::get().len(), 15);
	// Development networks run on short periods; production defaults are days.
	assert_eq!(commerce::ShipDeadline::get(), 100);
	assert_eq!(commerce::AfterSalesPeriod::get(), 5);
	assert!(commerce::ShipDeadline::get() < DAYS);

	for (id, name, symbol) in STABLECOINS {
		assert!(Assets::asset_exists(id), "asset {id} exists");
		let details = pallet_assets::Asset::<Runtime>::get(id).unwrap();
		assert!(details.is_sufficient, "asset {id} is sufficient");
		assert_eq!(details.min_balance, STABLECOIN_MIN_BALANCE);
		assert_eq!(details.owner, Sr25519Keyring::Alice.to_account_id());
		assert_eq!(Assets::name(id), name.as_bytes().to_vec());
		assert_eq!(Assets::symbol(id), symbol.as_bytes().to_vec());
		assert_eq!(Assets::decimals(id), STABLECOIN_DECIMALS);
		assert_eq!(
			Assets::total_issuance(id),
			DEV_ENDOWMENT_USD * accounts.len() as u128
				+ STABLECOIN_MIN_BALANCE * (pools.len() as u128 + 1)
				+ POOL_USD + despend_runtime::units::USD
		);
		// Its DSG pool exists from block 1, at the oracle's price.
		assert_eq!(
			despend_runtime::AssetConversion::get_reserves(
				frame_support::traits::fungible::NativeOrWithId::Native,
				frame_support::traits::fungible::NativeOrWithId::WithId(id),
			)
			.ok(),
			Some((POOL_DSG, POOL_USD))
		);
	}
	assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
}

#[test]
fn development_preset_has_alice_as_only_validator_and_funds_dev_accounts() {
	genesis_state("development").execute_with(|| {
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura, vec![Sr25519Keyring::Alice.public().into()]);
		assert_eq!(
			Grandpa::grandpa_authorities(),
			vec![(Ed25519Keyring::Alice.public().into(), 1)]
		);
		assert_eq!(Aura::authorities_len(), 1);
		assert_eq!(
			pallet_validator_set::Validators::<Runtime>::get().to_vec(),
			vec![Sr25519Keyring::Alice.to_account_id()]
		);
		assert_funded_and_stablecoins_listed();
	});
}

#[test]
fn local_testnet_preset_has_four_validators() {
	genesis_state("local_testnet").execute_with(|| {
		let validators = [
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		];
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura, validators.iter().map(|(a, _)| a.public().into()).collect::<Vec<_>>());
		assert_eq!(
			Grandpa::grandpa_authorities(),
			validators.iter().map(|(_, g)| (g.public().into(), 1)).collect::<Vec<_>>()
		);
		assert_funded_and_stablecoins_listed();
	});
}

#[test]
fn without_a_preset_the_production_periods_apply() {
	let mut ext: sp_io::TestExternalities =
		RuntimeGenesisConfig::default().build_storage().unwrap().into();
	ext.execute_with(|| {
		assert_eq!(commerce::ShipDeadline::get(), 7 * DAYS);
		assert_eq!(commerce::CommunityFee::get(), sp_runtime::Perbill::from_parts(6_000_000));
	});
}

#[test]
fn presets_are_listed_and_unknown_names_are_refused() {
	let names = preset_names();
	assert!(names.contains(&"development".into()));
	assert!(names.contains(&"local_testnet".into()));
	assert!(names.contains(&"staging".into()));
	assert!(get_preset(&"no_such_preset".into()).is_none());
}

#[test]
fn staging_preset_has_no_sudo_and_production_periods() {
	genesis_state("staging").execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None, "only governance can act");
		assert!(!despend_runtime::configs::parameters::governance::FastTracks::get());
		assert_eq!(commerce::ShipDeadline::get(), 7 * DAYS);
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().len(), 4);
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 4);
		assert_eq!(Aura::authorities_len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
	});
}

#[test]
fn staging_preset_holds_no_development_key_and_governance_owns_the_stablecoins() {
	use despend_runtime::genesis_config_presets::{stablecoin_authority, STAGING_VALIDATORS};
	// Nowhere in the preset: neither an account nor a session key of the development keyring
	// (whose secret keys are public), in any encoding the JSON uses.
	let json = String::from_utf8(get_preset(&"staging".into()).unwrap()).unwrap();
	let hex = |bytes: &[u8]| format!("{}", sp_core::hexdisplay::HexDisplay::from(&bytes));
	for key in Sr25519Keyring::iter() {
		let account = key.to_account_id();
		assert!(!json.contains(&account.to_string()), "staging funds or names {key:?}");
		assert!(!json.contains(&hex(&key.public().0)), "staging holds {key:?}'s key");
	}
	for key in Ed25519Keyring::iter() {
		assert!(!json.contains(&key.public().to_string()), "staging holds {key:?}'s key");
		assert!(!json.contains(&hex(&key.public().0)), "staging holds {key:?}'s key");
	}
	genesis_state("staging").execute_with(|| {
		for who in well_known() {
			assert_eq!(Balances::total_balance(&who), 0, "{who} is funded");
		}
		let validators = pallet_validator_set::Validators::<Runtime>::get();
		let placeholders: Vec<AccountId> =
			STAGING_VALIDATORS.iter().map(|(account, ..)| AccountId::from(*account)).collect();
		assert_eq!(validators.to_vec(), placeholders);
		for (id, ..) in STABLECOINS {
			let details = pallet_assets::Asset::<Runtime>::get(id).unwrap();
			assert_eq!(details.owner, stablecoin_authority());
			assert_eq!(details.issuer, stablecoin_authority());
			assert_eq!(details.admin, stablecoin_authority());
			assert_eq!(details.freezer, stablecoin_authority());
		}
	});
}
