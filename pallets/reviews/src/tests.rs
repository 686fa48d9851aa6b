//! Tests of the reviews pallet. Every test runs through `build_and_execute`, which checks the
//! pallet's invariants (`do_try_state`) afterwards. Expected amounts are worked out by hand in
//! the comments, from the mock's parameters, not read back from the pallet.

use crate::{features::consensus, mock::*, Error, Event, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Hooks},
	weights::Weight,
	BoundedVec,
};
use sp_arithmetic::Perbill;
use sp_runtime::DispatchError;

/// The product most tests review.
const P: u32 = 7;
/// A sale of 100 USDT (6 decimals), worth 100 USD.
const SALE: Balance = 100_000_000;
/// Of its 15% experience fee (15 USDT): the reviewers' 50%.
const REVIEWERS_PART: Balance = 7_500_000;
/// Of it: the experts' 10%.
const EXPERTS_PART: Balance = 1_500_000;
/// The weight of a 100 USD review of a newcomer without a tier: 100 USD × 0.5 (reputation 0).
const W100: u128 = 50_000_000;
/// The bond most reviewers post.
const BOND: Balance = 100;
/// Standard 0: quality 60%, service 40%, for category 1.
const STANDARD: u32 = 0;

/// The entries of `queue` as `(due block, product, round)`, in block order.
fn queued(queue: Queue) -> Vec<(u64, despend_primitives::ProductId, RoundIndex)> {
	let entries: Vec<(u64, (despend_primitives::ProductId, RoundIndex), ())> = match queue {
		Queue::Finalization => FinalizationQueue::<Test>::iter().collect(),
		Queue::Payout => PayoutQueue::<Test>::iter().collect(),
	};
	let mut entries: Vec<_> =
		entries.into_iter().map(|(due, (product, index), ())| (due, product, index)).collect();
	entries.sort();
	entries
}

fn cid(text: &str) -> despend_primitives::Cid {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

fn criteria(list: &[(&str, u32)]) -> CriteriaOf<Test> {
	BoundedVec::truncate_from(
		list.iter()
			.map(|(name, pct)| Criterion {
				name: BoundedVec::truncate_from(name.as_bytes().to_vec()),
				weight: Perbill::from_percent(*pct),
			})
			.collect::<Vec<_>>(),
	)
}

fn scores(list: &[u8]) -> ScoresOf<Test> {
	BoundedVec::truncate_from(list.to_vec())
}

fn salt(byte: u8) -> [u8; 32] {
	[byte; 32]
}

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

/// Registers [`EXPERT`] and publishes [`STANDARD`].
fn publish_standard() {
	assert_ok!(Reviews::register_expert(RuntimeOrigin::signed(EXPERT), cid("expert")));
	assert_ok!(Reviews::publish_standard(
		RuntimeOrigin::signed(EXPERT),
		1,
		criteria(&[("quality", 60), ("service", 40)]),
		cid("standard"),
	));
}

/// `buyer` buys product [`P`] for 100 USDT in `order`; it settles now.
fn buy(order: u64, buyer: AccountId) {
	settle(&settlement(order, P, buyer, USDT, SALE, SALE, Some(STANDARD)));
}

fn commit(who: AccountId, list: &[u8], salt_byte: u8, bond: Balance) {
	let commitment = Reviews::commitment_of(list, &salt(salt_byte), &who);
	assert_ok!(Reviews::commit_review(RuntimeOrigin::signed(who), P, commitment, bond));
}

fn try_commit(who: AccountId, product: u32, bond: Balance) -> sp_runtime::DispatchResult {
	let commitment = Reviews::commitment_of(&[80, 70], &salt(1), &who);
	Reviews::commit_review(RuntimeOrigin::signed(who), product, commitment, bond)
}

fn reveal(who: AccountId, list: &[u8], salt_byte: u8) {
	assert_ok!(Reviews::reveal_review(
		RuntimeOrigin::signed(who),
		P,
		scores(list),
		salt(salt_byte)
	));
}

/// Standard 0, and each `(buyer, scores)` buys at block 1 (order = buyer), commits at block 2
/// with [`BOND`] and reveals at block 11 (`None`: does not reveal). Leaves the chain at block
/// 21, when round 0 (commit until 11, reveal until 21) may be finalized.
fn round_with(reviews: &[(AccountId, Option<&[u8]>)]) {
	publish_standard();
	for (buyer, _) in reviews {
		buy(*buyer, *buyer);
	}
	go_to(2);
	for (buyer, list) in reviews {
		commit(*buyer, list.unwrap_or(&[0, 0]), *buyer as u8, BOND);
	}
	go_to(11);
	for (buyer, list) in reviews {
		if let Some(list) = list {
			reveal(*buyer, list, *buyer as u8);
		}
	}
	go_to(21);
}

fn finalize() {
	assert_ok!(Reviews::finalize_round(RuntimeOrigin::signed(99), P));
}

fn claim(round: RoundIndex) {
	assert_ok!(Reviews::claim_round_rewards(RuntimeOrigin::signed(99), P, round));
}

/// What a review earns of `pool`: `pool × sale / total` rounded down, then scaled by an
/// accuracy of `points` out of 100 (rounded down): the independent check of a claim.
fn earned(pool: u128, sale: u128, total: u128, points: u128) -> u128 {
	pool * sale / total * points / 100
}

// ---------------------------------------------------------------------------------------------
// Experts and standards
// ---------------------------------------------------------------------------------------------

#[test]
fn expert_registers_with_a_held_deposit() {
	build_and_execute(|| {
		assert_ok!(Reviews::register_expert(RuntimeOrigin::signed(EXPERT), cid("me")));
		assert_eq!(
			Experts::<Test>::get(EXPERT),
			Some(Expert { deposit: 100, profile: cid("me"), standards: 0 })
		);
		assert_eq!(held(HoldReason::ExpertDeposit, EXPERT), 100);
		assert_eq!(Balances::free_balance(EXPERT), INITIAL_DSG - 100);
		System::assert_last_event(
			Event::ExpertRegistered { expert: EXPERT, deposit: 100, profile: cid("me") }.into(),
		);
	});
}

#[test]
fn expert_cannot_register_twice_or_without_the_deposit() {
	build_and_execute(|| {
		assert_ok!(Reviews::register_expert(RuntimeOrigin::signed(EXPERT), cid("me")));
		assert_noop!(
			Reviews::register_expert(RuntimeOrigin::signed(EXPERT), cid("me")),
			Error::<Test>::AlreadyExpert
		);
		assert_noop!(
			Reviews::register_expert(RuntimeOrigin::signed(POOR), cid("poor")),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn expert_deregisters_and_gets_the_deposit_back() {
	build_and_execute(|| {
		assert_ok!(Reviews::register_expert(RuntimeOrigin::signed(EXPERT), cid("me")));
		assert_ok!(Reviews::deregister_expert(RuntimeOrigin::signed(EXPERT)));
		assert!(!Experts::<Test>::contains_key(EXPERT));
		assert_eq!(held(HoldReason::ExpertDeposit, EXPERT), 0);
		assert_eq!(Balances::free_balance(EXPERT), INITIAL_DSG);
		System::assert_last_event(
			Event::ExpertDeregistered { expert: EXPERT, deposit: 100 }.into(),
		);
	});
}

#[test]
fn only_an_expert_without_active_standards_can_deregister() {
	build_and_execute(|| {
		assert_noop!(
			Reviews::deregister_expert(RuntimeOrigin::signed(EXPERT)),
			Error::<Test>::NotExpert
		);
		publish_standard();
		assert_noop!(
			Reviews::deregister_expert(RuntimeOrigin::signed(EXPERT)),
			Error::<Test>::HasActiveStandards
		);
	});
}

#[test]
fn expert_publishes_a_standard_that_products_of_its_category_can_use() {
	build_and_execute(|| {
		publish_standard();
		let standard = Standards::<Test>::get(STANDARD).unwrap();
		assert_eq!(standard.expert, EXPERT);
		assert_eq!(standard.category, 1);
		assert_eq!(standard.criteria, criteria(&[("quality", 60), ("service", 40)]));
		assert_eq!(standard.deposit, 50);
		assert_eq!(Experts::<Test>::get(EXPERT).unwrap().standards, 1);
		assert_eq!(held(HoldReason::StandardDeposit, EXPERT), 50);
		assert_eq!(NextStandardId::<Test>::get(), 1);
		System::assert_last_event(
			Event::StandardPublished {
				standard: STANDARD,
				expert: EXPERT,
				category: 1,
				criteria: 2,
				metadata: cid("standard"),
			}
			.into(),
		);
		use despend_primitives::QualityStandards;
		assert!(Reviews::is_usable(STANDARD, 1));
		assert!(!Reviews::is_usable(STANDARD, 2));
		assert!(!Reviews::is_usable(STANDARD + 1, 1));
	});
}

#[test]
fn a_standard_needs_named_criteria_whose_weights_make_a_whole() {
	build_and_execute(|| {
		let publish = |who, list: CriteriaOf<Test>| {
			Reviews::publish_standard(RuntimeOrigin::signed(who), 1, list, cid("s"))
		};
		assert_noop!(publish(EXPERT, criteria(&[("a", 100)])), Error::<Test>::NotExpert);
		assert_ok!(Reviews::register_expert(RuntimeOrigin::signed(EXPERT), cid("me")));
		assert_noop!(publish(EXPERT, criteria(&[])), Error::<Test>::NoCriteria);
		assert_noop!(
			publish(EXPERT, criteria(&[("a", 60), ("", 40)])),
			Error::<Test>::EmptyCriterionName
		);
		assert_noop!(
			publish(EXPERT, criteria(&[("a", 60), ("b", 30)])),
			Error::<Test>::CriteriaWeightsNotWhole
		);
		assert_noop!(
			publish(EXPERT, criteria(&[("a", 60), ("b", 50)])),
			Error::<Test>::CriteriaWeightsNotWhole
		);
		NextStandardId::<Test>::put(u32::MAX);
		assert_noop!(publish(EXPERT, criteria(&[("a", 100)])), Error::<Test>::StandardIdsExhausted);
	});
}

#[test]
fn publishing_a_standard_needs_its_deposit() {
	build_and_execute(|| {
		// 130 DSG: 100 for the expert deposit leaves 30, short of the 50 a standard needs.
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), 30, 130));
		assert_ok!(Reviews::register_expert(RuntimeOrigin::signed(30), cid("me")));
		assert_noop!(
			Reviews::publish_standard(
				RuntimeOrigin::signed(30),
				1,
				criteria(&[("a", 100)]),
				cid("s")
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn expert_retires_a_standard_and_gets_its_deposit_back() {
	build_and_execute(|| {
		publish_standard();
		assert_ok!(Reviews::retire_standard(RuntimeOrigin::signed(EXPERT), STANDARD));
		assert!(!Standards::<Test>::contains_key(STANDARD));
		assert_eq!(Experts::<Test>::get(EXPERT).unwrap().standards, 0);
		assert_eq!(held(HoldReason::StandardDeposit, EXPERT), 0);
		use despend_primitives::QualityStandards;
		assert!(!Reviews::is_usable(STANDARD, 1));
		System::assert_last_event(
			Event::StandardRetired { standard: STANDARD, expert: EXPERT }.into(),
		);
		// With no active standard left, the expert may leave.
		assert_ok!(Reviews::deregister_expert(RuntimeOrigin::signed(EXPERT)));
	});
}

#[test]
fn only_its_expert_retires_an_existing_standard() {
	build_and_execute(|| {
		assert_noop!(
			Reviews::retire_standard(RuntimeOrigin::signed(EXPERT), STANDARD),
			Error::<Test>::UnknownStandard
		);
		publish_standard();
		assert_noop!(
			Reviews::retire_standard(RuntimeOrigin::signed(1), STANDARD),
			Error::<Test>::NotStandardExpert
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Settlements: tickets, pools, rounds
// ---------------------------------------------------------------------------------------------

#[test]
fn a_settled_order_gives_a_ticket_for_the_round_its_fees_open() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		assert_eq!(Tickets::<Test>::get(P, 1), Some(Ticket { round: 0, sale_usd: SALE }));
		let state = ProductStates::<Test>::get(P).unwrap();
		assert_eq!((state.merchant, state.category, state.standard), (MERCHANT, 1, Some(STANDARD)));
		assert_eq!((state.open_round.map(|(i, _)| i), state.rounds), (Some(0), 1));
		let round = Reviews::round(P, 0).unwrap();
		// Opened at block 1: commits until 11, reveals until 21.
		assert_eq!((round.opened_at, round.commit_end, round.reveal_end), (1, 11, 21));
		assert_eq!(round.standard, Some(STANDARD));
		assert_eq!(round.expert, Some(EXPERT));
		assert_eq!(
			round.weights.to_vec(),
			vec![Perbill::from_percent(60), Perbill::from_percent(40)]
		);
		assert_eq!(round.pools.reviewers.to_vec(), vec![(USDT, REVIEWERS_PART)]);
		assert_eq!(round.pools.experts.to_vec(), vec![(USDT, EXPERTS_PART)]);
		assert_eq!(round.sales_usd, SALE);
		assert_eq!(round.status, RoundStatus::Open);
		assert_eq!(queued(Queue::Finalization), vec![(21, P, 0)]);
		System::assert_has_event(
			Event::RoundOpened {
				product: P,
				round: 0,
				standard: Some(STANDARD),
				commit_end: 11,
				reveal_end: 21,
			}
			.into(),
		);
		System::assert_last_event(
			Event::TicketIssued {
				order: 1,
				buyer: 1,
				product: P,
				round: 0,
				sale_usd: SALE,
				asset: USDT,
				reviewers: REVIEWERS_PART,
				experts: EXPERTS_PART,
			}
			.into(),
		);
	});
}

#[test]
fn a_buyers_orders_in_one_round_make_one_ticket_of_their_summed_sales() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		settle(&settlement(2, P, 1, USDC, 40_000_000, 40_000_000, Some(STANDARD)));
		assert_eq!(
			Tickets::<Test>::get(P, 1),
			Some(Ticket { round: 0, sale_usd: SALE + 40_000_000 })
		);
		assert_eq!(Tickets::<Test>::iter().count(), 1);
		// Splitting the same 140 USD into two accounts gives each a ticket of its own part.
		settle(&settlement(3, P, 2, USDT, SALE, SALE, Some(STANDARD)));
		settle(&settlement(4, P, 3, USDT, 40_000_000, 40_000_000, Some(STANDARD)));
		assert_eq!(Tickets::<Test>::get(P, 2).unwrap().sale_usd, SALE);
		assert_eq!(Tickets::<Test>::get(P, 3).unwrap().sale_usd, 40_000_000);
		assert_eq!(Reviews::round(P, 0).unwrap().sales_usd, 2 * (SALE + 40_000_000));
	});
}

#[test]
fn fees_of_one_round_accumulate_per_asset() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		buy(2, 2);
		settle(&settlement(3, P, 3, USDC, 40_000_000, 40_000_000, Some(STANDARD)));
		settle(&settlement(4, P, 4, DSG, 1_000, 50_000_000, Some(STANDARD)));
		let round = Reviews::round(P, 0).unwrap();
		// USDC 40: fee 6, reviewers 3, experts 0.6. DSG 1000: fee 150, reviewers 75, experts 15.
		assert_eq!(
			round.pools.reviewers.to_vec(),
			vec![(USDT, 2 * REVIEWERS_PART), (USDC, 3_000_000), (DSG, 75)]
		);
		assert_eq!(
			round.pools.experts.to_vec(),
			vec![(USDT, 2 * EXPERTS_PART), (USDC, 600_000), (DSG, 15)]
		);
		assert_eq!(round.sales_usd, 2 * SALE + 40_000_000 + 50_000_000);
		assert_eq!(Tickets::<Test>::iter().count(), 4);
	});
}

#[test]
fn a_fourth_asset_finds_no_pool_slot_and_goes_to_the_treasury() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		settle(&settlement(2, P, 2, USDC, SALE, SALE, Some(STANDARD)));
		settle(&settlement(3, P, 3, DSG, SALE, SALE, Some(STANDARD)));
		let extra = frame_support::traits::fungible::NativeOrWithId::WithId(EXTRA_ID);
		settle(&settlement(4, P, 4, extra.clone(), SALE, SALE, Some(STANDARD)));
		assert_eq!(balance(extra.clone(), TREASURY), REVIEWERS_PART + EXPERTS_PART);
		System::assert_has_event(
			Event::FeesDiverted { product: P, asset: extra.clone(), amount: REVIEWERS_PART }.into(),
		);
		System::assert_has_event(
			Event::FeesDiverted { product: P, asset: extra.clone(), amount: EXPERTS_PART }.into(),
		);
		// The ticket's event says the pools took nothing of it.
		System::assert_last_event(
			Event::TicketIssued {
				order: 4,
				buyer: 4,
				product: P,
				round: 0,
				sale_usd: SALE,
				asset: extra,
				reviewers: 0,
				experts: 0,
			}
			.into(),
		);
		assert_eq!(Reviews::round(P, 0).unwrap().pools.reviewers.len(), 3);
	});
}

#[test]
fn a_settlement_without_experience_fee_still_opens_a_round_with_its_ticket() {
	build_and_execute(|| {
		let mut s = settlement(1, P, 1, USDT, SALE, SALE, None);
		s.parts.experts = 0;
		s.parts.reviewers = 0;
		settle(&s);
		assert_eq!(Tickets::<Test>::get(P, 1), Some(Ticket { round: 0, sale_usd: SALE }));
		let round = Reviews::round(P, 0).unwrap();
		assert!(round.pools.is_empty());
		assert_eq!(round.sales_usd, SALE);
		commit(1, &[50], 1, BOND);
	});
}

#[test]
fn fees_after_the_commit_phase_wait_with_their_tickets_for_the_next_round() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		go_to(11);
		buy(2, 2);
		let state = ProductStates::<Test>::get(P).unwrap();
		assert_eq!(state.carry_over.reviewers.to_vec(), vec![(USDT, REVIEWERS_PART)]);
		assert_eq!(state.carry_over_sales, SALE);
		assert!(state.late_fees);
		assert_eq!(Tickets::<Test>::get(P, 2), Some(Ticket { round: 1, sale_usd: SALE }));
		assert_eq!(Reviews::round(P, 0).unwrap().sales_usd, SALE);
		// The fees wait for round 1, and so does the ticket.
		System::assert_last_event(
			Event::TicketIssued {
				order: 2,
				buyer: 2,
				product: P,
				round: 1,
				sale_usd: SALE,
				asset: USDT,
				reviewers: REVIEWERS_PART,
				experts: EXPERTS_PART,
			}
			.into(),
		);
		go_to(21);
		finalize();
		// Round 1 opened at once with the late fees, so order 2's buyer can review it.
		let state = ProductStates::<Test>::get(P).unwrap();
		assert_eq!(
			(state.open_round.map(|(i, _)| i), state.rounds, state.late_fees),
			(Some(1), 2, false)
		);
		assert!(state.carry_over.is_empty());
		assert_eq!(state.carry_over_sales, 0);
		let next = Reviews::round(P, 1).unwrap();
		assert_eq!((next.commit_end, next.reveal_end), (31, 41));
		assert_eq!(next.pools.reviewers.to_vec(), vec![(USDT, REVIEWERS_PART)]);
		assert_eq!(next.pools.experts.to_vec(), vec![(USDT, EXPERTS_PART)]);
		assert_eq!(next.sales_usd, SALE);
		commit(2, &[70, 70], 2, BOND);
	});
}

#[test]
fn a_ticket_of_an_earlier_round_is_replaced_by_the_next_rounds() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		go_to(21);
		finalize();
		go_to(22);
		// A new purchase opens round 1: the unused ticket of round 0 gives way to it.
		buy(2, 1);
		assert_eq!(Tickets::<Test>::get(P, 1), Some(Ticket { round: 1, sale_usd: SALE }));
	});
}

#[test]
fn a_round_without_a_usable_standard_scores_one_overall_criterion_for_the_treasury() {
	build_and_execute(|| {
		publish_standard();
		// The product claims standard 0, but sells in category 2, for which it is not published.
		let mut s = settlement(1, P, 1, USDT, SALE, SALE, Some(STANDARD));
		s.category = 2;
		settle(&s);
		let round = Reviews::round(P, 0).unwrap();
		assert_eq!((round.standard, round.expert), (None, None));
		assert_eq!(round.weights.to_vec(), vec![Perbill::one()]);
		go_to(2);
		commit(1, &[90], 1, BOND);
		go_to(11);
		reveal(1, &[90], 1);
		go_to(21);
		finalize();
		assert_eq!(balance(USDT, TREASURY), EXPERTS_PART);
		System::assert_has_event(
			Event::ExpertsPaid {
				product: P,
				round: 0,
				to: TREASURY,
				asset: USDT,
				amount: EXPERTS_PART,
			}
			.into(),
		);
		let score = Reviews::product_score(P).unwrap();
		assert_eq!((score.scores.to_vec(), score.overall, score.standard), (vec![90], 90, None));
	});
}

// ---------------------------------------------------------------------------------------------
// Commit
// ---------------------------------------------------------------------------------------------

#[test]
fn a_buyer_commits_a_review_with_a_held_bond_using_up_the_ticket() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		let commitment = Reviews::commitment_of(&[80, 70], &salt(1), &1);
		assert_ok!(Reviews::commit_review(RuntimeOrigin::signed(1), P, commitment, BOND));
		assert!(!Tickets::<Test>::contains_key(P, 1));
		assert_eq!(
			RoundReviews::<Test>::get((P, 0, 1)),
			Some(Review {
				sale_usd: SALE,
				index: 0,
				commitment,
				bond: BOND,
				weight: W100,
				scores: None
			})
		);
		assert_eq!(held(HoldReason::ReviewBond, 1), BOND);
		let round = Reviews::round(P, 0).unwrap();
		assert_eq!((round.reviewers, round.revealed, round.bonds), (1, 0, BOND));
		System::assert_last_event(
			Event::ReviewCommitted { product: P, round: 0, reviewer: 1, bond: BOND, weight: W100 }
				.into(),
		);
	});
}

#[test]
fn reviewing_without_a_settled_order_of_the_round_fails() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		// Account 2 bought nothing.
		assert_noop!(try_commit(2, P, BOND), Error::<Test>::UnknownTicket);
		// Account 3 bought another product.
		settle(&settlement(2, P + 1, 3, USDT, SALE, SALE, None));
		assert_noop!(try_commit(3, P, BOND), Error::<Test>::UnknownTicket);
		// Account 4's purchase came after the commit phase: its ticket is for round 1.
		go_to(11);
		buy(4, 4);
		System::set_block_number(10);
		assert_noop!(try_commit(4, P, BOND), Error::<Test>::UnknownTicket);
	});
}

#[test]
fn one_account_commits_once_per_round_whatever_it_bought() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		buy(2, 1);
		commit(1, &[80, 70], 1, BOND);
		// Both orders' weight went into the one review; there is no second voice to commit.
		assert_eq!(RoundReviews::<Test>::get((P, 0, 1)).unwrap().sale_usd, 2 * SALE);
		assert_noop!(try_commit(1, P, BOND), Error::<Test>::AlreadyCommitted);
	});
}

#[test]
fn a_commit_needs_the_commit_phase_and_a_big_enough_bond_the_reviewer_can_pay() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		buy(2, 2);
		buy(3, POOR);
		assert_noop!(try_commit(1, P, 9), Error::<Test>::BondTooLow);
		// POOR has 5 DSG: not enough for the 10 DSG minimum bond.
		assert_noop!(try_commit(POOR, P, 10), Error::<Test>::InsufficientBalance);
		assert_noop!(try_commit(1, P + 1, BOND), Error::<Test>::NoOpenRound);
		go_to(11);
		assert_noop!(try_commit(2, P, BOND), Error::<Test>::CommitPhaseOver);
	});
}

#[test]
fn a_bond_never_takes_frozen_dsg() {
	build_and_execute(|| {
		use frame_support::traits::{LockableCurrency, WithdrawReasons};
		publish_standard();
		buy(1, 1);
		// All but 50 DSG of account 1 is locked (a vesting schedule or a conviction vote).
		Balances::set_lock(*b"vesting ", &1, INITIAL_DSG - 50, WithdrawReasons::all());
		assert_noop!(try_commit(1, P, 100), Error::<Test>::FundsFrozen);
		// What is not frozen can be bonded.
		assert_ok!(try_commit(1, P, 40));
		assert_eq!(held(HoldReason::ReviewBond, 1), 40);
	});
}

#[test]
fn a_full_round_takes_no_more_reviewers() {
	build_and_execute(|| {
		publish_standard();
		// MaxReviewersPerRound is 10.
		for buyer in 1..=11 {
			buy(buyer, buyer);
		}
		for buyer in 1..=10 {
			commit(buyer, &[80, 70], 1, BOND);
		}
		assert_noop!(try_commit(11, P, BOND), Error::<Test>::RoundFull);
	});
}

#[test]
fn review_weight_is_linear_in_the_sale_and_grows_with_tier_and_reputation() {
	build_and_execute(|| {
		// A newcomer (reputation 0) weighs half its sale in USD units.
		assert_eq!(Reviews::review_weight(&1, 1_000_000), 500_000);
		assert_eq!(Reviews::review_weight(&1, 100_000_000), 50_000_000);
		assert_eq!(Reviews::review_weight(&1, 1_000_000_000_000), 500_000_000_000);
		assert_eq!(Reviews::review_weight(&1, 0), 0);
		// A tier with a 20% review bonus: × 1.2.
		set_review_bonus(2, Perbill::from_percent(20));
		assert_eq!(Reviews::review_weight(&2, 100_000_000), 60_000_000);
		// Reputation 1000 → ×1.5; 500 → ×1; 700 → ×1.2.
		Reputations::<Test>::insert(3, 1_000);
		assert_eq!(Reviews::review_weight(&3, 100_000_000), 150_000_000);
		Reputations::<Test>::insert(3, 500);
		assert_eq!(Reviews::review_weight(&3, 100_000_000), 100_000_000);
		Reputations::<Test>::insert(3, 700);
		assert_eq!(Reviews::review_weight(&3, 100_000_000), 120_000_000);
	});
}

#[test]
fn splitting_a_purchase_into_orders_or_accounts_never_adds_weight() {
	build_and_execute(|| {
		// One account with a reputation and a tier, and the same money split across fresh
		// accounts (no reputation, no tier): the parts never outweigh the whole.
		set_review_bonus(1, Perbill::from_percent(20));
		Reputations::<Test>::insert(1, 300);
		let whole = Reviews::review_weight(&1, 1_000 * 1_000_000);
		for parts in [2u128, 3, 7, 10, 100, 1_000] {
			let each = 1_000 * 1_000_000 / parts;
			let split: u128 =
				(0..parts).map(|i| Reviews::review_weight(&(100 + i as u64), each)).sum::<u128>();
			assert!(split <= whole, "{parts} parts weigh {split} > {whole}");
		}
		// The worst an account can have is a fresh one's: its split parts add up to it.
		let fresh = Reviews::review_weight(&99, 1_000 * 1_000_000);
		let split: u128 = (0..10).map(|i| Reviews::review_weight(&(200 + i), 100_000_000)).sum();
		assert_eq!(split, fresh);
	});
}

// ---------------------------------------------------------------------------------------------
// Reveal
// ---------------------------------------------------------------------------------------------

#[test]
fn a_reviewer_reveals_during_the_reveal_phase() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		commit(1, &[80, 70], 1, BOND);
		go_to(11);
		reveal(1, &[80, 70], 1);
		assert_eq!(RoundReviews::<Test>::get((P, 0, 1)).unwrap().scores, Some(scores(&[80, 70])));
		assert_eq!(Reviews::round(P, 0).unwrap().revealed, 1);
		System::assert_last_event(
			Event::ReviewRevealed { product: P, round: 0, reviewer: 1, scores: scores(&[80, 70]) }
				.into(),
		);
	});
}

#[test]
fn a_reveal_that_does_not_match_its_commitment_fails() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		buy(2, 2);
		commit(1, &[80, 70], 1, BOND);
		go_to(11);
		let reveal = |who, list: &[u8], byte| {
			Reviews::reveal_review(RuntimeOrigin::signed(who), P, scores(list), salt(byte))
		};
		// Other scores, another salt, or someone else's reveal of the same secret.
		assert_noop!(reveal(1, &[81, 70], 1), Error::<Test>::CommitmentMismatch);
		assert_noop!(reveal(1, &[80, 70], 2), Error::<Test>::CommitmentMismatch);
		assert_noop!(reveal(2, &[80, 70], 1), Error::<Test>::NotCommitted);
	});
}

#[test]
fn a_reveal_needs_its_phase_and_one_valid_score_per_criterion() {
	build_and_execute(|| {
		let reveal = |who, product, list: &[u8], byte| {
			Reviews::reveal_review(RuntimeOrigin::signed(who), product, scores(list), salt(byte))
		};
		publish_standard();
		buy(1, 1);
		commit(1, &[80, 70], 1, BOND);
		assert_noop!(reveal(1, P + 1, &[80, 70], 1), Error::<Test>::NoOpenRound);
		assert_noop!(reveal(1, P, &[80, 70], 1), Error::<Test>::RevealPhaseNotStarted);
		go_to(11);
		assert_noop!(reveal(1, P, &[80], 1), Error::<Test>::WrongScoreCount);
		assert_noop!(reveal(1, P, &[80, 70, 60], 1), Error::<Test>::WrongScoreCount);
		assert_noop!(reveal(1, P, &[101, 70], 1), Error::<Test>::ScoreOutOfRange);
		assert_ok!(reveal(1, P, &[80, 70], 1));
		assert_noop!(reveal(1, P, &[80, 70], 1), Error::<Test>::AlreadyRevealed);
		go_to(21);
		assert_noop!(reveal(1, P, &[80, 70], 1), Error::<Test>::RevealPhaseOver);
	});
}

// ---------------------------------------------------------------------------------------------
// Finalization
// ---------------------------------------------------------------------------------------------

#[test]
fn a_round_finalizes_to_the_weighted_median_and_pays_the_expert() {
	build_and_execute(|| {
		// Reviewer 3 has a 50% tier bonus: weight 1.5 × that of 1 and 2.
		set_review_bonus(3, Perbill::from_percent(50));
		round_with(&[(1, Some(&[90, 40])), (2, Some(&[60, 50])), (3, Some(&[70, 60]))]);
		finalize();
		// Quality: 60 (2), 70 (3), 90 (3.5 of 7 halves) → 70. Service: 40, 50 → 50.
		let consensus = scores(&[70, 50]);
		let round = Reviews::round(P, 0).unwrap();
		assert_eq!(round.consensus, Some(consensus.clone()));
		assert_eq!(round.status, RoundStatus::Finalized { appeal_deadline: 31 });
		assert!(round.pools.experts.is_empty());
		assert_eq!(round.pools.reviewers.to_vec(), vec![(USDT, 3 * REVIEWERS_PART)]);
		// Overall: 0.6 × 70 + 0.4 × 50 = 62.
		assert_eq!(
			Reviews::product_score(P),
			Some(ProductScore {
				round: 0,
				standard: Some(STANDARD),
				scores: consensus.clone(),
				overall: 62,
				reviewers: 3
			})
		);
		assert_eq!(balance(USDT, EXPERT), 3 * EXPERTS_PART);
		assert_eq!(ProductStates::<Test>::get(P).unwrap().open_round, None);
		assert!(queued(Queue::Finalization).is_empty());
		assert_eq!(queued(Queue::Payout), vec![(31, P, 0)]);
		System::assert_has_event(
			Event::ProductScored { product: P, round: 0, scores: consensus.clone(), overall: 62 }
				.into(),
		);
		System::assert_has_event(
			Event::ExpertsPaid {
				product: P,
				round: 0,
				to: EXPERT,
				asset: USDT,
				amount: 3 * EXPERTS_PART,
			}
			.into(),
		);
		System::assert_last_event(
			Event::RoundFinalized {
				product: P,
				round: 0,
				reviewers: 3,
				revealed: 3,
				consensus: Some(consensus),
				payout_from: 31,
			}
			.into(),
		);
	});
}

#[test]
fn a_round_finalizes_only_after_its_reveal_phase() {
	build_and_execute(|| {
		assert_noop!(
			Reviews::finalize_round(RuntimeOrigin::signed(99), P),
			Error::<Test>::NoOpenRound
		);
		publish_standard();
		buy(1, 1);
		go_to(20);
		assert_noop!(
			Reviews::finalize_round(RuntimeOrigin::signed(99), P),
			Error::<Test>::RevealPhaseNotOver
		);
		go_to(21);
		finalize();
		assert_noop!(
			Reviews::finalize_round(RuntimeOrigin::signed(99), P),
			Error::<Test>::NoOpenRound
		);
	});
}

#[test]
fn the_experts_share_goes_to_the_treasury_once_the_expert_has_left() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		// The round keeps the standard it opened with, but its expert leaves meanwhile.
		assert_ok!(Reviews::retire_standard(RuntimeOrigin::signed(EXPERT), STANDARD));
		assert_ok!(Reviews::deregister_expert(RuntimeOrigin::signed(EXPERT)));
		go_to(21);
		finalize();
		assert_eq!(balance(USDT, EXPERT), 0);
		assert_eq!(balance(USDT, TREASURY), EXPERTS_PART);
	});
}

#[test]
fn below_the_quorum_no_score_is_published_and_nobody_is_judged() {
	build_and_execute(|| {
		MinRevealers::set(3);
		// Two revealers of three reviewers: one short of the quorum.
		round_with(&[(1, Some(&[80, 70])), (2, Some(&[10, 10])), (3, None)]);
		finalize();
		System::assert_last_event(
			Event::RoundFinalized {
				product: P,
				round: 0,
				reviewers: 3,
				revealed: 2,
				consensus: None,
				payout_from: 21,
			}
			.into(),
		);
		assert_eq!(Reviews::product_score(P), None);
		claim(0);
		// The revealers get their own share back in full and their bonds; the non-revealer
		// loses its bond and its share: both go to the treasury.
		assert_eq!(balance(USDT, 1), REVIEWERS_PART);
		assert_eq!(balance(USDT, 2), REVIEWERS_PART);
		assert_eq!(balance(USDT, 3), 0);
		assert_eq!(Balances::free_balance(1), INITIAL_DSG);
		assert_eq!(Balances::free_balance(2), INITIAL_DSG);
		assert_eq!(Balances::free_balance(3), INITIAL_DSG - BOND);
		assert_eq!(Balances::free_balance(TREASURY), BOND);
		// 3 × 1.5 USDT of experts' shares go to the expert; the treasury gets 3's share.
		assert_eq!(balance(USDT, TREASURY), REVIEWERS_PART);
		// Nobody was judged: reputations move only for the non-revealer.
		assert_eq!(Reviews::reputation(&1), 0);
		assert_eq!(Reviews::reputation(&2), 0);
		System::assert_has_event(
			Event::Unearned { product: P, round: 0, asset: USDT, amount: REVIEWERS_PART }.into(),
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Payouts
// ---------------------------------------------------------------------------------------------

#[test]
fn each_review_earns_its_own_sales_share_scaled_by_its_accuracy() {
	build_and_execute(|| {
		// Reviewer 2 has a 20% tier bonus: it weighs more in the consensus, but earns only
		// what its own sale paid in.
		set_review_bonus(2, Perbill::from_percent(20));
		round_with(&[(1, Some(&[80, 70])), (2, Some(&[85, 70])), (3, Some(&[80, 75]))]);
		finalize();
		// Consensus: quality 80 (1 and 3), service 70 (1 and 2).
		assert_eq!(Reviews::round(P, 0).unwrap().consensus, Some(scores(&[80, 70])));
		go_to(31);
		claim(0);
		// Distances: 1 → 0; 2 → 0.6 × 5 = 3 points; 3 → 0.4 × 5 = 2 points. Each bought a
		// third of the round's sales: a third of the pool, times 100%, 97%, 98%.
		let pool = 3 * REVIEWERS_PART;
		let (s1, s2, s3) = (
			earned(pool, SALE, 3 * SALE, 100),
			earned(pool, SALE, 3 * SALE, 97),
			earned(pool, SALE, 3 * SALE, 98),
		);
		assert_eq!((balance(USDT, 1), balance(USDT, 2), balance(USDT, 3)), (s1, s2, s3));
		// The unearned 5% of a share goes to the treasury.
		let rest = pool - s1 - s2 - s3;
		assert_eq!(balance(USDT, TREASURY), rest);
		for who in 1..=3 {
			assert_eq!(held(HoldReason::ReviewBond, who), 0);
			assert_eq!(Balances::free_balance(who), INITIAL_DSG);
		}
		assert!(Reviews::round(P, 0).is_none());
		assert_eq!(RoundReviews::<Test>::iter().count(), 0);
		assert!(queued(Queue::Payout).is_empty());
		// The pallet account keeps only its endowment.
		assert_eq!(balance(USDT, pallet_account()), 1);
		System::assert_has_event(
			Event::ReviewerRewarded { product: P, round: 0, reviewer: 2, asset: USDT, amount: s2 }
				.into(),
		);
		System::assert_has_event(
			Event::BondReturned { product: P, round: 0, reviewer: 3, amount: BOND }.into(),
		);
		System::assert_has_event(
			Event::Unearned { product: P, round: 0, asset: USDT, amount: rest }.into(),
		);
		System::assert_last_event(Event::RoundClosed { product: P, round: 0, paid: 3 }.into());
	});
}

#[test]
fn a_products_only_reviewer_takes_back_its_own_fees_not_the_other_buyers() {
	build_and_execute(|| {
		MinRevealers::set(1);
		publish_standard();
		// Nine honest buyers pay their fees and do not review; the merchant's accomplice buys
		// once and is the round's only reviewer.
		for buyer in 1..=9 {
			buy(buyer, buyer);
		}
		buy(10, 10);
		go_to(2);
		commit(10, &[100, 100], 10, BOND);
		go_to(11);
		reveal(10, &[100, 100], 10);
		go_to(21);
		finalize();
		go_to(31);
		claim(0);
		// It is the consensus, so it earns its full share: a tenth, its own fee.
		assert_eq!(balance(USDT, 10), REVIEWERS_PART);
		// The nine other buyers' reviewer parts go to the treasury.
		assert_eq!(balance(USDT, TREASURY), 9 * REVIEWERS_PART);
	});
}

#[test]
fn a_sybil_majority_cannot_take_the_honest_reviewers_fees_or_bonds() {
	build_and_execute(|| {
		// Three honest reviewers score [80, 70]; one person buys as much as all of them
		// together, split over five accounts, and scores [10, 10] to move the consensus.
		publish_standard();
		for honest in 1..=3 {
			buy(honest, honest);
		}
		for (i, sybil) in (11..=15).enumerate() {
			let part = 3 * SALE / 5 + (i as u128 % 2);
			settle(&settlement(sybil, P, sybil, USDT, part, part, Some(STANDARD)));
		}
		go_to(2);
		for honest in 1..=3 {
			commit(honest, &[80, 70], honest as u8, 50 * BOND);
		}
		for sybil in 11..=15 {
			commit(sybil, &[10, 10], sybil as u8, BOND);
		}
		go_to(11);
		for honest in 1..=3 {
			reveal(honest, &[80, 70], honest as u8);
		}
		for sybil in 11..=15 {
			reveal(sybil, &[10, 10], sybil as u8);
		}
		go_to(21);
		finalize();
		// The sybils out-weigh the honest reviewers: the consensus is theirs...
		assert_eq!(Reviews::product_score(P).unwrap().scores, scores(&[10, 10]));
		let pool = Reviews::round(P, 0).unwrap().pools.reviewers[0].1;
		go_to(31);
		claim(0);
		// ...but each sybil earns only its own sale's share of the pool, and the honest
		// reviewers' shares and forfeited bonds go to the treasury, never to the sybils.
		let sybil_paid: Balance = (11..=15).map(|who| balance(USDT, who)).sum();
		let sybil_fees: Balance = (11..=15)
			.map(|who| {
				let sale = 3 * SALE / 5 + ((who - 11) as u128 % 2);
				sale * 15 / 100 / 2
			})
			.sum();
		assert!(sybil_paid <= sybil_fees, "sybils took {sybil_paid} of their {sybil_fees}");
		assert!(pool > sybil_paid);
		for honest in 1..=3 {
			assert_eq!(balance(USDT, honest), 0);
			assert_eq!(Balances::free_balance(honest), INITIAL_DSG - 50 * BOND / 2);
		}
		assert_eq!(Balances::free_balance(TREASURY), 3 * 50 * BOND / 2);
		assert_eq!(balance(USDT, TREASURY), pool - sybil_paid);
	});
}

#[test]
fn committing_alternatives_from_several_accounts_and_revealing_the_best_does_not_pay() {
	build_and_execute(|| {
		// One person splits a 100 USD purchase over four accounts and commits four different
		// scores, to reveal only the one nearest the honest consensus of [80, 70].
		publish_standard();
		for honest in 1..=3 {
			buy(honest, honest);
		}
		let alternatives: [(u64, [u8; 2]); 4] =
			[(16, [20, 20]), (17, [50, 40]), (18, [80, 70]), (19, [100, 100])];
		for (who, _) in alternatives {
			settle(&settlement(who, P, who, USDT, SALE / 4, SALE / 4, Some(STANDARD)));
		}
		go_to(2);
		for honest in 1..=3 {
			commit(honest, &[80, 70], honest as u8, BOND);
		}
		for (who, list) in alternatives {
			commit(who, &list, who as u8, BOND);
		}
		go_to(11);
		for honest in 1..=3 {
			reveal(honest, &[80, 70], honest as u8);
		}
		reveal(18, &[80, 70], 18);
		go_to(21);
		finalize();
		go_to(31);
		claim(0);
		// The winning alternative earns a quarter of what the whole purchase would have; the
		// three others lose their bonds and their shares.
		let pool = 3 * REVIEWERS_PART + 4 * (SALE / 4 * 15 / 100 / 2);
		let total = 3 * SALE + SALE;
		let got: Balance = alternatives.iter().map(|(who, _)| balance(USDT, *who)).sum();
		let honest_single_review = earned(pool, SALE, total, 100);
		assert_eq!(got, earned(pool, SALE / 4, total, 100));
		assert!(got < honest_single_review);
		for who in [16, 17, 19] {
			assert_eq!(Balances::free_balance(who), INITIAL_DSG - BOND);
		}
	});
}

#[test]
fn payouts_wait_for_a_finalized_round_and_its_appeal_period() {
	build_and_execute(|| {
		let claim = |round| Reviews::claim_round_rewards(RuntimeOrigin::signed(99), P, round);
		assert_noop!(claim(0), Error::<Test>::UnknownRound);
		round_with(&[(1, Some(&[80, 70]))]);
		assert_noop!(claim(0), Error::<Test>::RoundNotFinalized);
		finalize();
		go_to(30);
		assert_noop!(claim(0), Error::<Test>::AppealPeriodNotOver);
		assert_ok!(Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 0));
		go_to(31);
		assert_noop!(claim(0), Error::<Test>::RoundUnderAppeal);
	});
}

#[test]
fn a_round_with_zero_reveals_forfeits_the_bonds_and_its_pool_to_the_treasury() {
	build_and_execute(|| {
		round_with(&[(1, None), (2, None)]);
		finalize();
		// Nothing to appeal: payable at once.
		System::assert_last_event(
			Event::RoundFinalized {
				product: P,
				round: 0,
				reviewers: 2,
				revealed: 0,
				consensus: None,
				payout_from: 21,
			}
			.into(),
		);
		assert_eq!(Reviews::product_score(P), None);
		// The experts are paid anyway: their standard was used.
		assert_eq!(balance(USDT, EXPERT), 2 * EXPERTS_PART);
		claim(0);
		for who in [1, 2] {
			assert_eq!(held(HoldReason::ReviewBond, who), 0);
			assert_eq!(Balances::free_balance(who), INITIAL_DSG - BOND);
			assert_eq!(Reviews::reputation(&who), 0);
			System::assert_has_event(
				Event::BondSlashed { product: P, round: 0, reviewer: who, amount: BOND }.into(),
			);
		}
		assert_eq!(Balances::free_balance(TREASURY), 2 * BOND);
		assert_eq!(balance(USDT, TREASURY), 2 * REVIEWERS_PART);
		assert!(ProductStates::<Test>::get(P).unwrap().carry_over.is_empty());
		System::assert_last_event(Event::RoundClosed { product: P, round: 0, paid: 0 }.into());
	});
}

#[test]
fn an_outlier_loses_part_of_its_bond_to_the_treasury_and_earns_nothing() {
	build_and_execute(|| {
		round_with(&[
			(1, Some(&[80, 70])),
			(2, Some(&[82, 72])),
			(3, Some(&[78, 68])),
			(4, Some(&[80, 70])),
			(5, Some(&[81, 71])),
			(6, Some(&[10, 10])),
			(7, Some(&[10, 10])),
		]);
		finalize();
		// Equal weights, so the 4th of 7 sorted scores: quality 80, service 70.
		assert_eq!(Reviews::product_score(P).unwrap().scores, scores(&[80, 70]));
		go_to(31);
		claim(0);
		// Distances (points): 1, 4 → 0; 5 → 1; 2, 3 → 2; 6, 7 → 66 > 20: outliers.
		let pool = 7 * REVIEWERS_PART;
		let total = 7 * SALE;
		for (who, points) in [(1, 100), (4, 100), (5, 99), (2, 98), (3, 98)] {
			assert_eq!(balance(USDT, who), earned(pool, SALE, total, points));
			assert_eq!(Balances::free_balance(who), INITIAL_DSG);
		}
		for who in [6, 7] {
			assert_eq!(balance(USDT, who), 0);
			assert_eq!(Balances::free_balance(who), INITIAL_DSG - BOND / 2);
			assert_eq!(held(HoldReason::ReviewBond, who), 0);
			assert_eq!(Reviews::reputation(&who), 0);
		}
		assert_eq!(Balances::free_balance(TREASURY), 2 * BOND / 2);
		// Reputation: +50 × accuracy: 1 → 50; 5 → 49 (49.5 rounded down); 2 → 49.
		assert_eq!(Reviews::reputation(&1), 50);
		assert_eq!(Reviews::reputation(&5), 49);
		assert_eq!(Reviews::reputation(&2), 49);
		System::assert_has_event(
			Event::BondSlashed { product: P, round: 0, reviewer: 6, amount: BOND / 2 }.into(),
		);
		System::assert_has_event(
			Event::BondReturned { product: P, round: 0, reviewer: 6, amount: BOND / 2 }.into(),
		);
	});
}

#[test]
fn reputation_feeds_the_weight_of_the_next_review() {
	build_and_execute(|| {
		round_with(&[(1, Some(&[80, 70])), (2, Some(&[80, 70])), (3, Some(&[0, 0]))]);
		finalize();
		go_to(31);
		claim(0);
		assert_eq!(Reviews::reputation(&1), 50);
		assert_eq!(Reviews::reputation(&3), 0);
		// Next round: the accurate reviewer weighs 100 USD × 0.55, the outlier × 0.5.
		buy(11, 1);
		buy(13, 3);
		commit(1, &[80, 70], 1, BOND);
		commit(3, &[80, 70], 3, BOND);
		assert_eq!(RoundReviews::<Test>::get((P, 1, 1)).unwrap().weight, 55_000_000);
		assert_eq!(RoundReviews::<Test>::get((P, 1, 3)).unwrap().weight, 50_000_000);
		System::assert_has_event(Event::ReputationChanged { reviewer: 1, reputation: 50 }.into());
	});
}

#[test]
fn on_idle_finalizes_and_pays_out_due_rounds_within_its_weight() {
	build_and_execute(|| {
		publish_standard();
		buy(1, 1);
		commit(1, &[80, 70], 1, BOND);
		go_to(11);
		reveal(1, &[80, 70], 1);
		// Too little weight for a worst-case finalization: nothing happens.
		let small = Weight::from_parts(1_000, 1_000);
		run_to_block(21, small);
		assert_eq!(Reviews::on_idle(21, small), Weight::zero());
		assert_eq!(Reviews::round(P, 0).unwrap().status, RoundStatus::Open);
		// Enough weight: finalized in block 22, paid out once the appeal period ends (32).
		run_to_block(22, Weight::MAX);
		assert_eq!(
			Reviews::round(P, 0).unwrap().status,
			RoundStatus::Finalized { appeal_deadline: 32 }
		);
		run_to_block(31, Weight::MAX);
		assert!(Reviews::round(P, 0).is_some());
		run_to_block(32, Weight::MAX);
		assert!(Reviews::round(P, 0).is_none());
		assert_eq!(balance(USDT, 1), REVIEWERS_PART);
		assert!(queued(Queue::Finalization).is_empty() && queued(Queue::Payout).is_empty());
	});
}

#[test]
fn every_round_is_queued_however_many_wait_and_leaves_when_done_by_hand() {
	build_and_execute(|| {
		buy(1, 1);
		// Rounds of many products fall due in the same block: each has its own entry.
		for product in P + 1..P + 40 {
			settle(&settlement(product.into(), product, 2, USDT, SALE, SALE, None));
		}
		assert_eq!(queued(Queue::Finalization).len(), 40);
		go_to(21);
		// Finalized and paid by the calls: the round leaves both queues.
		assert_ok!(Reviews::finalize_round(RuntimeOrigin::signed(99), P + 1));
		assert!(!queued(Queue::Finalization).contains(&(21, P + 1, 0)));
		assert!(queued(Queue::Payout).contains(&(21, P + 1, 0)));
		assert_ok!(Reviews::claim_round_rewards(RuntimeOrigin::signed(99), P + 1, 0));
		assert!(Reviews::round(P + 1, 0).is_none());
		assert!(!queued(Queue::Payout).contains(&(21, P + 1, 0)));
		// on_idle finalizes and pays out the rest.
		run_to_block(22, Weight::MAX);
		assert!(queued(Queue::Finalization).is_empty() && queued(Queue::Payout).is_empty());
	});
}

#[test]
fn a_payout_that_cannot_be_made_goes_to_the_treasury() {
	build_and_execute(|| {
		// An asset whose accounts need at least 1 unit in 1_000_000: reviewer 1 holds none.
		let big = frame_support::traits::fungible::NativeOrWithId::WithId(99);
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), 99, MERCHANT, true, 1_000_000));
		use frame_support::traits::fungibles::Mutate;
		assert_ok!(NativeAndAssets::mint_into(big.clone(), &pallet_account(), 1_000_000));
		assert_ok!(NativeAndAssets::mint_into(big.clone(), &TREASURY, 1_000_000));
		// A 10,000,000-unit sale: its reviewers' part 750_000 is below the minimum balance.
		settle(&settlement(1, P, 1, big.clone(), 10_000_000, SALE, None));
		go_to(2);
		commit(1, &[50], 1, BOND);
		go_to(11);
		reveal(1, &[50], 1);
		go_to(21);
		finalize();
		go_to(31);
		claim(0);
		assert_eq!(balance(big.clone(), 1), 0);
		System::assert_has_event(
			Event::PayoutFailed {
				product: P,
				round: 0,
				to: 1,
				asset: big.clone(),
				amount: 750_000,
			}
			.into(),
		);
		System::assert_has_event(
			Event::Unearned { product: P, round: 0, asset: big.clone(), amount: 750_000 }.into(),
		);
		// The experts' part (no standard: the treasury's) and the reviewer's.
		assert_eq!(balance(big, TREASURY), 1_000_000 + 150_000 + 750_000);
	});
}

// ---------------------------------------------------------------------------------------------
// Appeals
// ---------------------------------------------------------------------------------------------

/// Reviewers 1 and 2 agree on [80, 70]; 3 says [20, 30] (distance 52: an outlier). Finalized
/// at block 21, appealable until 31.
fn disputed_round() {
	round_with(&[(1, Some(&[80, 70])), (2, Some(&[80, 70])), (3, Some(&[20, 30]))]);
	finalize();
}

#[test]
fn the_merchant_appeals_within_the_appeal_period() {
	build_and_execute(|| {
		disputed_round();
		go_to(25);
		assert_ok!(Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 0));
		assert_eq!(held(HoldReason::AppealBond, MERCHANT), 200);
		assert_eq!(
			Reviews::round(P, 0).unwrap().status,
			RoundStatus::Appealed { appellant: MERCHANT, bond: 200, ruling_deadline: 45 }
		);
		assert_eq!(queued(Queue::Payout), vec![(45, P, 0)]);
		System::assert_last_event(
			Event::Appealed { product: P, round: 0, appellant: MERCHANT, bond: 200 }.into(),
		);
		// Under appeal, on_idle does not pay it out before the ruling deadline.
		run_to_block(44, Weight::MAX);
		assert!(Reviews::round(P, 0).is_some());
	});
}

#[test]
fn an_appeal_nobody_rules_lapses_the_round_stands_and_the_bond_returns() {
	build_and_execute(|| {
		disputed_round();
		assert_ok!(Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 0));
		// Ruling deadline 41: on_idle pays the round out as finalized.
		run_to_block(41, Weight::MAX);
		assert!(Reviews::round(P, 0).is_none());
		assert_eq!(held(HoldReason::AppealBond, MERCHANT), 0);
		assert_eq!(Balances::free_balance(MERCHANT), INITIAL_DSG);
		assert_eq!(balance(USDT, 1), REVIEWERS_PART);
		assert_eq!(Balances::free_balance(3), INITIAL_DSG - BOND / 2);
		System::assert_has_event(
			Event::AppealLapsed { product: P, round: 0, appellant: MERCHANT }.into(),
		);
	});
}

#[test]
fn only_the_merchant_or_a_revealer_may_appeal_a_finalized_round_in_time() {
	build_and_execute(|| {
		let appeal = |who| Reviews::appeal(RuntimeOrigin::signed(who), P, 0);
		assert_noop!(appeal(MERCHANT), Error::<Test>::UnknownRound);
		publish_standard();
		buy(1, 1);
		buy(2, 2);
		buy(3, POOR);
		commit(1, &[80, 70], 1, BOND);
		commit(2, &[80, 70], 2, BOND);
		assert_noop!(appeal(MERCHANT), Error::<Test>::RoundNotFinalized);
		go_to(11);
		reveal(1, &[80, 70], 1);
		go_to(21);
		finalize();
		// 2 committed but did not reveal; 9 took no part.
		assert_noop!(appeal(2), Error::<Test>::NotEntitledToAppeal);
		assert_noop!(appeal(9), Error::<Test>::NotEntitledToAppeal);
		assert_ok!(appeal(1));
		assert_noop!(appeal(MERCHANT), Error::<Test>::RoundUnderAppeal);
	});
}

#[test]
fn an_appeal_needs_a_consensus_time_and_the_bond() {
	build_and_execute(|| {
		// A revealer of product P + 1 with too little DSG for the 200 DSG appeal bond.
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), 30, 150));
		settle(&settlement(30, P + 1, 30, USDT, SALE, SALE, None));
		assert_ok!(try_commit_scores(30, P + 1, &[50]));
		go_to(11);
		assert_ok!(Reviews::reveal_review(
			RuntimeOrigin::signed(30),
			P + 1,
			scores(&[50]),
			salt(1)
		));
		// Product P: a round nobody revealed in.
		buy(1, 1);
		go_to(21);
		assert_ok!(Reviews::finalize_round(RuntimeOrigin::signed(99), P + 1));
		go_to(31);
		finalize();
		assert_noop!(
			Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 1),
			Error::<Test>::UnknownRound
		);
		assert_noop!(
			Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 0),
			Error::<Test>::NothingToAppeal
		);
		// P + 1 was finalized at 21: appealable until 31 (exclusive).
		assert_noop!(
			Reviews::appeal(RuntimeOrigin::signed(30), P + 1, 0),
			Error::<Test>::AppealPeriodOver
		);
		System::set_block_number(30);
		assert_noop!(
			Reviews::appeal(RuntimeOrigin::signed(30), P + 1, 0),
			Error::<Test>::InsufficientBalance
		);
	});
}

fn try_commit_scores(who: AccountId, product: u32, list: &[u8]) -> sp_runtime::DispatchResult {
	let commitment = Reviews::commitment_of(list, &salt(1), &who);
	Reviews::commit_review(RuntimeOrigin::signed(who), product, commitment, BOND)
}

#[test]
fn an_upheld_round_sends_the_appeal_bond_to_the_treasury() {
	build_and_execute(|| {
		disputed_round();
		assert_ok!(Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 0));
		assert_ok!(Reviews::uphold(RuntimeOrigin::root(), P, 0));
		// The merchant's 200 DSG and half of 3's bond (50) go to the treasury.
		assert_eq!(held(HoldReason::AppealBond, MERCHANT), 0);
		assert_eq!(Balances::free_balance(MERCHANT), INITIAL_DSG - 200);
		assert_eq!(Balances::free_balance(TREASURY), 200 + BOND / 2);
		assert_eq!(Balances::free_balance(1), INITIAL_DSG);
		assert_eq!(Balances::free_balance(3), INITIAL_DSG - BOND / 2);
		assert_eq!(balance(USDT, 1), REVIEWERS_PART);
		assert_eq!(balance(USDT, 2), REVIEWERS_PART);
		assert_eq!(Reviews::product_score(P).unwrap().scores, scores(&[80, 70]));
		assert!(Reviews::round(P, 0).is_none());
		assert!(queued(Queue::Payout).is_empty());
		System::assert_has_event(
			Event::RoundUpheld { product: P, round: 0, appellant: MERCHANT, forfeited: 200 }.into(),
		);
		System::assert_last_event(Event::RoundClosed { product: P, round: 0, paid: 2 }.into());
	});
}

#[test]
fn an_overturned_round_gets_the_corrected_scores_and_is_judged_again() {
	build_and_execute(|| {
		disputed_round();
		// The outlier, a revealer, appeals.
		assert_ok!(Reviews::appeal(RuntimeOrigin::signed(3), P, 0));
		assert_ok!(Reviews::overturn(RuntimeOrigin::root(), P, 0, scores(&[20, 30])));
		// 3 now agrees exactly; 1 and 2 are 52 points off (outliers, lose half their bond).
		assert_eq!(held(HoldReason::AppealBond, 3), 0);
		assert_eq!(Balances::free_balance(3), INITIAL_DSG);
		assert_eq!(balance(USDT, 3), REVIEWERS_PART);
		for who in [1, 2] {
			assert_eq!(Balances::free_balance(who), INITIAL_DSG - BOND / 2);
			assert_eq!(balance(USDT, who), 0);
		}
		assert_eq!(balance(USDT, TREASURY), 2 * REVIEWERS_PART);
		// 0.6 × 20 + 0.4 × 30 = 24.
		let published = Reviews::product_score(P).unwrap();
		assert_eq!((published.scores.clone(), published.overall), (scores(&[20, 30]), 24));
		System::assert_has_event(
			Event::RoundOverturned {
				product: P,
				round: 0,
				appellant: 3,
				consensus: scores(&[20, 30]),
			}
			.into(),
		);
		System::assert_has_event(
			Event::ProductScored { product: P, round: 0, scores: scores(&[20, 30]), overall: 24 }
				.into(),
		);
		System::assert_last_event(Event::RoundClosed { product: P, round: 0, paid: 1 }.into());
	});
}

#[test]
fn only_the_arbitration_rules_and_only_on_appealed_rounds() {
	build_and_execute(|| {
		assert_noop!(Reviews::uphold(RuntimeOrigin::root(), P, 0), Error::<Test>::UnknownRound);
		assert_noop!(
			Reviews::overturn(RuntimeOrigin::root(), P, 0, scores(&[1, 2])),
			Error::<Test>::UnknownRound
		);
		disputed_round();
		assert_noop!(Reviews::uphold(RuntimeOrigin::root(), P, 0), Error::<Test>::NotAppealed);
		assert_noop!(
			Reviews::overturn(RuntimeOrigin::root(), P, 0, scores(&[1, 2])),
			Error::<Test>::NotAppealed
		);
		assert_ok!(Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 0));
		assert_noop!(Reviews::uphold(RuntimeOrigin::signed(1), P, 0), DispatchError::BadOrigin);
		assert_noop!(
			Reviews::overturn(RuntimeOrigin::signed(1), P, 0, scores(&[1, 2])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Reviews::overturn(RuntimeOrigin::root(), P, 0, scores(&[1])),
			Error::<Test>::WrongScoreCount
		);
		assert_noop!(
			Reviews::overturn(RuntimeOrigin::root(), P, 0, scores(&[1, 101])),
			Error::<Test>::ScoreOutOfRange
		);
	});
}

#[test]
fn an_appeal_bond_never_takes_frozen_dsg() {
	build_and_execute(|| {
		use frame_support::traits::{LockableCurrency, WithdrawReasons};
		disputed_round();
		Balances::set_lock(*b"pyconvot", &MERCHANT, INITIAL_DSG - 100, WithdrawReasons::all());
		assert_noop!(
			Reviews::appeal(RuntimeOrigin::signed(MERCHANT), P, 0),
			Error::<Test>::FundsFrozen
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Consensus arithmetic
// ---------------------------------------------------------------------------------------------

#[test]
fn the_weighted_median_is_the_lowest_score_reaching_half_the_weight() {
	use consensus::weighted_median;
	assert_eq!(weighted_median(core::iter::empty()), None);
	assert_eq!(weighted_median([(40, 1)].into_iter()), Some(40));
	// Even split: the lower one.
	assert_eq!(weighted_median([(90, 1), (10, 1)].into_iter()), Some(10));
	// One heavy voice outweighs two light ones.
	assert_eq!(weighted_median([(10, 1), (20, 1), (90, 3)].into_iter()), Some(90));
	assert_eq!(weighted_median([(10, 2), (20, 1), (90, 2)].into_iter()), Some(20));
	// Zero weight counts for nothing.
	assert_eq!(weighted_median([(10, 0), (70, 5)].into_iter()), Some(70));
}

#[test]
fn claims_never_exceed_the_reviewers_own_part_of_the_pool() {
	// A third of the sales, full accuracy: a third of the pool, rounded down.
	assert_eq!(consensus::claim(100, 1, 3, MAX_DISTANCE), 33);
	// 97% accuracy.
	assert_eq!(consensus::claim(1_000, 1, 1, 97 * DISTANCE_PER_POINT), 970);
	// No sales: nothing to share.
	assert_eq!(consensus::claim(1_000, 1, 0, MAX_DISTANCE), 0);
	// A sale larger than the round's is capped at the whole pool.
	assert_eq!(consensus::claim(1_000, 5, 1, MAX_DISTANCE), 1_000);
	// Claims of every part of a round add up to at most the pool, even with big numbers.
	let pool = u128::MAX / 3;
	let parts = [7u128, 11, 13, 17, 19];
	let total: u128 = parts.iter().sum();
	let claimed: u128 = parts.iter().map(|p| consensus::claim(pool, *p, total, MAX_DISTANCE)).sum();
	assert!(claimed <= pool);
	assert!(pool - claimed < parts.len() as u128);
}

#[test]
fn distance_and_overall_score_weigh_criteria() {
	let w = [Perbill::from_percent(60), Perbill::from_percent(40)];
	assert_eq!(consensus::distance(&[80, 70], &[80, 70], &w), 0);
	// 0.6 × 10 + 0.4 × 5 = 8 points.
	assert_eq!(consensus::distance(&[90, 65], &[80, 70], &w), 8 * DISTANCE_PER_POINT);
	// 0.6 × 81 + 0.4 × 70 = 76.6 → 77.
	assert_eq!(consensus::overall_score(&[81, 70], &w), 77);
}

#[test]
fn the_v1_migration_moves_both_queues_entry_by_entry_and_runs_only_from_version_0() {
	use crate::migrations::v1;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		buy(1, 1);
		settle(&settlement(2, P + 1, 2, USDT, SALE, SALE, None));
		go_to(21);
		assert_ok!(Reviews::finalize_round(RuntimeOrigin::signed(99), P + 1));
		let finalization = queued(Queue::Finalization);
		let payouts = queued(Queue::Payout);
		assert_eq!((finalization.len(), payouts.len()), (1, 1));
		// Version 0's layout: each queue one list.
		let _ = FinalizationQueue::<Test>::clear(u32::MAX, None);
		let _ = PayoutQueue::<Test>::clear(u32::MAX, None);
		v1::FinalizationQueue::<Test>::put(BoundedVec::truncate_from(finalization.clone()));
		v1::PayoutQueue::<Test>::put(BoundedVec::truncate_from(payouts.clone()));
		StorageVersion::new(0).put::<Reviews>();

		v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Reviews::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(queued(Queue::Finalization), finalization);
		assert_eq!(queued(Queue::Payout), payouts);
		// The overdue entries come first.
		assert_eq!(QueueCursors::<Test>::get(), Some((21, 21)));
		assert_ok!(Reviews::do_try_state());
		// The queues work: on_idle finalizes the one and pays both out.
		run_to_block(32, Weight::MAX);
		assert!(queued(Queue::Finalization).is_empty() && queued(Queue::Payout).is_empty());

		// Again: nothing happens (the version is 1 now).
		let weight = v1::MigrateToV1::<Test>::on_runtime_upgrade();
		let db = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(weight, db.reads(1));
	});
}

#[test]
fn the_v2_migration_moves_each_open_round_into_its_product_state_and_runs_only_from_version_1() {
	use crate::migrations::v2;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		// Product P: an open round with a committed review. Product P + 1: a finalized round
		// and, fed after its commit phase, the next one open. Product P + 2: a finalized round
		// and none open (its state is not rewritten: `None` encodes alike in both layouts).
		settle(&settlement(2, P + 1, 2, USDT, SALE, SALE, None));
		settle(&settlement(4, P + 2, 4, USDT, SALE, SALE, None));
		go_to(15);
		settle(&settlement(3, P + 1, 3, USDT, SALE, SALE, None));
		buy(1, 1);
		commit(1, &[80], 1, BOND);
		go_to(21);
		assert_ok!(Reviews::finalize_round(RuntimeOrigin::signed(99), P + 1));
		assert_ok!(Reviews::finalize_round(RuntimeOrigin::signed(99), P + 2));
		let after: Vec<_> = ProductStates::<Test>::iter().collect();
		let finalized = Reviews::round(P + 1, 0).expect("round 0 of P + 1 is finalized");
		let finalized_p2 = Reviews::round(P + 2, 0).expect("round 0 of P + 2 is finalized");
		let open = |product| after.iter().any(|(p, s)| *p == product && s.open_round.is_some());
		assert!(open(P) && open(P + 1) && !open(P + 2));

		// Version 1's layout: the open round in `Rounds`, its index in the product's state.
		for (product, state) in after.iter().cloned() {
			let open_round = state.open_round.map(|(index, round)| {
				Rounds::<Test>::insert(product, index, round);
				index
			});
			v2::ProductStates::<Test>::insert(
				product,
				v2::OldProductState {
					merchant: state.merchant,
					category: state.category,
					standard: state.standard,
					open_round,
					rounds: state.rounds,
					carry_over: state.carry_over,
					carry_over_sales: state.carry_over_sales,
					late_fees: state.late_fees,
				},
			);
		}
		StorageVersion::new(1).put::<Reviews>();
		// A value the migration must never reach: it goes through open rounds only (rewriting
		// every state would find this one undecodable and drop it).
		let untouched = ProductStates::<Test>::hashed_key_for(P + 3);
		frame_support::storage::unhashed::put_raw(&untouched, &[0xff]);

		v2::MigrateToV2::<Test>::on_runtime_upgrade();

		assert_eq!(frame_support::storage::unhashed::get_raw(&untouched), Some(vec![0xff]));
		frame_support::storage::unhashed::kill(&untouched);
		assert_eq!(Reviews::on_chain_storage_version(), StorageVersion::new(2));
		let mut migrated: Vec<_> = ProductStates::<Test>::iter().collect();
		let mut expected = after.clone();
		migrated.sort_by_key(|(product, _)| *product);
		expected.sort_by_key(|(product, _)| *product);
		assert_eq!(migrated, expected);
		// Only the finalized rounds are left in `Rounds`.
		let mut rounds: Vec<_> = Rounds::<Test>::iter().collect();
		rounds.sort_by_key(|(product, index, _)| (*product, *index));
		assert_eq!(rounds, vec![(P + 1, 0, finalized), (P + 2, 0, finalized_p2)]);
		assert_ok!(Reviews::do_try_state());
		// The migrated round goes on: its review is revealed.
		go_to(Reviews::round(P, 0).unwrap().commit_end);
		assert_ok!(Reviews::reveal_review(RuntimeOrigin::signed(1), P, scores(&[80]), salt(1)));
		assert_eq!(Reviews::round(P, 0).unwrap().revealed, 1);

		// Again: nothing happens (the version is 2 now). Run again on version 2's states, the
		// migration would read them as version 1's and lose the open rounds.
		let before: Vec<_> = ProductStates::<Test>::iter().collect();
		v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(ProductStates::<Test>::iter().collect::<Vec<_>>(), before);
		assert_ok!(Reviews::do_try_state());
	});
}
