//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-07 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `extrinsic`, LONG-NAME: `ExtrinsicBase`, RUNTIME: `despend`
//! WARMUPS: `5`, REPEAT: `50`
//! WEIGHT-PATH: `/tmp/tmp.JoINW3l6dJ/out3`
//! WEIGHT-METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/despend/target/release/despend-node
//   benchmark
//   overhead
//   --chain
//   /tmp/tmp.JoINW3l6dJ/grown-raw.json
//   --base-path
//   /tmp/tmp.JoINW3l6dJ/db
//   --database
//   paritydb
//   --warmup
//   5
//   --repeat
//   50
//   --weight-path
//   /tmp/tmp.JoINW3l6dJ/out3

use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_NANOS, Weight};
use sp_core::parameter_types;

parameter_types! {
	/// Weight of executing a NO-OP extrinsic, for example `System::remark`.
	/// Calculated by multiplying the *Average* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 109_464, 158_495
	///   Average:  119_646
	///   Median:   115_234
	///   Std-Dev:  10851.13
	///
	/// Percentiles nanoseconds:
	///   99th: 158_495
	///   95th: 146_155
	///   75th: 123_592
	pub const ExtrinsicBaseWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(119_646), 0);
}

#[cfg(test)]
mod test_weights {
	use frame_support::weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::ExtrinsicBaseWeight::get();

		// At least 10 µs.
		assert!(
			w.ref_time() >= 10u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 10 µs."
		);
		// At most 1 ms.
		assert!(
			w.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 1 ms."
		);
	}
}
