//! Minting: every settled order becomes RWA-NFT `order id`, owned by the buyer.

use crate::*;
use frame_support::{pallet_prelude::*, traits::tokens::nonfungibles_v2::Mutate};

impl<T: Config> Pallet<T> {
	/// Mint the RWA-NFT of `settlement`'s order to its buyer and record the purchase it stands
	/// for ([`RwaRecord`], one storage item). The pallet's account pays the item deposit, if
	/// pallet-nfts charges one.
	///
	/// Not transactional by itself: the caller rolls back on error. Errors: `NoCollection`, or
	/// the NFT pallet's error (the item exists already, the item deposit cannot be paid). An
	/// order id is never reused, and every record has its NFT, so pallet-nfts' own check that
	/// the item is new is the only one needed.
	pub(crate) fn do_mint(settlement: &OrderSettlementOf<T>) -> DispatchResult {
		let collection = Self::collection()?;
		let item = settlement.order;

		// `true`: the collection owner (this pallet's account) pays the deposit, not the buyer.
		T::Nfts::mint_into(&collection, &item, &settlement.buyer, &T::ItemConfig::get(), true)?;

		Items::<T>::insert(
			item,
			RwaRecord {
				merchant: settlement.merchant.clone(),
				product: settlement.product,
				asset: settlement.asset.clone(),
				sale_amount: settlement.sale_amount,
				sale_usd: settlement.sale_usd,
				settled_at: settlement.settled_at,
				tracking_hash: settlement.tracking_hash,
				product_metadata: settlement.product_metadata.clone(),
			},
		);

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
