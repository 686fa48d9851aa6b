//! Settled orders feed the rounds: each gives its buyer a ticket and adds the experts' and
//! reviewers' parts of its experience fee (already in the pallet account) to the product's
//! open round, or to its carry-over once the round's commit phase is over. The first fee of a
//! product with no open round opens one.

use crate::*;
use despend_primitives::{OrderSettlement, ProductId, QualityStandards as _};
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{fungibles::Mutate as _, tokens::Preservation},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Records what `settlement` means for the reviews: the buyer's ticket, the product's
	/// merchant and standard, and the fees. Never fails (a sale that happened is final): an
	/// amount no pool can take goes to the treasury ([`Event::FeesDiverted`]).
	pub(crate) fn do_on_order_settled(
		s: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
	) {
		Tickets::<T>::insert(
			s.order,
			Ticket { buyer: s.buyer.clone(), product: s.product, sale_usd: s.sale_usd },
		);
		Self::deposit_event(Event::TicketIssued {
			order: s.order,
			buyer: s.buyer.clone(),
			product: s.product,
		});

		let mut state = ProductStates::<T>::get(s.product).unwrap_or_else(|| ProductState {
			merchant: s.merchant.clone(),
			category: s.category,
			standard: s.quality_standard,
			open_round: None,
			rounds: 0,
			carry_over: Default::default(),
			late_fees: false,
		});
		state.merchant = s.merchant.clone();
		state.category = s.category;
		state.standard = s.quality_standard;

		let (reviewers, experts) = (s.parts.reviewers, s.parts.experts);
		if !reviewers.is_zero() || !experts.is_zero() {
			Self::receive_fees(s.product, &mut state, s.asset.clone(), reviewers, experts);
		}
		ProductStates::<T>::insert(s.product, state);
	}

	/// Puts fees into the product's round in commit phase, opening one if none is open, or
	/// into the carry-over if the open round is past its commit phase.
	fn receive_fees(
		product: ProductId,
		state: &mut ProductState<T>,
		asset: T::AssetKind,
		reviewers: BalanceOf<T>,
		experts: BalanceOf<T>,
	) {
		let now = frame_system::Pallet::<T>::block_number();
		let open =
			state.open_round.and_then(|index| Rounds::<T>::get(product, index).map(|r| (index, r)));
		// Fees join the round still in its commit phase (opening one if there is none); fees
		// arriving after the commit phase wait for the product's next round.
		let target = match open {
			Some((index, round)) if now < round.commit_end => Some((index, round)),
			Some(_) => None,
			None => Some(Self::open_round(product, state, now)),
		};
		match target {
			Some((index, mut round)) => {
				let (reviewers, experts) = Self::add_to_pools(
					product,
					&mut round.pools,
					asset.clone(),
					reviewers,
					experts,
				);
				Rounds::<T>::insert(product, index, round);
				Self::note_fees(Event::FeesAdded {
					product,
					round: index,
					asset,
					reviewers,
					experts,
				});
			},
			None => {
				let (reviewers, experts) = Self::add_to_pools(
					product,
					&mut state.carry_over,
					asset.clone(),
					reviewers,
					experts,
				);
				state.late_fees = true;
				Self::note_fees(Event::FeesCarriedOver { product, asset, reviewers, experts });
			},
		}
	}

	/// Opens `product`'s next round at `now`: it takes the carry-over as its pools and the
	/// product's standard (if still usable for its category) as its criteria and expert, and
	/// is queued for finalization. The caller stores the returned round and `state`.
	pub(crate) fn open_round(
		product: ProductId,
		state: &mut ProductState<T>,
		now: BlockNumberFor<T>,
	) -> (RoundIndex, Round<T>) {
		let index = state.rounds;
		state.rounds = index.saturating_add(1);
		state.open_round = Some(index);
		state.late_fees = false;

		let standard = state
			.standard
			.filter(|id| Self::is_usable(*id, state.category))
			.and_then(|id| Standards::<T>::get(id).map(|s| (id, s)));
		let (standard, expert, weights) = match standard {
			Some((id, s)) => {
				let weights: alloc::vec::Vec<_> = s.criteria.iter().map(|c| c.weight).collect();
				(Some(id), Some(s.expert), BoundedVec::truncate_from(weights))
			},
			None => {
				(None, None, BoundedVec::truncate_from(alloc::vec![sp_arithmetic::Perbill::one()]))
			},
		};
		let commit_end = now.saturating_add(T::CommitPhase::get());
		let reveal_end = commit_end.saturating_add(T::RevealPhase::get());
		Self::schedule::<FinalizationQueue<T>>((reveal_end, product, index));
		Self::deposit_event(Event::RoundOpened {
			product,
			round: index,
			standard,
			commit_end,
			reveal_end,
		});
		(
			index,
			Round {
				opened_at: now,
				commit_end,
				reveal_end,
				standard,
				expert,
				weights,
				pools: core::mem::take(&mut state.carry_over),
				reviewers: 0,
				revealed: 0,
				bonds: Zero::zero(),
				forfeited: Zero::zero(),
				consensus: None,
				status: RoundStatus::Open,
			},
		)
	}

	/// Adds `reviewers` and `experts` of `asset` to `pools`; what a full pool cannot take goes
	/// to the treasury. Returns what was added to each pool.
	pub(crate) fn add_to_pools(
		product: ProductId,
		pools: &mut Pools<T>,
		asset: T::AssetKind,
		reviewers: BalanceOf<T>,
		experts: BalanceOf<T>,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let mut added = (reviewers, experts);
		if !Self::add_to_pool(&mut pools.reviewers, asset.clone(), reviewers) {
			Self::divert(product, asset.clone(), reviewers);
			added.0 = Zero::zero();
		}
		if !Self::add_to_pool(&mut pools.experts, asset.clone(), experts) {
			Self::divert(product, asset, experts);
			added.1 = Zero::zero();
		}
		added
	}

	/// Adds `amount` of `asset` to `pool`; `false` if the pool has no slot for a new asset.
	pub(crate) fn add_to_pool(
		pool: &mut PoolOf<T>,
		asset: T::AssetKind,
		amount: BalanceOf<T>,
	) -> bool {
		if amount.is_zero() {
			return true;
		}
		if let Some((_, held)) = pool.iter_mut().find(|(a, _)| *a == asset) {
			held.saturating_accrue(amount);
			return true;
		}
		pool.try_push((asset, amount)).is_ok()
	}

	/// Sends `amount` of `asset` from the pallet account to the treasury (fees no pool could
	/// take). If even that fails, the amount stays in the pallet account unrecorded.
	fn divert(product: ProductId, asset: T::AssetKind, amount: BalanceOf<T>) {
		if let Err(error) = Self::pay_out(asset.clone(), &T::TreasuryAccount::get(), amount) {
			log::warn!(
				target: crate::LOG_TARGET,
				"fees of product {product} stay unrecorded in the pallet account: {error:?}",
			);
		}
		Self::deposit_event(Event::FeesDiverted { product, asset, amount });
	}

	/// Pays `amount` of `asset` from the pallet account to `to`, keeping the pallet account
	/// alive; all or nothing.
	pub(crate) fn pay_out(
		asset: T::AssetKind,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		with_storage_layer(|| {
			T::Assets::transfer(asset, &Self::account_id(), to, amount, Preservation::Preserve)
				.map(|_| ())
		})
	}

	/// Credits a round's leftovers (or a payout that failed) to `product`'s next round: to its
	/// round in commit phase if there is one, otherwise to the carry-over.
	pub(crate) fn credit_next_round(
		product: ProductId,
		asset: T::AssetKind,
		reviewers: BalanceOf<T>,
		experts: BalanceOf<T>,
	) {
		if reviewers.is_zero() && experts.is_zero() {
			return;
		}
		let now = frame_system::Pallet::<T>::block_number();
		let Some(mut state) = ProductStates::<T>::get(product) else {
			// Every round belongs to a known product; keep the money findable anyway.
			Self::divert(product, asset.clone(), reviewers.saturating_add(experts));
			return;
		};
		if let Some(index) = state.open_round {
			if let Some(mut round) = Rounds::<T>::get(product, index) {
				if now < round.commit_end {
					let (reviewers, experts) = Self::add_to_pools(
						product,
						&mut round.pools,
						asset.clone(),
						reviewers,
						experts,
					);
					Rounds::<T>::insert(product, index, round);
					Self::note_fees(Event::FeesAdded {
						product,
						round: index,
						asset,
						reviewers,
						experts,
					});
					return;
				}
			}
		}
		let (reviewers, experts) =
			Self::add_to_pools(product, &mut state.carry_over, asset.clone(), reviewers, experts);
		ProductStates::<T>::insert(product, state);
		Self::note_fees(Event::FeesCarriedOver { product, asset, reviewers, experts });
	}

	/// Emits a [`Event::FeesAdded`] or [`Event::FeesCarriedOver`] unless nothing moved (all of
	/// it was diverted).
	fn note_fees(event: Event<T>) {
		let moved = match &event {
			Event::FeesAdded { reviewers, experts, .. }
			| Event::FeesCarriedOver { reviewers, experts, .. } => {
				!reviewers.is_zero() || !experts.is_zero()
			},
			_ => true,
		};
		if moved {
			Self::deposit_event(event);
		}
	}
}
