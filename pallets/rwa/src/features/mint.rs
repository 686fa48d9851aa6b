//! Minting: every settled order becomes RWA-NFT `order id`, owned by the buyer.

use crate::*;
use codec::Encode;
use frame_support::{pallet_prelude::*, traits::tokens::nonfungibles_v2::Mutate};

impl<T: Config> Pallet<T> {
	/// Mint the RWA-NFT of `settlement`'s order to its buyer, with its attributes
	/// ([`types::attribute`]) in the pallet namespace, and remember its merchant, product and
	/// sale in USD. The pallet's account pays the item deposit.
	///
	/// Not transactional by itself: the caller rolls back on error. Errors: `NoCollection`,
	/// `AlreadyMinted`, or the NFT pallet's error (e.g. the item deposit cannot be paid).
	pub(crate) fn do_mint(settlement: &OrderSettlementOf<T>) -> DispatchResult {
		let collection = Self::collection()?;
		let item = settlement.order;
		ensure!(!Items::<T>::contains_key(item), Error::<T>::AlreadyMinted);

		// `true`: the collection owner (this pallet's account) pays the deposit, not the buyer.
		T::Nfts::mint_into(&collection, &item, &settlement.buyer, &T::ItemConfig::get(), true)?;

		let set = |key: &[u8], value: &[u8]| T::Nfts::set_attribute(&collection, &item, key, value);
		settlement.product.using_encoded(|v| set(attribute::PRODUCT, v))?;
		settlement.merchant.using_encoded(|v| set(attribute::MERCHANT, v))?;
		settlement.sale_amount.using_encoded(|v| set(attribute::SALE_AMOUNT, v))?;
		settlement.asset.using_encoded(|v| set(attribute::ASSET, v))?;
		settlement.sale_usd.using_encoded(|v| set(attribute::SALE_USD, v))?;
		settlement.settled_at.using_encoded(|v| set(attribute::SETTLED_AT, v))?;
		settlement.tracking_hash.using_encoded(|v| set(attribute::TRACKING_HASH, v))?;
		settlement.product_metadata.using_encoded(|v| set(attribute::METADATA_CID, v))?;

		Items::<T>::insert(
			item,
			RwaRecord {
				merchant: settlement.merchant.clone(),
				product: settlement.product,
				sale_usd: settlement.sale_usd,
			},
		);
		ItemsMinted::<T>::mutate(|count| *count = count.saturating_add(1));

		Self::deposit_event(Event::Minted {
			item,
			owner: settlement.buyer.clone(),
			merchant: settlement.merchant.clone(),
			product: settlement.product,
			sale_usd: settlement.sale_usd,
		});
		Ok(())
	}
}
