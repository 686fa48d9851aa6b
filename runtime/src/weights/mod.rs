//! The weights every benchmark builds on, measured on this node (`scripts/benchmark-db.sh`):
//! a database read and write on ParityDB, an empty block, a no-op extrinsic; and the weights of
//! the polkadot-sdk pallets every transaction passes through (its extensions, its fee) or that
//! a transfer is, measured on this runtime (`scripts/benchmark.sh`), not taken from upstream's
//! reference machine and database.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_asset_conversion_tx_payment;
pub mod pallet_balances;
pub mod pallet_utility;
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
