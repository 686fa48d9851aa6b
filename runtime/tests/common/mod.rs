//! What every runtime test starts from.
#![allow(dead_code)]

use despend_runtime::{BuildStorage, RuntimeGenesisConfig, System};

/// The development chain's genesis (the `development` preset over the defaults), at block 1.
pub fn dev_state() -> sp_io::TestExternalities {
	let patch: serde_json::Value = serde_json::from_slice(
		&despend_runtime::genesis_config_presets::get_preset(&"development".into())
			.expect("the development preset exists"),
	)
	.expect("the preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	sc_chain_spec::json_merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("deserializes");
	let mut ext: sp_io::TestExternalities =
		config.build_storage().expect("the genesis builds").into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}
