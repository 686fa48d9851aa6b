//! The weights every benchmark builds on, measured on this node (`scripts/benchmark-db.sh`):
//! a database read and write on ParityDB, an empty block, a no-op extrinsic.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
