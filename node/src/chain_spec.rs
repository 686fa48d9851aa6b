//! Chain specifications: built from the runtime's genesis presets, so the node and
//! `chain-specs/*.json` always agree with the runtime.

use despend_runtime::{SS58_PREFIX, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// A chain spec with no extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What wallets (polkadot.js) read to show balances: the token's symbol and decimals, and the
/// address format.
pub fn chain_properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), "DSG".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"The runtime Wasm is not in this binary: build without SKIP_WASM_BUILD".to_string()
	})?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("despend")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(chain_properties())
		.build())
}

/// The single-validator development chain (`--dev`, `--chain dev`).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"DeSpend Development",
		"despend_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// The four-validator local testnet (`--chain local`).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"DeSpend Local Testnet",
		"despend_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// The staging network: four validators, no sudo key, production periods; governance only.
pub fn staging_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"DeSpend Staging",
		"despend_staging",
		ChainType::Live,
		despend_runtime::genesis_config_presets::STAGING_RUNTIME_PRESET,
	)
}
