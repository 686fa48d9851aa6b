//! Placing, shipping, receiving and cancelling orders, and the timeout queue.

use crate::{pallet::*, types::*};
use despend_primitives::{usd_to_dsg, MemberTiers, OrderId, PriceOracle, ProductId, TrackingHash};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungibles::Mutate, tokens::Preservation, Get},
};
use sp_arithmetic::{
	traits::{CheckedMul, Saturating, Zero},
	Perbill, Rounding,
};

impl<T: Config> Pallet<T> {
	/// What `buyer` would pay for `quantity` units of `product` with `asset`: stablecoins pay
	/// the USD price one to one (they have the price's 6 decimals); DSG pays the discounted
	/// price at the oracle's DSG/USD rate, rounded up so the merchant is never short.
	/// Errors: `PriceOverflow`, `NoDsgPrice`.
	pub fn quote_for(
		buyer: &T::AccountId,
		product: &ProductOf<T>,
		quantity: u32,
		asset: &T::AssetKind,
	) -> Result<Quote<BalanceOf<T>>, DispatchError> {
		let total_usd = product
			.price_usd
			.checked_mul(&BalanceOf::<T>::from(quantity))
			.ok_or(Error::<T>::PriceOverflow)?;
		if *asset != T::NativeAsset::get() {
			return Ok(Quote {
				total_usd,
				discount: Perbill::zero(),
				amount: total_usd,
				amount_usd: total_usd,
			});
		}
		let discount = T::DsgPaymentDiscount::get()
			.saturating_add(T::Members::benefits(buyer).dsg_payment_discount)
			.min(T::MaxDsgDiscount::get());
		let amount_usd = total_usd.saturating_sub(discount.mul_floor(total_usd));
		let price = T::PriceOracle::dsg_usd_price().ok_or(Error::<T>::NoDsgPrice)?;
		let usd: u128 = amount_usd.try_into().map_err(|_| Error::<T>::PriceOverflow)?;
		let dsg = usd_to_dsg(usd, price, Rounding::Up).ok_or(Error::<T>::PriceOverflow)?;
		let amount = BalanceOf::<T>::try_from(dsg).map_err(|_| Error::<T>::PriceOverflow)?;
		Ok(Quote { total_usd, discount, amount, amount_usd })
	}

	/// What `buyer` would pay for `quantity` of `product` with `asset` (for wallets and the
	/// runtime API). Refuses exactly what [`Self::do_place_order`] refuses before it holds the
	/// payment, with the same errors.
	pub fn quote(
		buyer: &T::AccountId,
		product: ProductId,
		quantity: u32,
		asset: &T::AssetKind,
	) -> Result<Quote<BalanceOf<T>>, DispatchError> {
		Self::checked_quote(buyer, product, quantity, asset).map(|(_, quote)| quote)
	}

	/// The product and the quote of an order `buyer` may place.
	/// Errors: `InvalidQuantity`, `UnknownProduct`, `ProductNotListed`, `CannotBuyOwnProduct`,
	/// `NotMerchant`, `MerchantSuspended`, `AssetNotAccepted`, `InsufficientStock`,
	/// `PriceOverflow`, `OrderTooSmall`, `NoDsgPrice`.
	fn checked_quote(
		buyer: &T::AccountId,
		product_id: ProductId,
		quantity: u32,
		asset: &T::AssetKind,
	) -> Result<(ProductOf<T>, Quote<BalanceOf<T>>), DispatchError> {
		ensure!(quantity > 0 && quantity <= T::MaxQuantity::get(), Error::<T>::InvalidQuantity);
		let product = Products::<T>::get(product_id).ok_or(Error::<T>::UnknownProduct)?;
		ensure!(product.status == ProductStatus::Listed, Error::<T>::ProductNotListed);
		ensure!(product.merchant != *buyer, Error::<T>::CannotBuyOwnProduct);
		let merchant = Merchants::<T>::get(&product.merchant).ok_or(Error::<T>::NotMerchant)?;
		ensure!(merchant.status == MerchantStatus::Active, Error::<T>::MerchantSuspended);
		ensure!(product.accepted_assets.contains(asset), Error::<T>::AssetNotAccepted);
		ensure!(product.stock >= quantity, Error::<T>::InsufficientStock);
		let quote = Self::quote_for(buyer, &product, quantity, asset)?;
		ensure!(quote.total_usd >= T::MinOrderValue::get(), Error::<T>::OrderTooSmall);
		Ok((product, quote))
	}

	/// Places an order: moves the payment from `buyer` to the escrow account, reserves the stock,
	/// and starts the ship deadline. A DSG payment takes only unfrozen DSG.
	/// Errors: those of [`Self::quote`], `TotalAboveMax`, `IdOverflow`, `FundsFrozen`,
	/// `InsufficientBalance`.
	pub(crate) fn do_place_order(
		buyer: T::AccountId,
		product_id: ProductId,
		quantity: u32,
		asset: T::AssetKind,
		max_total: BalanceOf<T>,
	) -> DispatchResult {
		let (mut product, quote) = Self::checked_quote(&buyer, product_id, quantity, &asset)?;
		ensure!(quote.amount <= max_total, Error::<T>::TotalAboveMax);

		let order_id = NextOrderId::<T>::get();
		let next = order_id.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		product.open_orders = product.open_orders.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		product.stock = product.stock.saturating_sub(quantity);

		if asset == T::NativeAsset::get() {
			Self::ensure_unfrozen(&buyer, quote.amount, Error::<T>::InsufficientBalance)?;
		}
		// `Preserve`: the buyer's account stays alive, so it can take a refund back.
		T::Assets::transfer(
			asset.clone(),
			&buyer,
			&T::EscrowAccount::get(),
			quote.amount,
			Preservation::Preserve,
		)
		.map_err(|_| Error::<T>::InsufficientBalance)?;

		let now = frame_system::Pallet::<T>::block_number();
		let deadline = now.saturating_add(T::ShipDeadline::get());
		let order = Order {
			buyer: buyer.clone(),
			merchant: product.merchant.clone(),
			product: product_id,
			quantity,
			asset: asset.clone(),
			amount: quote.amount,
			amount_usd: quote.amount_usd,
			experience_fee: product.experience_fee,
			product_metadata: product.metadata.clone(),
			status: OrderStatus::Placed,
			placed_at: now,
			deadline,
			due: Some(Self::schedule(order_id, deadline)),
			tracking: None,
			received_at: None,
		};
		Products::<T>::insert(product_id, product);
		Orders::<T>::insert(order_id, order);
		NextOrderId::<T>::put(next);

		Self::deposit_event(Event::OrderPlaced {
			order: order_id,
			buyer,
			product: product_id,
			quantity,
			asset,
			amount: quote.amount,
			amount_usd: quote.amount_usd,
		});
		Ok(())
	}

	/// The merchant ships `order_id` before its ship deadline; starts the auto-confirm period.
	/// Errors: `UnknownOrder`, `NotOrderMerchant`, `InvalidOrderState`, `DeadlinePassed`.
	pub(crate) fn do_mark_shipped(
		who: T::AccountId,
		order_id: OrderId,
		tracking: TrackingHash,
	) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.merchant == who, Error::<T>::NotOrderMerchant);
		ensure!(order.status == OrderStatus::Placed, Error::<T>::InvalidOrderState);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < order.deadline, Error::<T>::DeadlinePassed);
		order.status = OrderStatus::Shipped;
		order.tracking = Some(tracking);
		Self::reschedule(order_id, &mut order, now.saturating_add(T::AutoConfirmPeriod::get()));
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::OrderShipped { order: order_id, tracking });
		Ok(())
	}

	/// Confirms receipt of a shipped order: by the buyer at any time; by anyone else (or by
	/// `on_idle`, `who = None`) once the auto-confirm deadline has passed. Starts the
	/// after-sales window. Errors: `UnknownOrder`, `InvalidOrderState`, `NotBuyer`.
	pub(crate) fn do_confirm_receipt(
		who: Option<T::AccountId>,
		order_id: OrderId,
	) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.status == OrderStatus::Shipped, Error::<T>::InvalidOrderState);
		let now = frame_system::Pallet::<T>::block_number();
		let by_buyer = who.as_ref() == Some(&order.buyer);
		ensure!(by_buyer || now >= order.deadline, Error::<T>::NotBuyer);
		order.status = OrderStatus::Received;
		order.received_at = Some(now);
		Self::reschedule(order_id, &mut order, now.saturating_add(T::AfterSalesPeriod::get()));
		Orders::<T>::insert(order_id, order);
		Self::deposit_event(Event::OrderReceived { order: order_id, by: who });
		Ok(())
	}

	/// Cancels an order that was not shipped: by the buyer at any time; by anyone else (or
	/// `on_idle`) once the ship deadline has passed. Refunds in full and returns the stock.
	/// Errors: `UnknownOrder`, `InvalidOrderState`, `NotBuyer`.
	pub(crate) fn do_cancel_order(who: Option<T::AccountId>, order_id: OrderId) -> DispatchResult {
		let mut order = Orders::<T>::get(order_id).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.status == OrderStatus::Placed, Error::<T>::InvalidOrderState);
		let now = frame_system::Pallet::<T>::block_number();
		let by_buyer = who.as_ref() == Some(&order.buyer);
		ensure!(by_buyer || now >= order.deadline, Error::<T>::NotBuyer);

		Self::release_escrow(order_id, &order, order.amount)?;
		Self::unschedule(order_id, &mut order);
		let product = Products::<T>::get(order.product).map(|mut product| {
			product.stock = product.stock.saturating_add(order.quantity);
			product
		});
		Orders::<T>::remove(order_id);
		Self::close_order_of(order.product, product)?;
		Self::deposit_event(Event::OrderCancelled { order: order_id, by: who });
		Ok(())
	}

	/// Pays `amount` of `order`'s escrow back to the buyer, or to the treasury if the buyer's
	/// account cannot take it (it was emptied and the amount is below the asset's minimum).
	/// The escrow account keeps its own minimum (`Preserve`).
	pub(crate) fn release_escrow(
		order_id: OrderId,
		order: &OrderOf<T>,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		let mut to = order.buyer.clone();
		if !Self::can_receive(&order.asset, &to, amount) {
			Self::deposit_event(Event::PaymentRedirected { order: order_id, intended: to, amount });
			to = T::TreasuryAccount::get();
		}
		T::Assets::transfer(
			order.asset.clone(),
			&T::EscrowAccount::get(),
			&to,
			amount,
			Preservation::Preserve,
		)?;
		Ok(())
	}
}
