//! Placeholder: `scripts/benchmark-db.sh` overwrites this file with the weight of an empty block
//! that `despend-node benchmark overhead` measures.
pub mod constants {
	use frame_support::{
		parameter_types,
		weights::{constants::WEIGHT_REF_TIME_PER_NANOS, Weight},
	};

	parameter_types! {
		pub const BlockExecutionWeight: Weight =
			Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(431_614), 0);
	}
}
