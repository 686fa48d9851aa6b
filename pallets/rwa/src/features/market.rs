//! Stablecoin listings: owners list RWA-NFTs at a price, buyers pay the seller and receive the
//! NFT. (Trading in DSG uses pallet-nfts' own `set_price`/`buy_item` and swaps.)

use crate::*;
use despend_primitives::{OrderId, StakedRwa};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::Mutate as _,
		tokens::{
			nonfungibles_v2::{Inspect, Transfer},
			Preservation,
		},
		Contains,
	},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Whether `listing` of `item` can still be bought: its seller owns the item and the item
	/// is not staked.
	pub(crate) fn is_live(item: OrderId, listing: &ListingOf<T>) -> bool {
		let owned_by_seller = Collection::<T>::get()
			.and_then(|collection| T::Nfts::owner(&collection, &item))
			.is_some_and(|owner| owner == listing.seller);
		owned_by_seller && !T::StakedItems::is_staked(item)
	}

	/// List `item` for `price` in `asset` on behalf of its owner `who` (replacing any earlier
	/// listing).
	///
	/// Errors: `UnknownItem`, `NoCollection`, `NotOwner`, `ItemStaked`, `AssetNotAccepted`,
	/// `ZeroPrice`.
	pub(crate) fn do_list(
		who: T::AccountId,
		item: OrderId,
		asset: T::AssetKind,
		price: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(Items::<T>::contains_key(item), Error::<T>::UnknownItem);
		let collection = Self::collection()?;
		ensure!(T::Nfts::owner(&collection, &item).as_ref() == Some(&who), Error::<T>::NotOwner);
		ensure!(!T::StakedItems::is_staked(item), Error::<T>::ItemStaked);
		ensure!(T::ListingAssets::contains(&asset), Error::<T>::AssetNotAccepted);
		ensure!(!price.is_zero(), Error::<T>::ZeroPrice);

		Listings::<T>::insert(item, Listing { seller: who.clone(), asset: asset.clone(), price });
		Self::deposit_event(Event::Listed { item, seller: who, asset, price });
		Ok(())
	}

	/// End the listing of `item` on behalf of `who`: its seller, or anybody if it is stale.
	///
	/// Errors: `NotListed` (no listing), `NotSeller` (`who` is not the seller and the listing
	/// is still good).
	pub(crate) fn do_unlist(who: T::AccountId, item: OrderId) -> DispatchResult {
		let listing = Listings::<T>::get(item).ok_or(Error::<T>::NotListed)?;
		ensure!(listing.seller == who || !Self::is_live(item, &listing), Error::<T>::NotSeller);
		Listings::<T>::remove(item);
		Self::deposit_event(Event::Unlisted { item, seller: listing.seller });
		Ok(())
	}

	/// `buyer` buys listed `item`: the price moves from the buyer to the seller (the buyer's
	/// account is kept alive), then the NFT moves to the buyer and the listing ends.
	///
	/// Errors: `NotListed` (no listing, or a stale one), `CannotBuyOwnItem`, `PriceTooHigh`
	/// (price above `max_price`), `NoCollection`, the asset's error if the buyer cannot pay,
	/// the NFT pallet's error if the item cannot move.
	pub(crate) fn do_buy(
		buyer: T::AccountId,
		item: OrderId,
		max_price: BalanceOf<T>,
	) -> DispatchResult {
		let listing = Listings::<T>::get(item).ok_or(Error::<T>::NotListed)?;
		ensure!(Self::is_live(item, &listing), Error::<T>::NotListed);
		ensure!(listing.seller != buyer, Error::<T>::CannotBuyOwnItem);
		ensure!(listing.price <= max_price, Error::<T>::PriceTooHigh);
		let collection = Self::collection()?;

		T::Assets::transfer(
			listing.asset.clone(),
			&buyer,
			&listing.seller,
			listing.price,
			Preservation::Preserve,
		)?;
		// A listed item is locked in pallet-nfts: the listing ends first, then it moves.
		Listings::<T>::remove(item);
		T::Nfts::transfer(&collection, &item, &buyer)?;

		Self::deposit_event(Event::Sold {
			item,
			seller: listing.seller,
			buyer,
			asset: listing.asset,
			price: listing.price,
		});
		Ok(())
	}
}
