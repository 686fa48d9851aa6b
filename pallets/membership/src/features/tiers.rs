//! Tiers: the governance-set tier table and the tier derived from an active stake (what
//! `MemberTiers`, in `impl_traits.rs`, gives other pallets).

use crate::*;
use alloc::vec::Vec;
use despend_primitives::{Tier, TierBenefits};
use frame_support::{pallet_prelude::DispatchResult, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// Replaces the tier table with `tiers` after checking it.
	///
	/// Errors: [`Error::EmptyTierTable`], [`Error::ZeroTierThreshold`],
	/// [`Error::TierThresholdsNotIncreasing`], [`Error::TierBenefitsDecreasing`].
	pub fn do_set_tiers(tiers: TierTableOf<T>) -> DispatchResult {
		validate_tier_table(&tiers).map_err(Error::<T>::from)?;
		Tiers::<T>::put(&tiers);
		Self::deposit_event(Event::TiersSet { tiers });
		Ok(())
	}

	/// The tier an active stake of `active` reaches under the current table.
	pub fn tier_of(active: &BalanceOf<T>) -> Tier {
		tier_for(&Tiers::<T>::get(), active)
	}

	/// Whether `tier` is an elite (dividend) tier.
	pub fn is_elite_tier(tier: Tier) -> bool {
		tier >= T::EliteTier::get()
	}

	/// The benefits of `tier` under the current table (K0 and unknown tiers: none).
	pub fn tier_benefits(tier: Tier) -> TierBenefits {
		Self::tier_info(tier).map(|info| info.benefits).unwrap_or_default()
	}

	/// The table entry of `tier` (K1 is the first entry; K0 has none).
	fn tier_info(tier: Tier) -> Option<TierInfo<BalanceOf<T>>> {
		let index = usize::from(tier).checked_sub(1)?;
		Tiers::<T>::get().get(index).copied()
	}

	/// `who`'s membership as the view `member_info` shows it.
	pub(crate) fn info_of(who: &T::AccountId) -> MemberInfo<BalanceOf<T>, BlockNumberFor<T>> {
		let ledger = Ledger::<T>::get(who).unwrap_or_default();
		let now = frame_system::Pallet::<T>::block_number();
		let table = Tiers::<T>::get();
		let tier = tier_for(&table, &ledger.active);
		// Entry `tier` (0-based) is the tier above the current one.
		let next_tier_threshold = table.get(usize::from(tier)).map(|info| info.threshold);
		MemberInfo {
			tier,
			is_elite: Self::is_elite_tier(tier),
			benefits: Self::tier_benefits(tier),
			active: ledger.active,
			withdrawable: ledger.withdrawable(&now),
			unlocking: ledger.unlocking.into_iter().collect::<Vec<_>>(),
			next_tier_threshold,
		}
	}
}

impl<T: Config> From<TierTableError> for Error<T> {
	fn from(e: TierTableError) -> Self {
		match e {
			TierTableError::Empty => Error::<T>::EmptyTierTable,
			TierTableError::ZeroThreshold => Error::<T>::ZeroTierThreshold,
			TierTableError::ThresholdsNotIncreasing => Error::<T>::TierThresholdsNotIncreasing,
			TierTableError::BenefitsDecreasing => Error::<T>::TierBenefitsDecreasing,
		}
	}
}
