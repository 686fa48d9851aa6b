//! libFuzzer's entry point: `scripts/fuzz.sh` (coverage-guided, as long as you let it run).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	despend_fuzz::run(data);
});
