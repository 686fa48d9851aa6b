//! RWA-NFT staking: an RWA-NFT staked into the pool gives its income weight as shares.

use crate::*;
use despend_primitives::{OrderId, RwaItems};
use frame_support::pallet_prelude::*;
use sp_arithmetic::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Stake RWA-NFT `item` of `who`: its income weight becomes `who`'s shares from the next
	/// epoch; the RWA pallet ends its listing.
	///
	/// Errors: `AlreadyStaked`, `UnknownItem`, `NotItemOwner`.
	pub(crate) fn do_stake_rwa(who: T::AccountId, item: OrderId) -> DispatchResult {
		ensure!(!StakedItems::<T>::contains_key(item), Error::<T>::AlreadyStaked);
		let owner = T::Rwa::owner(item).ok_or(Error::<T>::UnknownItem)?;
		ensure!(owner == who, Error::<T>::NotItemOwner);
		let weight = T::Rwa::income_weight(item).ok_or(Error::<T>::UnknownItem)?;

		let staked_at = frame_system::Pallet::<T>::block_number();
		StakedItems::<T>::insert(item, StakedItem { owner: who.clone(), weight, staked_at });
		T::Rwa::on_staked(item);
		Self::update_shares(&who, |info| info.rwa_share = info.rwa_share.saturating_add(weight));
		Self::deposit_event(Event::RwaStaked { who, item, weight });
		Ok(())
	}

	/// Unstake RWA-NFT `item` on behalf of `who`: its shares end at once.
	///
	/// Errors: `NotStaked`, `NotStaker`, `StakePeriodNotOver`.
	pub(crate) fn do_unstake_rwa(who: T::AccountId, item: OrderId) -> DispatchResult {
		let staked = StakedItems::<T>::get(item).ok_or(Error::<T>::NotStaked)?;
		ensure!(staked.owner == who, Error::<T>::NotStaker);
		let unlocks_at = staked.staked_at.saturating_add(T::MinRwaStakePeriod::get());
		ensure!(
			frame_system::Pallet::<T>::block_number() >= unlocks_at,
			Error::<T>::StakePeriodNotOver
		);

		StakedItems::<T>::remove(item);
		Self::update_shares(&who, |info| {
			info.rwa_share = info.rwa_share.saturating_sub(staked.weight)
		});
		Self::deposit_event(Event::RwaUnstaked { who, item, weight: staked.weight });
		Ok(())
	}
}
