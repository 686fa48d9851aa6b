//! The pallet's invariants (`try_state`): what it holds and keeps matches what it records.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use despend_primitives::ProductId;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold as _, fungibles::Inspect as _, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Every round: the finalized ones in [`Rounds`] and the open ones in the products' states.
	fn all_rounds() -> impl Iterator<Item = (ProductId, RoundIndex, Round<T>)> {
		Rounds::<T>::iter().chain(ProductStates::<T>::iter().filter_map(|(product, state)| {
			state.open_round.map(|(index, round)| (product, index, round))
		}))
	}

	/// The block `round` may be paid out from, once it is finalized or appealed.
	fn payout_due(round: &Round<T>) -> Option<BlockNumberFor<T>> {
		match round.status {
			RoundStatus::Finalized { appeal_deadline } => Some(appeal_deadline),
			RoundStatus::Appealed { ruling_deadline, .. } => Some(ruling_deadline),
			RoundStatus::Open => None,
		}
	}

	/// Checks the invariants:
	///
	/// 1. Experts: DSG held as `ExpertDeposit` equals the recorded deposit; each expert's
	///    standard count is the number of its standards, and DSG held as `StandardDeposit`
	///    equals their deposits; every standard's expert is registered.
	/// 2. Reviews: per reviewer, DSG held as `ReviewBond` equals the bonds of their recorded
	///    reviews; per round, reviews, reveals and bonds add up to the round's counters, within
	///    `MaxReviewersPerRound`, and the reviews' sales never exceed the round's (so claims
	///    never exceed the pool); every ticket is for a round of its product that is open or
	///    yet to open.
	/// 3. Appeals: per appellant, DSG held as `AppealBond` equals their pending appeals' bonds.
	/// 4. Pools: for each asset, the pallet account holds at least the sum of all rounds' pools
	///    and all carry-overs.
	/// 5. Rounds: a product's open round is in its state and is open, every other round is
	///    finalized or appealed; the queues are ordered by due block and point at rounds in the
	///    right status, due at the right block.
	/// 6. Reputations stay within `0..=1000`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_experts()?;
		Self::check_reviews_and_appeals()?;
		Self::check_pools()?;
		Self::check_rounds_and_queues()?;
		for (_, reputation) in Reputations::<T>::iter() {
			ensure!(reputation <= MAX_REPUTATION, "reputation out of range");
		}
		Ok(())
	}

	fn check_experts() -> Result<(), TryRuntimeError> {
		let mut standards: BTreeMap<T::AccountId, (u32, BalanceOf<T>)> = BTreeMap::new();
		for (_, standard) in Standards::<T>::iter() {
			ensure!(Experts::<T>::contains_key(&standard.expert), "standard of an unknown expert");
			ensure!(!standard.criteria.is_empty(), "standard without criteria");
			let entry = standards.entry(standard.expert).or_insert((0, Zero::zero()));
			entry.0.saturating_inc();
			entry.1.saturating_accrue(standard.deposit);
		}
		for (who, expert) in Experts::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ExpertDeposit.into(), &who)
					== expert.deposit,
				"expert deposit held differs from the record"
			);
			let (count, deposits) = standards.remove(&who).unwrap_or((0, Zero::zero()));
			ensure!(count == expert.standards, "expert's standard count differs");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::StandardDeposit.into(), &who) == deposits,
				"standard deposits held differ from the records"
			);
		}
		Ok(())
	}

	fn check_reviews_and_appeals() -> Result<(), TryRuntimeError> {
		let mut bonds: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		type RoundTally<T> = (u32, u32, BalanceOf<T>, BalanceOf<T>);
		let mut per_round: BTreeMap<(u32, RoundIndex), RoundTally<T>> = BTreeMap::new();
		for ((product, index, who), review) in RoundReviews::<T>::iter() {
			bonds.entry(who).or_insert_with(Zero::zero).saturating_accrue(review.bond);
			let entry =
				per_round.entry((product, index)).or_insert((0, 0, Zero::zero(), Zero::zero()));
			entry.0.saturating_inc();
			if review.scores.is_some() {
				entry.1.saturating_inc();
			}
			entry.2.saturating_accrue(review.bond);
			entry.3.saturating_accrue(review.sale_usd);
		}
		for (product, _, ticket) in Tickets::<T>::iter() {
			let state = ProductStates::<T>::get(product).ok_or("ticket of an unknown product")?;
			ensure!(ticket.round <= state.rounds, "ticket for a round that cannot open");
		}
		for (who, bonded) in bonds {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ReviewBond.into(), &who) == bonded,
				"review bonds held differ from the recorded bonds"
			);
		}

		let mut appeals: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (product, index, round) in Self::all_rounds() {
			let (reviewers, revealed, bonded, sales) =
				per_round.remove(&(product, index)).unwrap_or((0, 0, Zero::zero(), Zero::zero()));
			ensure!(reviewers == round.reviewers, "round's reviewer count differs");
			ensure!(revealed == round.revealed, "round's reveal count differs");
			ensure!(bonded == round.bonds, "round's bonds differ");
			ensure!(sales <= round.sales_usd, "reviews weigh more sales than fed the round");
			ensure!(round.reviewers <= T::MaxReviewersPerRound::get(), "too many reviewers");
			if let RoundStatus::Appealed { appellant, bond, .. } = round.status {
				appeals.entry(appellant).or_insert_with(Zero::zero).saturating_accrue(bond);
			}
		}
		ensure!(per_round.is_empty(), "reviews of a round that does not exist");
		for (who, bonded) in appeals {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AppealBond.into(), &who) == bonded,
				"appeal bonds held differ from the pending appeals"
			);
		}
		Ok(())
	}

	fn check_pools() -> Result<(), TryRuntimeError> {
		let mut owed: BTreeMap<T::AssetKind, BalanceOf<T>> = BTreeMap::new();
		let mut add = |pools: &Pools<T>| {
			for (asset, amount) in pools.reviewers.iter().chain(pools.experts.iter()) {
				owed.entry(asset.clone()).or_insert_with(Zero::zero).saturating_accrue(*amount);
			}
		};
		for (_, _, round) in Self::all_rounds() {
			add(&round.pools);
		}
		for (_, state) in ProductStates::<T>::iter() {
			add(&state.carry_over);
		}
		let account = Self::account_id();
		for (asset, amount) in owed {
			ensure!(
				T::Assets::balance(asset, &account) >= amount,
				"pallet account holds less than the recorded pools"
			);
		}
		Ok(())
	}

	fn check_rounds_and_queues() -> Result<(), TryRuntimeError> {
		for (_, _, round) in Rounds::<T>::iter() {
			ensure!(round.status != RoundStatus::Open, "an open round outside its product's state");
		}
		for (product, state) in ProductStates::<T>::iter() {
			if let Some((index, round)) = &state.open_round {
				ensure!(round.status == RoundStatus::Open, "product's open round is not open");
				ensure!(*index < state.rounds, "round index behind");
				ensure!(!Rounds::<T>::contains_key(product, index), "open round also finalized");
			}
		}

		// Every open round waits for finalization, every finalized or appealed one for its
		// payout, each under the block its deadline falls in, and nothing else is queued.
		for (due, (product, index), ()) in FinalizationQueue::<T>::iter() {
			let (open, round) = ProductStates::<T>::get(product)
				.and_then(|state| state.open_round)
				.ok_or("queued for finalization but not open")?;
			ensure!(open == index, "queued for finalization but not open");
			ensure!(round.reveal_end == due, "queued at the wrong block");
		}
		for (due, (product, index), ()) in PayoutQueue::<T>::iter() {
			let round = Rounds::<T>::get(product, index).ok_or("queued payout's round missing")?;
			ensure!(Self::payout_due(&round) == Some(due), "queued for payout but not due then");
		}
		for (product, index, round) in Self::all_rounds() {
			let queued = match Self::payout_due(&round) {
				None => FinalizationQueue::<T>::contains_key(round.reveal_end, (product, index)),
				Some(due) => PayoutQueue::<T>::contains_key(due, (product, index)),
			};
			ensure!(queued, "a round waits in no queue");
		}
		Ok(())
	}
}
