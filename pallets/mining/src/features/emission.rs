//! The emission schedule: the rate in force, its halvings as settled volume grows, and how much
//! DSG a sale mines at the rate(s) in force.
//!
//! The rate is a `FixedU128` number of DSG per 1 USD. A sale of `usd` USD units (6 decimals)
//! mines `usd × rate × 10^6` DSG planck (12 decimals), rounded down.

use crate::*;
use despend_primitives::{DSG_DECIMALS, USD_DECIMALS};
use frame_support::traits::Get;
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Bounded, Saturating, Zero},
	FixedPointNumber, FixedU128, Rounding,
};

impl<T: Config> Pallet<T> {
	/// The rate after `halvings` halvings: `InitialRate / 2^halvings` (rounded down), and zero
	/// from `MaxHalvings` halvings on.
	pub fn rate_at(halvings: u32) -> FixedU128 {
		Self::halved(T::InitialRate::get(), halvings)
	}

	/// `initial / 2^halvings` (rounded down), zero from `MaxHalvings` halvings on.
	fn halved(initial: FixedU128, halvings: u32) -> FixedU128 {
		if halvings >= T::MaxHalvings::get() {
			return FixedU128::zero();
		}
		FixedU128::from_inner(initial.into_inner().checked_shr(halvings).unwrap_or(0))
	}

	/// DSG planck that `usd` USD units mine at `rate`, rounded down. A result too large for
	/// `u128` saturates (the limits cut it down anyway).
	pub fn mined_at_rate(usd: u128, rate: FixedU128) -> u128 {
		// planck = usd × 10^(DSG−USD decimals) × rate_inner / 10^18 = usd × rate_inner / 10^12.
		let divisor = FixedU128::DIV / 10u128.pow(DSG_DECIMALS.saturating_sub(USD_DECIMALS));
		multiply_by_rational_with_rounding(usd, rate.into_inner(), divisor, Rounding::Down)
			.unwrap_or(u128::MAX)
	}

	/// The volume at which the rate halves next: one `halving_volume` before the first halving
	/// (so a new `HalvingVolume` applies at once until then), the stored threshold after it.
	pub(crate) fn next_threshold(
		schedule: &ScheduleOf<T>,
		halving_volume: BalanceOf<T>,
	) -> BalanceOf<T> {
		if schedule.halvings == 0 {
			halving_volume
		} else {
			schedule.next_halving_volume
		}
	}

	/// Counts `sale_usd` (USD units) into `schedule`'s volume and returns what it mines at the
	/// rate(s) in force, piecewise: the part below the next threshold at the current rate, the
	/// part after it at the halved rate, and so on. The caller stores `schedule`.
	///
	/// Each threshold reached halves the rate (`halvings` + 1, `next_halving_volume` moves to
	/// the next multiple of `HalvingVolume`); an order that reached any emits one
	/// [`Event::Halved`] with where the last one left the schedule. Reaching a threshold
	/// exactly counts as crossing it. A new `HalvingVolume` applies from the next threshold on
	/// (before the first halving, at once); a zero `HalvingVolume` makes every threshold reached
	/// at once, so emission ends (the safe side of a misconfiguration). Never fails.
	pub(crate) fn record_volume(
		schedule: &mut ScheduleOf<T>,
		sale_usd: BalanceOf<T>,
	) -> Emission<BalanceOf<T>> {
		let max_halvings = T::MaxHalvings::get();
		// Both are governance parameters, a storage read each: read once, not per threshold.
		let initial_rate = T::InitialRate::get();
		let halving_volume = T::HalvingVolume::get();
		let start_volume = schedule.volume_usd;
		let start_halvings = schedule.halvings;
		let mut halvings = start_halvings;
		let mut next = Self::next_threshold(schedule, halving_volume);
		let mut volume = start_volume;
		let mut remaining = sale_usd;
		let mut base: u128 = 0;

		// Each round either places the rest of the sale or reaches one threshold, and there
		// are `max_halvings` thresholds at most: `max_halvings + 1` rounds suffice.
		for _ in 0..=max_halvings {
			if halvings >= max_halvings || remaining.is_zero() {
				break;
			}
			let rate = Self::halved(initial_rate, halvings);
			let room = next.saturating_sub(volume);
			if remaining < room {
				base = base.saturating_add(Self::mined_at_rate(Self::to_u128(remaining), rate));
				break;
			}
			base = base.saturating_add(Self::mined_at_rate(Self::to_u128(room), rate));
			volume = volume.saturating_add(room);
			remaining = remaining.saturating_sub(room);
			halvings = halvings.saturating_add(1);
			next = if halvings >= max_halvings {
				BalanceOf::<T>::max_value()
			} else {
				halving_volume
					.saturating_mul(Self::from_u128(u128::from(halvings).saturating_add(1)))
			};
		}

		// Whatever is left after the last halving counts at a zero rate.
		schedule.volume_usd = start_volume.saturating_add(sale_usd);
		let halvings_crossed = halvings.saturating_sub(start_halvings);
		schedule.next_halving_volume = next;
		if halvings_crossed > 0 {
			schedule.halvings = halvings;
			// One event per order, however many thresholds it crossed: the loop stays
			// arithmetic, so an order's weight hardly depends on them.
			Self::deposit_event(Event::Halved {
				halvings,
				new_rate: Self::halved(initial_rate, halvings),
				at_volume: volume,
			});
		}
		Emission {
			base: Self::from_u128(base),
			rate: Self::halved(initial_rate, start_halvings),
			halvings_crossed,
		}
	}
}
