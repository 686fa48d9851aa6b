//! Settled orders feed the rounds: each adds the experts' and reviewers' parts of its
//! experience fee (already in the pallet account) to the product's open round, or to its
//! carry-over once the round's commit phase is over, and gives its buyer a ticket for that
//! round. The first fee of a product with no open round opens one.

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
	/// Records what `settlement` means for the reviews: the product's merchant and standard,
	/// the fees, and the buyer's ticket for the round the fees joined. Never fails (a sale
	/// that happened is final): an amount no pool can take goes to the treasury
	/// ([`Event::FeesDiverted`]).
	pub(crate) fn do_on_order_settled(
		s: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
	) {
		let mut state = ProductStates::<T>::get(s.product).unwrap_or_else(|| ProductState {
			merchant: s.merchant.clone(),
			category: s.category,
			standard: s.quality_standard,
			open_round: None,
			rounds: 0,
			carry_over: Default::default(),
			carry_over_sales: Zero::zero(),
			late_fees: false,
		});
		state.merchant = s.merchant.clone();
		state.category = s.category;
		state.standard = s.quality_standard;

		let (round, reviewers, experts) = Self::receive_fees(s.product, &mut state, s);
		ProductStates::<T>::insert(s.product, state);

		let mut ticket = Tickets::<T>::get(s.product, &s.buyer)
			.filter(|ticket| ticket.round == round)
			.unwrap_or(Ticket { round, sale_usd: Zero::zero() });
		ticket.sale_usd.saturating_accrue(s.sale_usd);
		Self::deposit_event(Event::TicketIssued {
			order: s.order,
			buyer: s.buyer.clone(),
			product: s.product,
			round,
			sale_usd: ticket.sale_usd,
			asset: s.asset.clone(),
			reviewers,
			experts,
		});
		Tickets::<T>::insert(s.product, &s.buyer, ticket);
	}

	/// Puts `s`'s fees into the product's round in commit phase, opening one if none is open,
	/// or into the carry-over if the open round is past its commit phase. Returns the index of
	/// the round the fees are for and what its reviewers' and experts' pools took.
	fn receive_fees(
		product: ProductId,
		state: &mut ProductState<T>,
		s: &OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>,
	) -> (RoundIndex, BalanceOf<T>, BalanceOf<T>) {
		let (asset, reviewers, experts) = (s.asset.clone(), s.parts.reviewers, s.parts.experts);
		let now = frame_system::Pallet::<T>::block_number();
		// Fees join the round still in its commit phase (opening one if there is none); fees
		// arriving after the commit phase wait for the product's next round.
		if state.open_round.is_none() {
			Self::open_round(product, state, now);
		}
		match state.open_round.as_mut() {
			Some((index, round)) if now < round.commit_end => {
				let (reviewers, experts) = Self::add_to_pools(
					product,
					&mut round.pools,
					asset.clone(),
					reviewers,
					experts,
				);
				round.sales_usd.saturating_accrue(s.sale_usd);
				(*index, reviewers, experts)
			},
			_ => {
				let (reviewers, experts) = Self::add_to_pools(
					product,
					&mut state.carry_over,
					asset.clone(),
					reviewers,
					experts,
				);
				state.carry_over_sales.saturating_accrue(s.sale_usd);
				state.late_fees = true;
				// The next round to open gets the carry-over (and this index).
				(state.rounds, reviewers, experts)
			},
		}
	}

	/// Opens `product`'s next round at `now` as `state`'s open round: it takes the carry-over
	/// as its pools and the product's standard (if still usable for its category) as its
	/// criteria and expert, and is queued for finalization. The caller stores `state`.
	pub(crate) fn open_round(
		product: ProductId,
		state: &mut ProductState<T>,
		now: BlockNumberFor<T>,
	) {
		let index = state.rounds;
		state.rounds = index.saturating_add(1);
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
		Self::schedule(Queue::Finalization, reveal_end, product, index);
		Self::deposit_event(Event::RoundOpened {
			product,
			round: index,
			standard,
			commit_end,
			reveal_end,
		});
		let round = Round {
			opened_at: now,
			commit_end,
			reveal_end,
			standard,
			expert,
			weights,
			pools: core::mem::take(&mut state.carry_over),
			sales_usd: core::mem::take(&mut state.carry_over_sales),
			reviewers: 0,
			revealed: 0,
			bonds: Zero::zero(),
			consensus: None,
			status: RoundStatus::Open,
		};
		state.open_round = Some((index, round));
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
	pub(crate) fn divert(product: ProductId, asset: T::AssetKind, amount: BalanceOf<T>) {
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
}
