//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-07 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `block`, LONG-NAME: `BlockExecution`, RUNTIME: `despend`
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
	/// Weight of executing an empty block.
	/// Calculated by multiplying the *Average* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 407_504, 528_423
	///   Average:  436_452
	///   Median:   423_989
	///   Std-Dev:  29172.79
	///
	/// Percentiles nanoseconds:
	///   99th: 528_423
	///   95th: 513_100
	///   75th: 452_039
	pub const BlockExecutionWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(436_452), 0);
}

#[cfg(test)]
mod test_weights {
	use frame_support::weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::BlockExecutionWeight::get();

		// At least 100 µs.
		assert!(
			w.ref_time() >= 100u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 100 µs."
		);
		// At most 50 ms.
		assert!(
			w.ref_time() <= 50u64 * constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 50 ms."
		);
	}
}
