//! Placeholder: `scripts/benchmark-db.sh` overwrites this file with the read and write weights
//! `despend-node benchmark storage` measures on ParityDB.
pub mod constants {
	use frame_support::{
		parameter_types,
		weights::{constants, RuntimeDbWeight},
	};

	parameter_types! {
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			read: 8_000 * constants::WEIGHT_REF_TIME_PER_NANOS,
			write: 50_000 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}
}
