//! Genesis values of pallet-parameters' dynamic parameters, so a network's preset can start
//! with its own rates and periods (the development chain's short periods) instead of the
//! production defaults. pallet-parameters itself has no genesis configuration.
//!
//! Each entry is a SCALE-encoded `RuntimeParameters` (hex in the chain spec JSON); the presets
//! build them from typed values in `genesis_config_presets.rs`.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use alloc::vec::Vec;
	use codec::Decode;
	use frame_support::{pallet_prelude::*, traits::dynamic_params::AggregatedKeyValue};

	#[pallet::config]
	pub trait Config: frame_system::Config + pallet_parameters::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// SCALE-encoded `RuntimeParameters` to set at genesis.
		pub parameters: Vec<sp_core::Bytes>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for raw in &self.parameters {
				// A chain spec whose parameters do not decode is invalid: refuse to build it.
				#[allow(clippy::expect_used)]
				let parameter = T::RuntimeParameters::decode(&mut &raw[..])
					.expect("genesis parameters must be SCALE-encoded RuntimeParameters");
				let (key, value) = parameter.into_parts();
				pallet_parameters::Parameters::<T>::set(key, value);
			}
		}
	}
}
