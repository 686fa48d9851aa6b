//! What the runtime's migrations need of storage that no pallet of the runtime owns any more.
//!
//! pallet-assets-holder kept the holds on stablecoins until the order escrow became an account
//! (orders storage version 3). Nothing holds stablecoins since, so the runtime no longer has
//! that pallet, and pallet-assets no longer reads a held total before every debit. The order
//! pallet's v3 migration still has to end the escrow holds a chain at version 2 has: it finds
//! them here, in the removed pallet's storage, read and written directly. `RemovePallet` then
//! clears whatever is left of that storage.

use crate::{AccountId, AssetId, Assets, Balance, Balances, RuntimeHoldReason};
use frame_support::{
	pallet_prelude::ValueQuery,
	storage_alias,
	traits::{
		fungible::{self, InspectHold as _, MutateHold as _, NativeOrWithId},
		fungibles,
		tokens::{IdAmount, Precision, Preservation},
		VariantCountOf,
	},
	Blake2_128Concat, BoundedVec,
};
use pallet_orders::migrations::v3::EscrowHolds;
use sp_runtime::{traits::Zero, DispatchError};

/// pallet-assets-holder's holds of an asset on an account, by reason.
#[storage_alias(verbatim)]
pub type Holds = StorageDoubleMap<
	AssetsHolder,
	Blake2_128Concat,
	AssetId,
	Blake2_128Concat,
	AccountId,
	BoundedVec<IdAmount<RuntimeHoldReason, Balance>, VariantCountOf<RuntimeHoldReason>>,
	ValueQuery,
>;

/// pallet-assets-holder's total on hold of an asset on an account.
#[storage_alias(verbatim)]
pub type BalancesOnHold =
	StorageDoubleMap<AssetsHolder, Blake2_128Concat, AssetId, Blake2_128Concat, AccountId, Balance>;

frame_support::parameter_types! {
	/// The name pallet-assets-holder had in this runtime: its storage prefix.
	pub const AssetsHolderName: &'static str = "AssetsHolder";
}

/// The order escrow holds of orders storage version 2: DSG's in pallet-balances, the
/// stablecoins' in the removed pallet-assets-holder's storage.
pub struct LegacyEscrowHolds;

impl LegacyEscrowHolds {
	fn reason() -> RuntimeHoldReason {
		pallet_orders::HoldReason::Escrow.into()
	}
}

impl EscrowHolds<AccountId, NativeOrWithId<AssetId>, Balance> for LegacyEscrowHolds {
	fn held(asset: NativeOrWithId<AssetId>, who: &AccountId) -> Balance {
		match asset {
			NativeOrWithId::Native => Balances::balance_on_hold(&Self::reason(), who),
			NativeOrWithId::WithId(id) => Holds::get(id, who)
				.iter()
				.find(|hold| hold.id == Self::reason())
				.map_or(Zero::zero(), |hold| hold.amount),
		}
	}

	fn release_to(
		asset: NativeOrWithId<AssetId>,
		who: &AccountId,
		amount: Balance,
		to: &AccountId,
	) -> Result<Balance, DispatchError> {
		match asset {
			NativeOrWithId::Native => {
				let released =
					Balances::release(&Self::reason(), who, amount, Precision::BestEffort)?;
				<Balances as fungible::Mutate<_>>::transfer(
					who,
					to,
					released,
					Preservation::Expendable,
				)
			},
			NativeOrWithId::WithId(id) => {
				// A held amount is outside the account's balance (but inside the asset's
				// supply): ending the hold and crediting `to` moves it without touching the
				// supply, as a release and a transfer would.
				let mut holds = Holds::get(id, who);
				let Some(position) = holds.iter().position(|hold| hold.id == Self::reason()) else {
					return Ok(Zero::zero());
				};
				let held = holds.get(position).map_or(Zero::zero(), |hold| hold.amount);
				let moved = held.min(amount);
				let left = held.saturating_sub(moved);
				if left.is_zero() {
					holds.swap_remove(position);
				} else if let Some(hold) = holds.get_mut(position) {
					hold.amount = left;
				}
				if holds.is_empty() {
					Holds::remove(id, who);
				} else {
					Holds::insert(id, who, holds);
				}
				let total = BalancesOnHold::get(id, who).unwrap_or_default().saturating_sub(moved);
				if total.is_zero() {
					BalancesOnHold::remove(id, who);
				} else {
					BalancesOnHold::insert(id, who, total);
				}
				<Assets as fungibles::Unbalanced<_>>::increase_balance(
					id,
					to,
					moved,
					Precision::Exact,
				)?;
				Ok(moved)
			},
		}
	}
}
