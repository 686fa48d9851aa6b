//! Genesis DSG/stablecoin pools of pallet-asset-conversion, so a development chain takes fees
//! in USDT and USDC (and swaps them for DSG) from its first block. pallet-asset-conversion has
//! no genesis configuration of its own.
//!
//! Each pool is created and seeded by a liquidity account that the preset funds for that
//! purpose: its DSG and stablecoin amounts set the pool's starting price.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use alloc::{boxed::Box, vec::Vec};
	use frame_support::{pallet_prelude::*, traits::fungible::NativeOrWithId};
	use frame_system::RawOrigin;

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_asset_conversion::Config<AssetKind = NativeOrWithId<u32>, Balance = u128>
	{
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(provider, stablecoin id, DSG, stablecoin)`: `provider` creates the pool of DSG
		/// and the stablecoin and adds that much of each.
		pub pools: Vec<(T::AccountId, u32, u128, u128)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (provider, stablecoin, dsg, usd) in &self.pools {
				let native = Box::new(NativeOrWithId::Native);
				let asset = Box::new(NativeOrWithId::WithId(*stablecoin));
				let origin = || RawOrigin::Signed(provider.clone()).into();
				// A preset whose pools cannot be created is invalid: refuse to build it.
				#[allow(clippy::expect_used)]
				{
					pallet_asset_conversion::Pallet::<T>::create_pool(
						origin(),
						native.clone(),
						asset.clone(),
					)
					.expect("genesis pools can be created");
					pallet_asset_conversion::Pallet::<T>::add_liquidity(
						origin(),
						native,
						asset,
						*dsg,
						*usd,
						*dsg,
						*usd,
						provider.clone(),
					)
					.expect("genesis pools can be seeded");
				}
			}
		}
	}
}
