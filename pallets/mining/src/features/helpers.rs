//! Small helpers shared by the features: balance conversions, periods and the clamped
//! reward-to-treasury ratio.

use crate::*;
use frame_support::traits::Get;
use sp_arithmetic::{
	traits::{CheckedDiv, Saturating},
	Perbill,
};
use sp_runtime::traits::SaturatedConversion;

impl<T: Config> Pallet<T> {
	/// `balance` as a `u128` (the unit of the price conversions).
	pub(crate) fn to_u128(balance: BalanceOf<T>) -> u128 {
		balance.saturated_into()
	}

	/// `value` as a balance, saturating if the balance type is narrower.
	pub(crate) fn from_u128(value: u128) -> BalanceOf<T> {
		value.saturated_into()
	}

	/// The current mining period, `block / CapPeriod` (always 0 if `CapPeriod` is zero).
	pub fn current_period() -> PeriodOf<T> {
		frame_system::Pallet::<T>::block_number()
			.checked_div(&T::CapPeriod::get())
			.unwrap_or_default()
	}

	/// DSG `who` has mined in `period` (zero if their record is of another period).
	pub fn mined_this_period(who: &T::AccountId, period: PeriodOf<T>) -> BalanceOf<T> {
		Miners::<T>::get(who)
			.filter(|miner| miner.period == period)
			.map(|miner| miner.period_mined)
			.unwrap_or_default()
	}

	/// DSG `who` has mined in total (minted, plus pending).
	pub fn mined_by(who: &T::AccountId) -> BalanceOf<T> {
		Miners::<T>::get(who).map(|miner| miner.mined).unwrap_or_default()
	}

	/// DSG of `who` waiting for a vesting slot.
	pub fn pending_reward(who: &T::AccountId) -> BalanceOf<T> {
		Miners::<T>::get(who).map(|miner| miner.pending).unwrap_or_default()
	}

	/// DSG mined in total.
	pub fn total_mined() -> BalanceOf<T> {
		Schedule::<T>::get().total_mined
	}

	/// The volume at which the rate halves next.
	pub fn next_halving_volume() -> BalanceOf<T> {
		Self::next_threshold(&Schedule::<T>::get(), T::HalvingVolume::get())
	}

	/// The reward-to-treasury ratio in force: `MaxRewardToTreasuryRatio`, clamped to
	/// `MaxRewardToTreasuryRatioCeiling` and, whatever the configuration, below 100%.
	pub fn reward_to_treasury_ratio() -> Perbill {
		let hard_stop = Perbill::one().saturating_sub(Perbill::from_parts(1));
		T::MaxRewardToTreasuryRatio::get()
			.min(T::MaxRewardToTreasuryRatioCeiling::get())
			.min(hard_stop)
	}

	/// The mining cap in force: `MiningCap`, clamped to `MaxMiningCap`.
	pub fn mining_cap() -> BalanceOf<T> {
		T::MiningCap::get().min(T::MaxMiningCap::get())
	}
}
