//! The reward rule: what a settled order mines once the tier bonus and the limits apply, and
//! the bookkeeping of what was mined.
//!
//! `full = base × (1 + mining_bonus)`, then the tightest of three limits:
//! the anti-wash-trading limit (the reward's USD value at the oracle price ≤ the clamped
//! `MaxRewardToTreasuryRatio` × the order's treasury part in USD, the only part of a sale
//! no participant gets back), the buyer's room under `PeriodAccountCap` this period, and the
//! room under `MiningCap`.

use crate::*;
use despend_primitives::{dsg_to_usd, usd_to_dsg, MemberTiers, OrderSettlement, PriceOracle};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::{
	traits::{Saturating, Zero},
	FixedU128, Rounding,
};

impl<T: Config> Pallet<T> {
	/// Rewards the buyer of `settlement` (the [`despend_primitives::OnOrderSettled`] handler).
	///
	/// Counts the sale's USD volume (halving the rate at each threshold crossed), applies the
	/// buyer's tier bonus and the limits, pays the reward out (liquid, vested, or pending a
	/// vesting slot) and records it in the buyer's [`Miners`] record and the [`Schedule`].
	///
	/// Never fails: an order that mines nothing emits [`Event::RewardSkipped`] with a
	/// [`SkipReason`] (`EmissionEnded`, `ZeroReward`, `NoPrice`, `NoTreasuryPart`,
	/// `PeriodCapReached`, `MiningCapReached`, `BelowExistentialDeposit`,
	/// `DepositRefused`), and then nothing but the volume is recorded.
	pub(crate) fn do_reward_order(
		settlement: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
	) -> RewardOutcome {
		let mut schedule = Schedule::<T>::get();
		let emission = Self::record_volume(&mut schedule, settlement.sale_usd);
		let outcome = Self::reward(settlement, &emission, &mut schedule);
		Schedule::<T>::put(schedule);
		outcome
	}

	/// The reward of `settlement` whose volume `emission` counted: paid out and recorded in
	/// `schedule` (which the caller stores) and the buyer's [`Miners`] record.
	fn reward(
		settlement: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
		emission: &Emission<BalanceOf<T>>,
		schedule: &mut ScheduleOf<T>,
	) -> RewardOutcome {
		let who = &settlement.buyer;
		let order = settlement.order;
		let halvings_crossed = emission.halvings_crossed;
		let skip = |reason: SkipReason| {
			Self::deposit_event(Event::RewardSkipped { who: who.clone(), order, reason });
			RewardOutcome { halvings_crossed, payout: None }
		};

		if emission.base.is_zero() {
			let reason = if emission.rate.is_zero() {
				SkipReason::EmissionEnded
			} else {
				SkipReason::ZeroReward
			};
			return skip(reason);
		}
		let Some(price) = T::PriceOracle::dsg_usd_price().filter(|price| !price.is_zero()) else {
			return skip(SkipReason::NoPrice);
		};

		let bonus = T::Members::benefits(who).mining_bonus;
		let full = emission.base.saturating_add(bonus.mul_floor(emission.base));
		let period = Self::current_period();
		let mut miner = Miners::<T>::get(who).unwrap_or_default();
		if miner.period != period {
			miner.period = period;
			miner.period_mined = Zero::zero();
		}
		let limits = [
			(Self::wash_limit(settlement, price), RewardLimit::TreasuryRatio),
			(
				T::PeriodAccountCap::get().saturating_sub(miner.period_mined),
				RewardLimit::PeriodAccountCap,
			),
			(Self::mining_cap().saturating_sub(schedule.total_mined), RewardLimit::MiningCap),
		];
		let mut granted = full;
		let mut binding = None;
		for (room, limit) in limits {
			if room < granted {
				granted = room;
				binding = Some(limit);
			}
		}

		if granted.is_zero() {
			let reason = match binding {
				Some(RewardLimit::TreasuryRatio) => SkipReason::NoTreasuryPart,
				Some(RewardLimit::PeriodAccountCap) => SkipReason::PeriodCapReached,
				Some(RewardLimit::MiningCap) => SkipReason::MiningCapReached,
				None => SkipReason::ZeroReward,
			};
			return skip(reason);
		}

		let payout = match Self::do_pay_reward(who, granted, &mut miner) {
			Ok(payout) => payout,
			Err(reason) => return skip(reason),
		};

		miner.mined.saturating_accrue(granted);
		miner.period_mined.saturating_accrue(granted);
		Miners::<T>::insert(who, miner);
		schedule.total_mined.saturating_accrue(granted);

		if let Some(limit) = binding {
			Self::deposit_event(Event::RewardTruncated {
				who: who.clone(),
				order,
				full,
				granted,
				limit,
			});
		}
		match payout {
			Payout::Liquid | Payout::Vested => Self::deposit_event(Event::Mined {
				who: who.clone(),
				order,
				amount: granted,
				rate: emission.rate,
				vested: payout == Payout::Vested,
			}),
			Payout::Pending => Self::deposit_event(Event::RewardPending {
				who: who.clone(),
				order,
				amount: granted,
			}),
		}
		if schedule.total_mined >= Self::mining_cap() {
			Self::deposit_event(Event::CapReached { total_mined: schedule.total_mined });
		}
		RewardOutcome { halvings_crossed, payout: Some(payout) }
	}

	/// The anti-wash-trading limit of `settlement`'s reward, in DSG planck: the clamped
	/// `MaxRewardToTreasuryRatio` of the order's treasury part
	/// ([`despend_primitives::SettlementParts::unrecapturable`]) in USD, converted at `price`.
	///
	/// Every other part of a sale can return to a coalition that plays every role of it, so
	/// only the treasury part is a cost to self-dealing; a reward below it makes every round of
	/// self-dealing lose at least the difference. A stablecoin part is USD units already; a DSG
	/// part is valued at `price`. Both conversions round down, so the limit errs against the
	/// miner. A conversion too large for `u128` saturates, which is still below the exact value.
	pub fn wash_limit(
		settlement: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
		price: FixedU128,
	) -> BalanceOf<T> {
		let backing = Self::to_u128(settlement.parts.unrecapturable());
		let backing_usd = if settlement.asset == T::NativeAsset::get() {
			dsg_to_usd(backing, price, Rounding::Down).unwrap_or(u128::MAX)
		} else {
			backing
		};
		let limit_usd = Self::reward_to_treasury_ratio().mul_floor(backing_usd);
		Self::from_u128(usd_to_dsg(limit_usd, price, Rounding::Down).unwrap_or(u128::MAX))
	}
}
