//! # RWA pallet: one NFT per settled order
//!
//! Every order that settles (the moment its money moves, see the orders pallet) becomes an
//! RWA-NFT: item `order id` of one pallet-nfts collection owned by this pallet's account, minted
//! to the buyer. The NFT records the purchase in one record nobody but this pallet can write
//! (product, merchant, sale amount and asset, sale in USD, settlement block, tracking hash,
//! metadata CID: see [`RwaRecord`]) and carries income rights: staked into the dividend
//! pool (pallet-dividends, through [`despend_primitives::RwaItems`]) it earns a share of the
//! pool weighted by its sale in USD.
//!
//! ## Money flow
//! The pallet takes no fee. Minting costs pallet-nfts' item deposit, if the runtime sets one,
//! paid by the pallet's account (never by the buyer, who may hold only stablecoins); DeSpend's
//! runtime sets none, so no pot can run dry. Holders trade their NFTs:
//! - in DSG on pallet-nfts' own market (`set_price`/`buy_item`, swaps), nothing to do here;
//! - in a stablecoin on this pallet's listings: [`Pallet::list`], [`Pallet::unlist`],
//!   [`Pallet::buy`] (the buyer pays the seller directly, the NFT moves to the buyer).
//!
//! A staked NFT cannot move: the runtime gives pallet-nfts [`RwaLocker`] as its `Locker`, which
//! asks `Config::StakedItems` (the dividend pool) about items of the RWA collection, and
//! staking ends the item's listing ([`despend_primitives::RwaItems::on_staked`]).
//!
//! Merchants append traceability records (hashes of off-chain documents) to the NFTs of their
//! orders with [`Pallet::append_trace`].
//!
//! ## What the runtime must provide
//! - `Nfts = pallet_nfts::Pallet<Runtime>` (through the `nonfungibles_v2` traits), with
//!   `ItemId = u64` (an [`despend_primitives::OrderId`]) and `Locker = RwaLocker<Runtime>`.
//! - The pallet account ([`Pallet::account_id`]) funded with DSG: the existential deposit, the
//!   collection deposit and, if pallet-nfts charges one, an item deposit per RWA-NFT ever
//!   minted. A mint that cannot be paid for does not fail the settlement: it emits
//!   [`Event::MintFailed`].
//! - A call filter that refuses pallet-nfts' `burn` for the RWA collection, if the chain wants
//!   every settled order to keep its NFT (the `try_state` check "every record has its NFT"
//!   assumes it).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// This pallet's account (derived from `Config::PalletId`), as a `Get` for the runtime to hand
/// to the pallets that pay into it.
pub struct PalletAccount<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<T::AccountId> for PalletAccount<T> {
	fn get() -> T::AccountId {
		Pallet::<T>::account_id()
	}
}

/// What benchmarks need from the runtime to set up the other pallets' state.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetKind> {
	/// An asset of `Config::ListingAssets` that exists (create it if needed), so accounts can be
	/// given some with `fungibles::Mutate::mint_into`.
	fn listing_asset() -> AssetKind;
	/// Give `who` enough of the native token to pay pallet-nfts' collection and item deposits.
	fn fund_deposits(who: &AccountId);
}

mod features;
mod impl_traits;
mod invariants;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use impl_traits::RwaLocker;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::rwa";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use despend_primitives::{OrderId, StakedRwa};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			tokens::{fungibles, nonfungibles_v2},
			Contains,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The NFT pallet holding the RWA collection (the runtime's pallet-nfts).
		type Nfts: nonfungibles_v2::Inspect<
				Self::AccountId,
				ItemId = OrderId,
				CollectionId = Self::CollectionId,
			> + nonfungibles_v2::Create<Self::AccountId, Self::NftCollectionConfig>
			+ nonfungibles_v2::Mutate<Self::AccountId, Self::NftItemConfig>
			+ nonfungibles_v2::Transfer<Self::AccountId>;

		/// The collection id type of `Nfts`.
		type CollectionId: Parameter + MaxEncodedLen + Copy;

		/// The collection configuration type of `Nfts` (pallet-nfts: `CollectionConfigFor`).
		type NftCollectionConfig;

		/// The item configuration type of `Nfts` (pallet-nfts: `ItemConfig`).
		type NftItemConfig;

		/// The configuration the RWA collection is created with (deposits required, items
		/// transferable, minting by the issuer only: the pallet's account).
		type CollectionConfig: Get<Self::NftCollectionConfig>;

		/// The configuration every RWA-NFT is minted with.
		type ItemConfig: Get<Self::NftItemConfig>;

		/// What a payment's asset is (`NativeOrWithId<u32>`: DSG or a stablecoin).
		type AssetKind: Parameter + MaxEncodedLen;

		/// DSG and the stablecoins; listings are paid with them.
		type Assets: fungibles::Inspect<Self::AccountId, AssetId = Self::AssetKind>
			+ fungibles::Mutate<Self::AccountId>;

		/// The assets a listing may be priced in (the stablecoins). They should share one unit
		/// (USD, 6 decimals): a buyer's `max_price` bounds the number, whatever the asset.
		type ListingAssets: Contains<Self::AssetKind>;

		/// Which RWA-NFTs are staked in the dividend pool: those cannot be listed.
		type StakedItems: StakedRwa;

		/// The origin that may create the RWA collection when it is missing.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The pallet's id: its account owns the collection and pays the NFT deposits.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The most traceability records one RWA-NFT can carry.
		#[pallet::constant]
		type MaxTraceRecords: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets up other pallets' state for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::AssetKind>;
	}

	/// The RWA collection in `Config::Nfts`, once created.
	#[pallet::storage]
	pub type Collection<T: Config> = StorageValue<_, T::CollectionId, OptionQuery>;

	/// What the pallet keeps of each RWA-NFT's order (item id = order id).
	#[pallet::storage]
	pub type Items<T: Config> = StorageMap<_, Twox64Concat, OrderId, RwaRecordOf<T>, OptionQuery>;

	/// The traceability records of each RWA-NFT, oldest first.
	#[pallet::storage]
	pub type Traces<T: Config> = StorageMap<
		_,
		Twox64Concat,
		OrderId,
		BoundedVec<TraceRecordOf<T>, T::MaxTraceRecords>,
		ValueQuery,
	>;

	/// Stablecoin sale listings, by item.
	#[pallet::storage]
	pub type Listings<T: Config> = StorageMap<_, Twox64Concat, OrderId, ListingOf<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Unused: the genesis always creates the RWA collection.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The pallet account must hold the collection deposit by now (balances' genesis
			// comes first). If it does not, `AdminOrigin` can still create the collection.
			if let Err(error) = Pallet::<T>::do_create_collection() {
				log::error!(target: LOG_TARGET, "RWA collection not created at genesis: {error:?}");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The RWA collection was created.
		CollectionCreated {
			/// Its id in pallet-nfts.
			collection: T::CollectionId,
		},
		/// A settled order became an RWA-NFT, owned by its buyer.
		Minted {
			/// The item (= order) id.
			item: OrderId,
			/// The buyer, its first owner.
			owner: T::AccountId,
			/// The merchant who sold it.
			merchant: T::AccountId,
			/// The product bought.
			product: despend_primitives::ProductId,
			/// Its income weight: the sale in USD units.
			sale_usd: BalanceOf<T>,
		},
		/// A settled order could not be minted (the settlement itself stands).
		MintFailed {
			/// The item (= order) id.
			item: OrderId,
			/// Why (e.g. the pallet account could not pay the item deposit).
			error: DispatchError,
		},
		/// A merchant appended a traceability record to an RWA-NFT.
		TraceAppended {
			/// The item.
			item: OrderId,
			/// The merchant.
			merchant: T::AccountId,
			/// The record's hash.
			record_hash: H256,
		},
		/// An RWA-NFT was listed for sale (or its listing changed).
		Listed {
			/// The item.
			item: OrderId,
			/// Its owner, who gets the price.
			seller: T::AccountId,
			/// The asset of the price.
			asset: T::AssetKind,
			/// The price.
			price: BalanceOf<T>,
		},
		/// A listing ended without a sale (by its seller, as stale, or because the item was
		/// staked).
		Unlisted {
			/// The item.
			item: OrderId,
			/// Who had listed it.
			seller: T::AccountId,
		},
		/// A listed RWA-NFT was bought.
		Sold {
			/// The item.
			item: OrderId,
			/// The previous owner, who was paid.
			seller: T::AccountId,
			/// The new owner.
			buyer: T::AccountId,
			/// The asset paid.
			asset: T::AssetKind,
			/// The price paid.
			price: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The RWA collection already exists.
		CollectionAlreadyExists,
		/// The RWA collection has not been created yet.
		NoCollection,
		/// There is no RWA-NFT with this id.
		UnknownItem,
		/// Only the merchant who sold this order can append traceability records to its NFT.
		NotOrderMerchant,
		/// This RWA-NFT already carries the maximum number of traceability records.
		TooManyTraceRecords,
		/// Only the owner of this RWA-NFT can list it.
		NotOwner,
		/// This RWA-NFT is staked in the dividend pool: unstake it first.
		ItemStaked,
		/// Listings cannot be priced in this asset.
		AssetNotAccepted,
		/// A listing needs a price above zero.
		ZeroPrice,
		/// This RWA-NFT is not for sale (never listed, or its listing is stale: the item
		/// changed hands or was staked).
		NotListed,
		/// Only the seller can end a listing that is still valid.
		NotSeller,
		/// You already own this RWA-NFT.
		CannotBuyOwnItem,
		/// The price is above the maximum you accepted.
		PriceTooHigh,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create the RWA collection, owned by the pallet's account (which pays its deposit).
		///
		/// Only for `AdminOrigin`, and only while the collection does not exist (it is
		/// normally created at genesis).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_collection())]
		pub fn create_collection(origin: OriginFor<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_collection().map(|_| ())
		}

		/// Append the hash of a traceability record to RWA-NFT `item`.
		///
		/// Only the merchant who sold the item's order may, up to `MaxTraceRecords` records.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::append_trace())]
		pub fn append_trace(
			origin: OriginFor<T>,
			item: OrderId,
			record_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_append_trace(who, item, record_hash)
		}

		/// List RWA-NFT `item` for sale at `price` in `asset` (a stablecoin), or change its
		/// listing.
		///
		/// Only the owner, and only while the item is not staked in the dividend pool.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::list())]
		pub fn list(
			origin: OriginFor<T>,
			item: OrderId,
			asset: T::AssetKind,
			price: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_list(who, item, asset, price)
		}

		/// End the listing of `item`.
		///
		/// The seller may always; anybody may once the listing is stale (the seller no longer
		/// owns the item, or it is staked).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unlist())]
		pub fn unlist(origin: OriginFor<T>, item: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unlist(who, item)
		}

		/// Buy listed RWA-NFT `item`: pay its price to the seller and receive the NFT.
		///
		/// Fails with `PriceTooHigh` if the listed price exceeds `max_price`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::buy())]
		pub fn buy(origin: OriginFor<T>, item: OrderId, max_price: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_buy(who, item, max_price)
		}
	}
}
