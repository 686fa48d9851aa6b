#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	// Wallets verify the metadata they decode with against this hash (CheckMetadataHash).
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("DSG", 12)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
