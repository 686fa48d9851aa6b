//! Reviewers commit to their scores (with a bond) and later reveal them: commit–reveal keeps
//! reviewers from copying each other, the bond makes not revealing or lying costly, and the
//! ticket makes sure only buyers of the product review it, once per account and round, with
//! the weight of what they paid into that round.

use crate::{features::consensus, *};
use despend_primitives::{MemberTiers as _, ProductId};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash as _, Saturating, UniqueSaturatedInto};

impl<T: Config> Pallet<T> {
	/// The commitment a reviewer posts: `blake2_256(SCALE((scores, salt, reviewer)))`.
	pub fn commitment_of(scores: &[Score], salt: &[u8; 32], reviewer: &T::AccountId) -> H256 {
		BlakeTwo256::hash_of(&(scores, salt, reviewer))
	}

	/// `who`'s review weight for sales of `sale_usd` USD units: see
	/// [`consensus::review_weight`] (linear in the sales, times the tier's review weight
	/// bonus, times the reputation factor).
	pub fn review_weight(who: &T::AccountId, sale_usd: BalanceOf<T>) -> u128 {
		consensus::review_weight(
			sale_usd.unique_saturated_into(),
			T::Members::benefits(who).review_weight_bonus,
			Self::reputation(who),
		)
	}

	/// Commits `who`'s review of `product` in its open round with `who`'s ticket for that
	/// round, holding `bond`.
	///
	/// Errors: [`Error::BondTooLow`], [`Error::NoOpenRound`], [`Error::UnknownTicket`],
	/// [`Error::CommitPhaseOver`], [`Error::AlreadyCommitted`], [`Error::RoundFull`],
	/// [`Error::FundsFrozen`], [`Error::InsufficientBalance`].
	pub(crate) fn do_commit_review(
		who: T::AccountId,
		product: ProductId,
		commitment: H256,
		bond: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(bond >= T::MinBond::get(), Error::<T>::BondTooLow);
		let mut state = ProductStates::<T>::get(product).ok_or(Error::<T>::NoOpenRound)?;
		let (index, round) = state.open_round.as_mut().ok_or(Error::<T>::NoOpenRound)?;
		let index = *index;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < round.commit_end, Error::<T>::CommitPhaseOver);
		ensure!(
			!RoundReviews::<T>::contains_key((product, index, &who)),
			Error::<T>::AlreadyCommitted
		);
		let ticket = Tickets::<T>::get(product, &who)
			.filter(|ticket| ticket.round == index)
			.ok_or(Error::<T>::UnknownTicket)?;
		ensure!(round.reviewers < T::MaxReviewersPerRound::get(), Error::<T>::RoundFull);
		Self::hold(HoldReason::ReviewBond, &who, bond)?;

		let weight = Self::review_weight(&who, ticket.sale_usd);
		Tickets::<T>::remove(product, &who);
		RoundReviews::<T>::insert(
			(product, index, &who),
			Review {
				sale_usd: ticket.sale_usd,
				index: round.reviewers,
				commitment,
				bond,
				weight,
				scores: None,
			},
		);
		round.reviewers.saturating_inc();
		round.bonds.saturating_accrue(bond);
		ProductStates::<T>::insert(product, state);
		Self::deposit_event(Event::ReviewCommitted {
			product,
			round: index,
			reviewer: who,
			bond,
			weight,
		});
		Ok(())
	}

	/// Reveals `who`'s committed review of `product`'s open round.
	///
	/// Errors: [`Error::NoOpenRound`], [`Error::RevealPhaseNotStarted`],
	/// [`Error::RevealPhaseOver`], [`Error::NotCommitted`], [`Error::AlreadyRevealed`],
	/// [`Error::WrongScoreCount`], [`Error::ScoreOutOfRange`], [`Error::CommitmentMismatch`].
	pub(crate) fn do_reveal_review(
		who: T::AccountId,
		product: ProductId,
		scores: ScoresOf<T>,
		salt: [u8; 32],
	) -> DispatchResult {
		let mut state = ProductStates::<T>::get(product).ok_or(Error::<T>::NoOpenRound)?;
		let (index, round) = state.open_round.as_mut().ok_or(Error::<T>::NoOpenRound)?;
		let index = *index;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= round.commit_end, Error::<T>::RevealPhaseNotStarted);
		ensure!(now < round.reveal_end, Error::<T>::RevealPhaseOver);
		let mut review =
			RoundReviews::<T>::get((product, index, &who)).ok_or(Error::<T>::NotCommitted)?;
		ensure!(review.scores.is_none(), Error::<T>::AlreadyRevealed);
		Self::ensure_valid_scores(&scores, round.weights.len())?;
		ensure!(
			Self::commitment_of(&scores, &salt, &who) == review.commitment,
			Error::<T>::CommitmentMismatch
		);

		review.scores = Some(scores.clone());
		RoundReviews::<T>::insert((product, index, &who), review);
		round.revealed.saturating_inc();
		ProductStates::<T>::insert(product, state);
		Self::deposit_event(Event::ReviewRevealed { product, round: index, reviewer: who, scores });
		Ok(())
	}

	/// Checks that `scores` has one score per criterion (`criteria`), each within 0..=100.
	///
	/// Errors: [`Error::WrongScoreCount`], [`Error::ScoreOutOfRange`].
	pub(crate) fn ensure_valid_scores(scores: &[Score], criteria: usize) -> DispatchResult {
		ensure!(scores.len() == criteria, Error::<T>::WrongScoreCount);
		ensure!(scores.iter().all(|s| *s <= MAX_SCORE), Error::<T>::ScoreOutOfRange);
		Ok(())
	}
}
