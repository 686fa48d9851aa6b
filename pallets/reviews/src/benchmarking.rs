//! Benchmarks (frame-benchmarking v2) of every call and every background step, each at its
//! worst case: `MaxCriteria` criteria, `MaxReviewersPerRound` reviews, pools holding
//! `MaxPoolAssets` assets and queues nearly full.

use super::*;
use alloc::{vec, vec::Vec};
use despend_primitives::{
	Cid, OnOrderSettled as _, OrderSettlement, ProductId, SettlementParts, MAX_CID_LEN,
};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect as _, Mutate as _},
		fungibles::{Inspect as _, Mutate as _},
		Hooks,
	},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_arithmetic::Perbill;
use sp_runtime::traits::{One, SaturatedConversion, Saturating};

const SEED: u32 = 0;
const PRODUCT: ProductId = 1;
const CATEGORY: u32 = 1;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

fn set_block<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

fn max_cid() -> Cid {
	BoundedVec::truncate_from(vec![b'x'; MAX_CID_LEN as usize])
}

/// DSG enough for every deposit and bond, a hundred times over.
fn fund<T: Config>(who: &T::AccountId) {
	let amount = T::Currency::minimum_balance()
		.saturating_add(T::ExpertDeposit::get())
		.saturating_add(T::StandardDeposit::get())
		.saturating_add(T::MinBond::get())
		.saturating_add(T::AppealBond::get())
		.saturating_mul(100u32.into());
	let _ = T::Currency::mint_into(who, amount);
}

/// The assets fees arrive in, up to `MaxPoolAssets`.
fn fee_assets<T: Config>() -> Vec<T::AssetKind> {
	let mut assets = T::BenchmarkHelper::fee_assets();
	assets.truncate(T::MaxPoolAssets::get() as usize);
	assets
}

/// The first fee asset.
fn first_asset<T: Config>() -> Result<T::AssetKind, BenchmarkError> {
	fee_assets::<T>().first().cloned().ok_or(BenchmarkError::Stop("no fee asset"))
}

/// A sale amount of `asset` big enough that every part is above its minimum balance.
fn sale_of<T: Config>(asset: &T::AssetKind) -> BalanceOf<T> {
	T::Assets::minimum_balance(asset.clone()).max(One::one()).saturating_mul(1_000_000u32.into())
}

/// Endows the pallet account as the runtime does (the minimum balance of every asset).
fn endow_pallet_account<T: Config>() {
	let account = Pallet::<T>::account_id();
	for asset in fee_assets::<T>() {
		let _ = T::Assets::mint_into(asset.clone(), &account, T::Assets::minimum_balance(asset));
	}
}

/// The settlement of order `order` of `PRODUCT` bought by `buyer` in `asset`; funds the
/// pallet account with its experts' and reviewers' parts, as the order pallet does.
fn settlement<T: Config>(
	order: u64,
	buyer: &T::AccountId,
	asset: T::AssetKind,
) -> OrderSettlement<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>> {
	let sale = sale_of::<T>(&asset);
	let experts = Perbill::from_percent(10).mul_floor(sale);
	let reviewers = Perbill::from_percent(50).mul_floor(sale);
	let _ = T::Assets::mint_into(
		asset.clone(),
		&Pallet::<T>::account_id(),
		experts.saturating_add(reviewers),
	);
	OrderSettlement {
		product: PRODUCT,
		category: CATEGORY,
		quality_standard: Some(0),
		sale_usd: 10_000_000_000u64.saturated_into(),
		parts: SettlementParts {
			experience_fee: experts.saturating_add(reviewers),
			experts,
			reviewers,
			..Default::default()
		},
		product_metadata: max_cid(),
		settled_at: frame_system::Pallet::<T>::block_number(),
		..OrderSettlement::sale(order, buyer.clone(), account("merchant", 0, SEED), asset, sale)
	}
}

/// Settles order `order` of `PRODUCT` bought by `buyer` in `asset`.
fn settle<T: Config>(order: u64, buyer: &T::AccountId, asset: T::AssetKind) {
	Pallet::<T>::on_order_settled(&settlement::<T>(order, buyer, asset));
}

/// `c` criteria with the longest names, weights adding up to 100%.
fn criteria<T: Config>(c: u32) -> CriteriaOf<T> {
	let whole = Perbill::one().deconstruct();
	let each = whole / c.max(1);
	let first = whole.saturating_sub(each.saturating_mul(c.saturating_sub(1)));
	let list: Vec<_> = (0..c)
		.map(|i| Criterion {
			name: BoundedVec::truncate_from(vec![b'n'; T::MaxCriterionNameLen::get() as usize]),
			weight: Perbill::from_parts(if i == 0 { first } else { each }),
		})
		.collect();
	BoundedVec::truncate_from(list)
}

/// Registers an expert and publishes standard 0 with `c` criteria for `CATEGORY`.
fn setup_standard<T: Config>(c: u32) -> Result<T::AccountId, BenchmarkError> {
	let expert: T::AccountId = account("expert", 0, SEED);
	fund::<T>(&expert);
	Pallet::<T>::register_expert(RawOrigin::Signed(expert.clone()).into(), max_cid())?;
	Pallet::<T>::publish_standard(
		RawOrigin::Signed(expert.clone()).into(),
		CATEGORY,
		criteria::<T>(c),
		max_cid(),
	)?;
	Ok(expert)
}

fn salt() -> [u8; 32] {
	[7u8; 32]
}

/// Round 0 of `PRODUCT` with standard 0 of `c` criteria and `r` reviews: the first half
/// (rounded up) score 80 everywhere, the rest 0; all revealed if `reveal`. Fees arrive in every
/// asset. Leaves the chain at the end of the reveal phase. Returns the reviewers.
fn round_with<T: Config>(
	r: u32,
	c: u32,
	reveal: bool,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	// A round below the quorum is cheaper to finalize (no consensus) and cannot be appealed:
	// the benchmarks measure one that reaches it, so `r` below the quorum is charged as the
	// quorum.
	let r = r.max(T::MinRevealers::get()).min(T::MaxReviewersPerRound::get());
	set_block::<T>(One::one());
	endow_pallet_account::<T>();
	setup_standard::<T>(c)?;
	let assets = fee_assets::<T>();
	let reviewers: Vec<T::AccountId> = (0..r).map(|i| account("reviewer", i, SEED)).collect();
	for (i, who) in reviewers.iter().enumerate() {
		fund::<T>(who);
		let asset = assets.get(i % assets.len().max(1)).cloned().ok_or("no fee asset")?;
		settle::<T>(i as u64, who, asset);
	}
	// Every asset in the pools even with a single reviewer.
	for (i, asset) in assets.iter().enumerate() {
		settle::<T>(1_000_000 + i as u64, &account("buyer", i as u32, SEED), asset.clone());
	}
	let majority = r.saturating_add(1) / 2;
	let scores_of = |i: u32| -> ScoresOf<T> {
		BoundedVec::truncate_from(vec![if i < majority { 80 } else { 0 }; c as usize])
	};
	for (i, who) in reviewers.iter().enumerate() {
		let commitment = Pallet::<T>::commitment_of(&scores_of(i as u32), &salt(), who);
		Pallet::<T>::commit_review(
			RawOrigin::Signed(who.clone()).into(),
			PRODUCT,
			commitment,
			T::MinBond::get(),
		)?;
	}
	let round = Pallet::<T>::round(PRODUCT, 0).ok_or("round 0 is open")?;
	set_block::<T>(round.commit_end);
	if reveal {
		for (i, who) in reviewers.iter().enumerate() {
			Pallet::<T>::reveal_review(
				RawOrigin::Signed(who.clone()).into(),
				PRODUCT,
				scores_of(i as u32),
				salt(),
			)?;
		}
	}
	// A late fee: the next round opens at finalization.
	settle::<T>(2_000_000, &account("late", 0, SEED), first_asset::<T>()?);
	set_block::<T>(round.reveal_end);
	Ok(reviewers)
}

/// Moves the consensus so that every review agrees with it: each earns a share in every asset
/// of the pool, the most transfers a payout can make.
fn all_agree<T: Config>(reviewers: &[T::AccountId], c: u32) {
	for who in reviewers.iter() {
		let score = 80;
		RoundReviews::<T>::mutate((PRODUCT, 0, who), |review| {
			if let Some(review) = review {
				review.scores = Some(BoundedVec::truncate_from(vec![score; c as usize]));
			}
		});
	}
	Rounds::<T>::mutate(PRODUCT, 0, |round| {
		if let Some(round) = round {
			round.consensus = Some(BoundedVec::truncate_from(vec![80; c as usize]));
		}
	});
}

/// A finalized round 0 with `r` revealed reviews of `c` criteria, payable now.
fn finalized_round<T: Config>(r: u32, c: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let reviewers = round_with::<T>(r, c, true)?;
	Pallet::<T>::do_finalize_round(PRODUCT)?;
	all_agree::<T>(&reviewers, c);
	Ok(reviewers)
}

/// Round 0 under appeal by its first reviewer.
fn appealed_round<T: Config>(r: u32, c: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let reviewers = finalized_round::<T>(r, c)?;
	let appellant = reviewers.first().cloned().ok_or("at least one reviewer")?;
	Pallet::<T>::appeal(RawOrigin::Signed(appellant).into(), PRODUCT, 0)?;
	Ok(reviewers)
}

fn payout_block<T: Config>() -> BlockNumberFor<T> {
	match Rounds::<T>::get(PRODUCT, 0).map(|round| round.status) {
		Some(RoundStatus::Finalized { appeal_deadline }) => appeal_deadline,
		_ => frame_system::Pallet::<T>::block_number(),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_expert() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), max_cid());

		assert_last_event::<T>(Event::ExpertRegistered {
			expert: caller,
			deposit: T::ExpertDeposit::get(),
			profile: max_cid(),
		});
	}

	#[benchmark]
	fn deregister_expert() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		Pallet::<T>::register_expert(RawOrigin::Signed(caller.clone()).into(), max_cid())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert_last_event::<T>(Event::ExpertDeregistered {
			expert: caller,
			deposit: T::ExpertDeposit::get(),
		});
		Ok(())
	}

	#[benchmark]
	fn publish_standard(c: Linear<1, { T::MaxCriteria::get() }>) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		Pallet::<T>::register_expert(RawOrigin::Signed(caller.clone()).into(), max_cid())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), CATEGORY, criteria::<T>(c), max_cid());

		assert_last_event::<T>(Event::StandardPublished {
			standard: 0,
			expert: caller,
			category: CATEGORY,
			criteria: c,
			metadata: max_cid(),
		});
		Ok(())
	}

	#[benchmark]
	fn retire_standard() -> Result<(), BenchmarkError> {
		let expert = setup_standard::<T>(T::MaxCriteria::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(expert.clone()), 0);

		assert_last_event::<T>(Event::StandardRetired { standard: 0, expert });
		Ok(())
	}

	#[benchmark]
	fn commit_review() -> Result<(), BenchmarkError> {
		set_block::<T>(One::one());
		endow_pallet_account::<T>();
		setup_standard::<T>(T::MaxCriteria::get())?;
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		settle::<T>(0, &caller, first_asset::<T>()?);
		let scores: ScoresOf<T> =
			BoundedVec::truncate_from(vec![80; T::MaxCriteria::get() as usize]);
		let commitment = Pallet::<T>::commitment_of(&scores, &salt(), &caller);
		let bond = T::MinBond::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), PRODUCT, commitment, bond);

		assert!(RoundReviews::<T>::contains_key((PRODUCT, 0, &caller)));
		Ok(())
	}

	#[benchmark]
	fn reveal_review(c: Linear<1, { T::MaxCriteria::get() }>) -> Result<(), BenchmarkError> {
		set_block::<T>(One::one());
		endow_pallet_account::<T>();
		setup_standard::<T>(c)?;
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		settle::<T>(0, &caller, first_asset::<T>()?);
		let scores: ScoresOf<T> = BoundedVec::truncate_from(vec![80; c as usize]);
		let commitment = Pallet::<T>::commitment_of(&scores, &salt(), &caller);
		Pallet::<T>::commit_review(
			RawOrigin::Signed(caller.clone()).into(),
			PRODUCT,
			commitment,
			T::MinBond::get(),
		)?;
		let round = Pallet::<T>::round(PRODUCT, 0).ok_or("round 0 is open")?;
		set_block::<T>(round.commit_end);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), PRODUCT, scores.clone(), salt());

		assert_last_event::<T>(Event::ReviewRevealed {
			product: PRODUCT,
			round: 0,
			reviewer: caller,
			scores,
		});
		Ok(())
	}

	#[benchmark]
	fn finalize_round(
		r: Linear<1, { T::MaxReviewersPerRound::get() }>,
		c: Linear<1, { T::MaxCriteria::get() }>,
	) -> Result<(), BenchmarkError> {
		round_with::<T>(r, c, true)?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), PRODUCT);

		assert!(matches!(
			Rounds::<T>::get(PRODUCT, 0).map(|round| round.status),
			Some(RoundStatus::Finalized { .. })
		));
		// The late fee opened the next round.
		assert!(Pallet::<T>::round(PRODUCT, 1).is_some());
		Ok(())
	}

	#[benchmark]
	fn claim_round_rewards(
		r: Linear<1, { T::MaxReviewersPerRound::get() }>,
	) -> Result<(), BenchmarkError> {
		finalized_round::<T>(r, T::MaxCriteria::get())?;
		set_block::<T>(payout_block::<T>());
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), PRODUCT, 0);

		assert!(!Rounds::<T>::contains_key(PRODUCT, 0));
		Ok(())
	}

	#[benchmark]
	fn appeal() -> Result<(), BenchmarkError> {
		let reviewers =
			finalized_round::<T>(T::MaxReviewersPerRound::get(), T::MaxCriteria::get())?;
		let appellant = reviewers.first().cloned().ok_or("at least one reviewer")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(appellant.clone()), PRODUCT, 0);

		assert_last_event::<T>(Event::Appealed {
			product: PRODUCT,
			round: 0,
			appellant,
			bond: T::AppealBond::get(),
		});
		Ok(())
	}

	#[benchmark]
	fn uphold(r: Linear<1, { T::MaxReviewersPerRound::get() }>) -> Result<(), BenchmarkError> {
		appealed_round::<T>(r, T::MaxCriteria::get())?;
		let origin = T::ArbitrationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PRODUCT, 0);

		assert!(!Rounds::<T>::contains_key(PRODUCT, 0));
		Ok(())
	}

	#[benchmark]
	fn overturn(
		r: Linear<1, { T::MaxReviewersPerRound::get() }>,
		c: Linear<1, { T::MaxCriteria::get() }>,
	) -> Result<(), BenchmarkError> {
		appealed_round::<T>(r, c)?;
		let origin = T::ArbitrationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let corrected: ScoresOf<T> = BoundedVec::truncate_from(vec![80; c as usize]);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PRODUCT, 0, corrected);

		assert!(!Rounds::<T>::contains_key(PRODUCT, 0));
		Ok(())
	}

	#[benchmark]
	fn on_order_settled() -> Result<(), BenchmarkError> {
		// Worst case: the settlement opens a round, taking a carry-over in every asset and a
		// standard of `MaxCriteria` criteria, queued for finalization.
		set_block::<T>(One::one());
		endow_pallet_account::<T>();
		setup_standard::<T>(T::MaxCriteria::get())?;
		let assets = fee_assets::<T>();
		let mut carry_over = Pools::<T>::default();
		for asset in assets.iter() {
			let amount = sale_of::<T>(asset);
			let _ = T::Assets::mint_into(
				asset.clone(),
				&Pallet::<T>::account_id(),
				amount.saturating_add(amount),
			);
			let _ = carry_over.reviewers.try_push((asset.clone(), amount));
			let _ = carry_over.experts.try_push((asset.clone(), amount));
		}
		ProductStates::<T>::insert(
			PRODUCT,
			ProductState {
				merchant: account("merchant", 0, SEED),
				category: CATEGORY,
				standard: Some(0),
				open_round: None,
				rounds: 1,
				carry_over,
				carry_over_sales: 10_000_000_000u64.saturated_into(),
				late_fees: false,
			},
		);
		let buyer: T::AccountId = account("buyer", 0, SEED);
		// An old ticket of the buyer's, replaced by the new round's.
		Tickets::<T>::insert(
			PRODUCT,
			&buyer,
			Ticket { round: 0, sale_usd: 10_000_000_000u64.saturated_into() },
		);
		let settled = settlement::<T>(0, &buyer, first_asset::<T>()?);

		#[block]
		{
			Pallet::<T>::on_order_settled(&settled);
		}

		assert!(Pallet::<T>::round(PRODUCT, 1).is_some());
		assert_eq!(Tickets::<T>::get(PRODUCT, &buyer).map(|t| t.round), Some(1));
		Ok(())
	}

	#[benchmark]
	fn on_idle_finalize(
		r: Linear<1, { T::MaxReviewersPerRound::get() }>,
		c: Linear<1, { T::MaxCriteria::get() }>,
	) -> Result<(), BenchmarkError> {
		round_with::<T>(r, c, true)?;
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}

		assert!(matches!(
			Rounds::<T>::get(PRODUCT, 0).map(|round| round.status),
			Some(RoundStatus::Finalized { .. })
		));
		Ok(())
	}

	#[benchmark]
	fn on_idle_payout(
		r: Linear<1, { T::MaxReviewersPerRound::get() }>,
	) -> Result<(), BenchmarkError> {
		finalized_round::<T>(r, T::MaxCriteria::get())?;
		// Only the payout is measured, whatever the phase lengths: the next round waits.
		if let Some(next) = Pallet::<T>::round(PRODUCT, 1) {
			Pallet::<T>::unschedule(Queue::Finalization, next.reveal_end, PRODUCT, 1);
		}
		let now = payout_block::<T>();
		set_block::<T>(now);

		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}

		assert!(!Rounds::<T>::contains_key(PRODUCT, 0));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
