//! Merchants, categories and products.

use crate::{pallet::*, types::*};
use despend_primitives::{CategoryId, Cid, ProductId, QualityStandardId, QualityStandards};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Contains, Get},
};
use sp_arithmetic::{traits::Zero, Perbill};

impl<T: Config> Pallet<T> {
	/// Registers `who` as a merchant with profile `metadata`, holding `MerchantDeposit`.
	/// Errors: `AlreadyMerchant`, `CannotHoldDeposit`.
	pub(crate) fn do_register_merchant(who: T::AccountId, metadata: Cid) -> DispatchResult {
		ensure!(!Merchants::<T>::contains_key(&who), Error::<T>::AlreadyMerchant);
		let deposit = T::MerchantDeposit::get();
		Self::hold_deposit(HoldReason::MerchantDeposit, &who, deposit)?;
		Merchants::<T>::insert(
			&who,
			Merchant { deposit, metadata, status: MerchantStatus::Active, products: 0 },
		);
		Self::deposit_event(Event::MerchantRegistered { merchant: who, deposit });
		Ok(())
	}

	/// Replaces `who`'s profile. Errors: `NotMerchant`.
	pub(crate) fn do_update_merchant(who: T::AccountId, metadata: Cid) -> DispatchResult {
		Merchants::<T>::try_mutate(&who, |merchant| -> DispatchResult {
			let merchant = merchant.as_mut().ok_or(Error::<T>::NotMerchant)?;
			merchant.metadata = metadata;
			Ok(())
		})?;
		Self::deposit_event(Event::MerchantUpdated { merchant: who });
		Ok(())
	}

	/// Removes `who` as a merchant and releases its deposit. A merchant without products has
	/// no open orders: a delisted product stays until its last order closes.
	/// Errors: `NotMerchant`, `MerchantHasProducts`.
	pub(crate) fn do_deregister_merchant(who: T::AccountId) -> DispatchResult {
		let merchant = Merchants::<T>::get(&who).ok_or(Error::<T>::NotMerchant)?;
		ensure!(merchant.products == 0, Error::<T>::MerchantHasProducts);
		T::Currency::release(
			&HoldReason::MerchantDeposit.into(),
			&who,
			merchant.deposit,
			Precision::BestEffort,
		)?;
		Merchants::<T>::remove(&who);
		Self::deposit_event(Event::MerchantDeregistered { merchant: who });
		Ok(())
	}

	/// Suspends or resumes `merchant`.
	/// Errors: `NotMerchant`, `MerchantSuspended` (already), `MerchantNotSuspended`.
	pub(crate) fn do_set_merchant_status(
		merchant: T::AccountId,
		status: MerchantStatus,
	) -> DispatchResult {
		Merchants::<T>::try_mutate(&merchant, |info| -> DispatchResult {
			let info = info.as_mut().ok_or(Error::<T>::NotMerchant)?;
			match status {
				MerchantStatus::Suspended => {
					ensure!(info.status == MerchantStatus::Active, Error::<T>::MerchantSuspended)
				},
				MerchantStatus::Active => ensure!(
					info.status == MerchantStatus::Suspended,
					Error::<T>::MerchantNotSuspended
				),
			}
			info.status = status;
			Ok(())
		})?;
		Self::deposit_event(match status {
			MerchantStatus::Suspended => Event::MerchantSuspended { merchant },
			MerchantStatus::Active => Event::MerchantResumed { merchant },
		});
		Ok(())
	}

	/// Launches an active category called `name`. Errors: `IdOverflow`.
	pub(crate) fn do_create_category(name: CategoryNameOf<T>) -> DispatchResult {
		let category = NextCategoryId::<T>::get();
		let next = category.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		Categories::<T>::insert(category, Category { name: name.clone(), active: true });
		NextCategoryId::<T>::put(next);
		Self::deposit_event(Event::CategoryCreated { category, name });
		Ok(())
	}

	/// Switches `category` on or off. Errors: `UnknownCategory`, `CategoryStatusUnchanged`.
	pub(crate) fn do_set_category_status(category: CategoryId, active: bool) -> DispatchResult {
		Categories::<T>::try_mutate(category, |info| -> DispatchResult {
			let info = info.as_mut().ok_or(Error::<T>::UnknownCategory)?;
			ensure!(info.active != active, Error::<T>::CategoryStatusUnchanged);
			info.active = active;
			Ok(())
		})?;
		Self::deposit_event(Event::CategoryStatusChanged { category, active });
		Ok(())
	}

	/// Lists a product of `merchant`, holding `ProductDeposit`.
	/// Errors: `NotMerchant`, `MerchantSuspended`, `UnknownCategory`, `CategoryInactive`,
	/// `ZeroPrice`, `NoPaymentAsset`, `UnsupportedAsset`,
	/// `ExperienceFeeOutOfBounds`, `UnusableQualityStandard`, `IdOverflow`, `CannotHoldDeposit`.
	pub(crate) fn do_list_product(
		merchant: T::AccountId,
		category: CategoryId,
		price_usd: BalanceOf<T>,
		stock: u32,
		accepted_assets: AcceptedAssetsOf<T>,
		experience_fee: Option<Perbill>,
		quality_standard: Option<QualityStandardId>,
		metadata: Cid,
	) -> DispatchResult {
		let merchant_info = Merchants::<T>::get(&merchant).ok_or(Error::<T>::NotMerchant)?;
		ensure!(merchant_info.status == MerchantStatus::Active, Error::<T>::MerchantSuspended);
		let category_info = Categories::<T>::get(category).ok_or(Error::<T>::UnknownCategory)?;
		ensure!(category_info.active, Error::<T>::CategoryInactive);
		ensure!(!price_usd.is_zero(), Error::<T>::ZeroPrice);
		let accepted_assets = Self::validate_assets(accepted_assets)?;
		let experience_fee = experience_fee.unwrap_or_else(T::DefaultExperienceFee::get);
		ensure!(
			experience_fee >= T::MinExperienceFee::get()
				&& experience_fee <= T::MaxExperienceFee::get(),
			Error::<T>::ExperienceFeeOutOfBounds
		);
		if let Some(standard) = quality_standard {
			ensure!(
				T::QualityStandards::is_usable(standard, category),
				Error::<T>::UnusableQualityStandard
			);
		}
		let product = NextProductId::<T>::get();
		let next = product.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		let products = merchant_info.products.checked_add(1).ok_or(Error::<T>::IdOverflow)?;

		let deposit = T::ProductDeposit::get();
		Self::hold_deposit(HoldReason::ProductDeposit, &merchant, deposit)?;
		Products::<T>::insert(
			product,
			Product {
				merchant: merchant.clone(),
				category,
				price_usd,
				stock,
				accepted_assets,
				experience_fee,
				quality_standard,
				metadata,
				deposit,
				status: ProductStatus::Listed,
				open_orders: 0,
			},
		);
		NextProductId::<T>::put(next);
		Merchants::<T>::mutate(&merchant, |m| {
			if let Some(m) = m {
				m.products = products;
			}
		});
		Self::deposit_event(Event::ProductListed {
			product,
			merchant,
			category,
			price_usd,
			stock,
			experience_fee,
		});
		Ok(())
	}

	/// The accepted assets, checked: non-empty, no duplicates, all payment assets.
	fn validate_assets(bounded: AcceptedAssetsOf<T>) -> Result<AcceptedAssetsOf<T>, DispatchError> {
		ensure!(!bounded.is_empty(), Error::<T>::NoPaymentAsset);
		for (i, asset) in bounded.iter().enumerate() {
			ensure!(T::PaymentAssets::contains(asset), Error::<T>::UnsupportedAsset);
			ensure!(!bounded.iter().skip(i + 1).any(|a| a == asset), Error::<T>::UnsupportedAsset);
		}
		Ok(bounded)
	}

	/// Updates what is given of `product`'s price, stock and description.
	/// Errors: `NothingToUpdate`, `UnknownProduct`, `NotProductMerchant`, `ProductNotListed`,
	/// `ZeroPrice`.
	pub(crate) fn do_update_product(
		who: T::AccountId,
		product: ProductId,
		price_usd: Option<BalanceOf<T>>,
		stock: Option<u32>,
		metadata: Option<Cid>,
	) -> DispatchResult {
		ensure!(
			price_usd.is_some() || stock.is_some() || metadata.is_some(),
			Error::<T>::NothingToUpdate
		);
		let (price_usd, stock) = Products::<T>::try_mutate(product, |info| {
			let info = info.as_mut().ok_or(Error::<T>::UnknownProduct)?;
			ensure!(info.merchant == who, Error::<T>::NotProductMerchant);
			ensure!(info.status == ProductStatus::Listed, Error::<T>::ProductNotListed);
			if let Some(price) = price_usd {
				ensure!(!price.is_zero(), Error::<T>::ZeroPrice);
				info.price_usd = price;
			}
			if let Some(stock) = stock {
				info.stock = stock;
			}
			if let Some(metadata) = metadata {
				info.metadata = metadata;
			}
			Ok::<_, DispatchError>((info.price_usd, info.stock))
		})?;
		Self::deposit_event(Event::ProductUpdated { product, price_usd, stock });
		Ok(())
	}

	/// Takes `product` off sale; removes it at once if it has no open orders.
	/// Errors: `UnknownProduct`, `NotProductMerchant`, `ProductNotListed`.
	pub(crate) fn do_delist_product(who: T::AccountId, product: ProductId) -> DispatchResult {
		let mut info = Products::<T>::get(product).ok_or(Error::<T>::UnknownProduct)?;
		ensure!(info.merchant == who, Error::<T>::NotProductMerchant);
		ensure!(info.status == ProductStatus::Listed, Error::<T>::ProductNotListed);
		info.status = ProductStatus::Delisted;
		Products::<T>::insert(product, &info);
		Self::deposit_event(Event::ProductDelisted { product });
		if info.open_orders == 0 {
			Self::remove_product(product, info)?;
		}
		Ok(())
	}

	/// Removes a delisted product with no open orders and releases its deposit.
	pub(crate) fn remove_product(product: ProductId, info: ProductOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::ProductDeposit.into(),
			&info.merchant,
			info.deposit,
			Precision::BestEffort,
		)?;
		Products::<T>::remove(product);
		Merchants::<T>::mutate(&info.merchant, |m| {
			if let Some(m) = m {
				m.products = m.products.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::ProductRemoved { product });
		Ok(())
	}

	/// Books the close of an order of `product`: its open-order count goes down, and a
	/// delisted product whose last order closed is removed.
	pub(crate) fn note_order_closed(product: ProductId) -> DispatchResult {
		Self::close_order_of(product, Products::<T>::get(product))
	}

	/// [`Self::note_order_closed`] with the product's record (`info`) already read.
	pub(crate) fn close_order_of(product: ProductId, info: Option<ProductOf<T>>) -> DispatchResult {
		if let Some(mut info) = info {
			info.open_orders = info.open_orders.saturating_sub(1);
			if info.status == ProductStatus::Delisted && info.open_orders == 0 {
				Self::remove_product(product, info)?;
			} else {
				Products::<T>::insert(product, info);
			}
		}
		Ok(())
	}
}
