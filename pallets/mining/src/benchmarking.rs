//! Benchmarks: the settlement handler in its liquid and vested forms, by the number of halvings
//! one order crosses, and `claim_pending`, each in its worst case (top tier, the anti-wash limit
//! binding, a period record to update, a pending reward to fold in, the vesting schedules one
//! short of full).

use super::*;
use crate::Pallet as Mining;
use despend_primitives::{usd_to_dsg, OnOrderSettled, OrderSettlement, SettlementParts};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get, VestingSchedule,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_arithmetic::{
	traits::{One, Saturating, Zero},
	FixedU128, Perbill, Rounding,
};

/// One DSG in planck.
const DSG: u128 = 1_000_000_000_000;

/// A vesting period long enough that nothing unlocks during a benchmark.
fn vesting_period<T: Config>() -> BlockNumberFor<T> {
	100_000u32.into()
}

/// Gives `who` some DSG and vesting schedules until exactly one slot is left, so adding the
/// reward's schedule decodes, extends and re-locks the longest list pallet-vesting allows.
fn fill_vesting_but_one<T: Config>(who: &T::AccountId) {
	let unit = T::Currency::minimum_balance().max(Mining::<T>::from_u128(DSG));
	let _ = T::Currency::mint_into(who, unit.saturating_mul(1_000u32.into()));
	let now = frame_system::Pallet::<T>::block_number();
	let Some((locked, per_block)) = Mining::<T>::vesting_terms(unit, Mining::<T>::to_u128(unit))
	else {
		return;
	};
	for _ in 0..1_000 {
		if T::Vesting::can_add_vesting_schedule(who, locked, per_block, now).is_err() {
			break;
		}
		let _ = T::Vesting::add_vesting_schedule(who, locked, per_block, now);
	}
	let _ = T::Vesting::remove_vesting_schedule(who, 0);
}

/// Records a pending reward of `who` (consistently with the totals), to be folded in.
fn add_pending<T: Config>(who: &T::AccountId) {
	let amount = T::Currency::minimum_balance().max(Mining::<T>::from_u128(DSG));
	Miners::<T>::insert(
		who,
		Miner {
			mined: amount,
			period: Mining::<T>::current_period(),
			period_mined: amount,
			pending: amount,
		},
	);
	Schedule::<T>::mutate(|schedule| {
		schedule.total_mined = schedule.total_mined.saturating_add(amount)
	});
}

/// A DSG-paid settlement (the fee conversion included) by `buyer` that crosses `h` halving
/// thresholds: the volume is put one unit short of the next threshold and the sale spans `h`
/// `HalvingVolume`s. Fees are the seed's 15% + 0.6%, priced at 1 USD per DSG.
fn settlement<T: Config>(
	buyer: &T::AccountId,
	h: u32,
) -> OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>> {
	let halving_volume = T::HalvingVolume::get().max(One::one());
	let sale_usd = if h == 0 {
		(halving_volume / 2u32.into()).max(One::one())
	} else {
		Schedule::<T>::mutate(|schedule| {
			schedule.volume_usd = Mining::<T>::next_threshold(schedule, T::HalvingVolume::get())
				.saturating_sub(One::one())
		});
		halving_volume.saturating_mul(h.into())
	};
	let sale_amount = Mining::<T>::from_u128(
		usd_to_dsg(Mining::<T>::to_u128(sale_usd), FixedU128::one(), Rounding::Up)
			.unwrap_or(u128::MAX),
	);
	let experience_fee = Perbill::from_percent(15).mul_floor(sale_amount);
	let community_fee = Perbill::from_parts(6_000_000).mul_floor(sale_amount);
	let parts = SettlementParts {
		merchant: sale_amount.saturating_sub(experience_fee).saturating_sub(community_fee),
		experience_fee,
		platform: experience_fee,
		community_fee,
		treasury: experience_fee,
		..Default::default()
	};
	OrderSettlement {
		sale_usd,
		parts,
		settled_at: frame_system::Pallet::<T>::block_number(),
		..OrderSettlement::sale(
			u64::from(h),
			buyer.clone(),
			account("merchant", 0, 0),
			T::NativeAsset::get(),
			sale_amount,
		)
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A liquid reward for an order crossing `h` halving thresholds.
	#[benchmark]
	fn on_order_settled_liquid(h: Linear<0, { T::MaxHalvings::get() }>) {
		let buyer: T::AccountId = account("buyer", 0, 0);
		T::BenchmarkHelper::set_price(FixedU128::one());
		T::BenchmarkHelper::set_vesting_period(Zero::zero());
		T::BenchmarkHelper::set_highest_tier(&buyer);
		add_pending::<T>(&buyer);
		let settlement = settlement::<T>(&buyer, h);

		#[block]
		{
			Mining::<T>::on_order_settled(&settlement);
		}

		assert_eq!(Schedule::<T>::get().halvings, h);
		assert!(Mining::<T>::pending_reward(&buyer).is_zero(), "the reward was not paid out");
	}

	/// A vested reward (folding a pending one in) for an order crossing `h` thresholds.
	#[benchmark]
	fn on_order_settled_vested(h: Linear<0, { T::MaxHalvings::get() }>) {
		let buyer: T::AccountId = account("buyer", 0, 0);
		T::BenchmarkHelper::set_price(FixedU128::one());
		T::BenchmarkHelper::set_vesting_period(vesting_period::<T>());
		T::BenchmarkHelper::set_highest_tier(&buyer);
		fill_vesting_but_one::<T>(&buyer);
		add_pending::<T>(&buyer);
		let settlement = settlement::<T>(&buyer, h);

		#[block]
		{
			Mining::<T>::on_order_settled(&settlement);
		}

		assert_eq!(Schedule::<T>::get().halvings, h);
		assert!(Mining::<T>::pending_reward(&buyer).is_zero(), "the reward was not vested");
	}

	/// Claiming a pending reward into the last free vesting slot.
	#[benchmark]
	fn claim_pending() {
		let buyer: T::AccountId = account("buyer", 0, 0);
		T::BenchmarkHelper::set_vesting_period(vesting_period::<T>());
		fill_vesting_but_one::<T>(&buyer);
		add_pending::<T>(&buyer);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()));

		assert!(Mining::<T>::pending_reward(&buyer).is_zero());
	}

	impl_benchmark_test_suite!(Mining, crate::mock::new_test_ext(), crate::mock::Test);
}
