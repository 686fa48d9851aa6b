//! What other pallets read of a member: its tier and what the tier gives (mining bonus, DSG
//! payment discount, review weight, elite status for the dividend pool).

use crate::*;
use despend_primitives::{MemberTiers, Tier, TierBenefits};

impl<T: Config> MemberTiers<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn tier(who: &T::AccountId) -> Tier {
		Self::tier_of(&Self::active_stake(who))
	}

	fn active_stake(who: &T::AccountId) -> BalanceOf<T> {
		Ledger::<T>::get(who).map(|ledger| ledger.active).unwrap_or_default()
	}

	fn is_elite(who: &T::AccountId) -> bool {
		Self::is_elite_tier(Self::tier(who))
	}

	fn benefits(who: &T::AccountId) -> TierBenefits {
		Self::tier_benefits(Self::tier(who))
	}
}
