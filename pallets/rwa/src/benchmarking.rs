//! Benchmarks of the RWA pallet: every call and the settlement hook, each in its worst case.

use super::*;
use crate::Pallet as Rwa;
use alloc::vec;
use despend_primitives::{
	Cid, OnOrderSettled, OrderId, OrderSettlement, RwaItems, SettlementParts, MAX_CID_LEN,
};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::fungibles::{Inspect as _, Mutate as _},
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::Saturating;

/// Makes sure the collection exists and the pallet account can pay item deposits.
fn prepare<T: Config>() {
	T::BenchmarkHelper::fund_deposits(&Rwa::<T>::account_id());
	if Collection::<T>::get().is_none() {
		let _ = Rwa::<T>::do_create_collection();
	}
}

/// A settlement of `order` with every optional field filled and the longest metadata CID.
fn settlement<T: Config>(order: OrderId, buyer: &T::AccountId) -> OrderSettlementOf<T> {
	let sale: BalanceOf<T> = 1_000_000_000u32.into();
	OrderSettlement {
		product: u32::MAX,
		category: u32::MAX,
		quality_standard: Some(u32::MAX),
		quantity: u32::MAX,
		parts: SettlementParts { merchant: sale, ..Default::default() },
		tracking_hash: Some(H256::repeat_byte(0xff)),
		product_metadata: Cid::truncate_from(vec![b'x'; MAX_CID_LEN as usize]),
		settled_at: frame_system::Pallet::<T>::block_number(),
		..OrderSettlement::sale(
			order,
			buyer.clone(),
			account("merchant", 0, 0),
			T::BenchmarkHelper::listing_asset(),
			sale,
		)
	}
}

/// Mints RWA-NFT `order` to `owner`.
fn mint<T: Config>(order: OrderId, owner: &T::AccountId) -> Result<(), BenchmarkError> {
	prepare::<T>();
	Rwa::<T>::do_mint(&settlement::<T>(order, owner))
		.map_err(|_| BenchmarkError::Stop("the RWA-NFT could not be minted"))
}

/// Lists RWA-NFT `order` of `seller` in the helper's listing asset.
fn list_item<T: Config>(
	order: OrderId,
	seller: &T::AccountId,
	price: BalanceOf<T>,
) -> DispatchResult {
	Rwa::<T>::do_list(seller.clone(), order, T::BenchmarkHelper::listing_asset(), price)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_collection() -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::fund_deposits(&Rwa::<T>::account_id());
		Collection::<T>::kill();
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert!(Collection::<T>::get().is_some());
		Ok(())
	}

	#[benchmark]
	fn on_order_settled() {
		prepare::<T>();
		let buyer: T::AccountId = account("buyer", 0, 0);
		let settlement = settlement::<T>(1, &buyer);

		#[block]
		{
			let _ = <Rwa<T> as OnOrderSettled<_, _, _, _>>::on_order_settled(&settlement);
		}

		assert!(Items::<T>::contains_key(1));
		assert_eq!(<Rwa<T> as RwaItems<_, _>>::owner(1), Some(buyer));
	}

	#[benchmark]
	fn append_trace() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		mint::<T>(1, &owner)?;
		let merchant: T::AccountId = account("merchant", 0, 0);
		// The longest list that still takes one more record.
		let max = T::MaxTraceRecords::get();
		for i in 1..max {
			let mut record = [0u8; 32];
			record.iter_mut().zip(i.to_le_bytes()).for_each(|(byte, value)| *byte = value);
			Rwa::<T>::do_append_trace(merchant.clone(), 1, H256(record))?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(merchant), 1, H256::repeat_byte(1));

		assert_eq!(Traces::<T>::get(1).len() as u32, max);
		Ok(())
	}

	#[benchmark]
	fn list() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		mint::<T>(1, &owner)?;
		let asset = T::BenchmarkHelper::listing_asset();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), 1, asset, 100u32.into());

		assert!(Listings::<T>::contains_key(1));
		Ok(())
	}

	#[benchmark]
	fn unlist() -> Result<(), BenchmarkError> {
		// Worst case: a stranger ends a stale listing (its seller no longer owns the item: a
		// listing left from before items were locked while listed), which reads the owner
		// and the staking state.
		let seller: T::AccountId = account("seller", 0, 0);
		mint::<T>(1, &seller)?;
		Listings::<T>::insert(
			1,
			Listing {
				seller: account("old_seller", 0, 0),
				asset: T::BenchmarkHelper::listing_asset(),
				price: 100u32.into(),
			},
		);
		let stranger: T::AccountId = account("stranger", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(stranger), 1);

		assert!(!Listings::<T>::contains_key(1));
		Ok(())
	}

	#[benchmark]
	fn buy() -> Result<(), BenchmarkError> {
		let seller: T::AccountId = account("seller", 0, 0);
		let buyer: T::AccountId = account("buyer", 0, 0);
		mint::<T>(1, &seller)?;
		let price: BalanceOf<T> = 1_000_000u32.into();
		list_item::<T>(1, &seller, price)?;
		let asset = T::BenchmarkHelper::listing_asset();
		let funds = price
			.saturating_mul(2u32.into())
			.saturating_add(T::Assets::minimum_balance(asset.clone()));
		T::Assets::mint_into(asset.clone(), &buyer, funds)?;
		// The seller's asset account exists, as a listing's seller's usually does.
		T::Assets::mint_into(asset, &seller, funds)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), 1, price);

		assert_eq!(<Rwa<T> as RwaItems<_, _>>::owner(1), Some(buyer));
		Ok(())
	}

	#[benchmark]
	fn on_staked() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		mint::<T>(1, &owner)?;
		list_item::<T>(1, &owner, 100u32.into())?;

		#[block]
		{
			<Rwa<T> as RwaItems<_, _>>::on_staked(1);
		}

		assert!(!Listings::<T>::contains_key(1));
		Ok(())
	}

	impl_benchmark_test_suite!(Rwa, crate::mock::new_test_ext(), crate::mock::Test);
}
