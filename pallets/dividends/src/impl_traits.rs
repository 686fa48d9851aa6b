//! What other pallets see of the pool: it takes income from settlements
//! ([`OnOrderSettled`]), follows members' stakes ([`OnStakeChanged`]) and tells pallet-nfts'
//! locker which RWA-NFTs are staked ([`StakedRwa`]).

use crate::*;
use despend_primitives::{OnOrderSettled, OnStakeChanged, OrderId, StakedRwa};
use frame_support::weights::Weight;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> OnOrderSettled<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>
	for Pallet<T>
{
	/// Credit the order's community fee and dividend share (already transferred to the pool
	/// account by the order pallet).
	fn on_order_settled(settlement: &OrderSettlementOf<T>) -> Weight {
		Self::credit_income(settlement.asset.clone(), settlement.parts.dividend_income());
		T::WeightInfo::on_order_settled()
	}

	fn max_weight() -> Weight {
		T::WeightInfo::on_order_settled()
	}
}

impl<T: Config> OnStakeChanged<T::AccountId, BalanceOf<T>> for Pallet<T> {
	/// An elite member's share follows its active stake (from the next epoch if it grows, at
	/// once if it shrinks); a member who is not elite has no stake share.
	fn on_stake_changed(who: &T::AccountId, active_stake: BalanceOf<T>, is_elite: bool) {
		Self::set_stake_share(who, active_stake, is_elite);
	}

	fn max_weight() -> Weight {
		T::WeightInfo::on_stake_changed()
	}
}

impl<T: Config> StakedRwa for Pallet<T> {
	fn is_staked(item: OrderId) -> bool {
		StakedItems::<T>::contains_key(item)
	}
}
