//! Tests of the membership pallet. Expected tiers come from [`expected_tier`], which reads the
//! mock's table definition (K`k` at `k * 100`) directly rather than the pallet's search.

use crate::{mock::*, *};
use despend_primitives::{MemberTiers, Tier, TierBenefits};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		tokens::Preservation,
	},
	BoundedVec,
};
use sp_arithmetic::Perbill;
use sp_runtime::{BuildStorage, DispatchError, TokenError};

type MembershipEvent = crate::Event<Test>;

/// The tier of an active stake under the mock table, computed without the pallet.
fn expected_tier(active: Balance) -> Tier {
	Tier::try_from((active / 100).min(15)).unwrap()
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Membership(HoldReason::Staked), &who)
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn ledger(who: AccountId) -> LedgerOf<Test> {
	Ledger::<Test>::get(who).expect("a ledger exists")
}

fn chunks(who: AccountId) -> Vec<(Balance, u64)> {
	ledger(who).unlocking.iter().map(|c| (c.value, c.unlock_at)).collect()
}

fn membership_events() -> Vec<MembershipEvent> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Membership(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn table_of(entries: &[(Balance, u32, u32, u32)]) -> TierTableOf<Test> {
	let tiers: Vec<_> = entries
		.iter()
		.map(|&(threshold, mining, discount, review)| TierInfo {
			threshold,
			benefits: TierBenefits {
				mining_bonus: Perbill::from_percent(mining),
				dsg_payment_discount: Perbill::from_percent(discount),
				review_weight_bonus: Perbill::from_percent(review),
			},
		})
		.collect();
	BoundedVec::try_from(tiers).unwrap()
}

/// A valid table with thresholds `k * 1000` for k = 1..=15.
fn thousand_table() -> TierTableOf<Test> {
	let entries: Vec<_> = (1..=15u32).map(|k| (Balance::from(k) * 1_000, k, k, k)).collect();
	table_of(&entries)
}

fn run_to_block(n: u64) {
	System::set_block_number(n);
}

// ----- stake -----

#[test]
fn staking_holds_the_amount_and_reaches_the_tier_its_threshold_allows() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_350));

		assert_eq!(held(ALICE), 1_350);
		assert_eq!(free(ALICE), INITIAL_BALANCE - 1_350);
		assert_eq!(ledger(ALICE).active, 1_350);
		assert!(ledger(ALICE).unlocking.is_empty());
		assert_eq!(TotalStaked::<Test>::get(), 1_350);
		assert_eq!(Membership::tier(&ALICE), expected_tier(1_350));
		assert_eq!(Membership::tier(&ALICE), 13);
		assert!(Membership::is_elite(&ALICE));
		System::assert_has_event(
			MembershipEvent::TierChanged { who: ALICE, from: 0, to: 13 }.into(),
		);
		System::assert_last_event(
			MembershipEvent::Staked { who: ALICE, amount: 1_350, tier: 13 }.into(),
		);
		assert_eq!(take_stake_changes(), vec![(ALICE, 1_350, true)]);
	});
}

#[test]
fn staking_more_adds_to_the_active_stake_and_raises_the_tier() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 100));
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 250));

		assert_eq!(ledger(ALICE).active, 350);
		assert_eq!(held(ALICE), 350);
		assert_eq!(TotalStaked::<Test>::get(), 350);
		assert_eq!(Membership::tier(&ALICE), expected_tier(350));
		System::assert_has_event(
			MembershipEvent::TierChanged { who: ALICE, from: 1, to: 3 }.into(),
		);
		System::assert_last_event(
			MembershipEvent::Staked { who: ALICE, amount: 250, tier: 3 }.into(),
		);
		assert_eq!(take_stake_changes(), vec![(ALICE, 100, false), (ALICE, 350, false)]);
	});
}

#[test]
fn staking_within_the_same_tier_emits_no_tier_change() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 100));
		System::reset_events();
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 50));

		assert_eq!(
			membership_events(),
			vec![MembershipEvent::Staked { who: ALICE, amount: 50, tier: 1 }]
		);
	});
}

#[test]
fn total_staked_sums_the_active_stakes_of_all_members() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 300));
		assert_ok!(Membership::stake(RuntimeOrigin::signed(BOB), 700));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(BOB), 200));

		assert_eq!(TotalStaked::<Test>::get(), 300 + 700 - 200);
	});
}

#[test]
fn a_first_stake_below_the_minimum_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Membership::stake(RuntimeOrigin::signed(ALICE), MIN_STAKE - 1),
			Error::<Test>::BelowMinimumStake
		);
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), MIN_STAKE));
	});
}

#[test]
fn a_top_up_below_the_minimum_is_fine_once_the_minimum_is_staked() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), MIN_STAKE));
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1));
		assert_eq!(ledger(ALICE).active, MIN_STAKE + 1);
	});
}

#[test]
fn staking_zero_is_refused() {
	build_and_execute(|| {
		assert_noop!(Membership::stake(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn staking_more_than_the_free_balance_allows_is_refused() {
	build_and_execute(|| {
		// The existential deposit stays free.
		assert_noop!(
			Membership::stake(RuntimeOrigin::signed(ALICE), INITIAL_BALANCE),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Membership::stake(RuntimeOrigin::signed(NOBODY), MIN_STAKE),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), INITIAL_BALANCE - ED));
		assert_eq!(free(ALICE), ED);
	});
}

#[test]
fn staking_needs_a_signed_origin() {
	build_and_execute(|| {
		assert_noop!(Membership::stake(RuntimeOrigin::root(), 100), DispatchError::BadOrigin);
	});
}

// ----- unstake -----

#[test]
fn unstaking_drops_the_tier_at_once_and_keeps_the_funds_held_until_unbonded() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_400));
		take_stake_changes();
		run_to_block(5);

		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 500));

		assert_eq!(ledger(ALICE).active, 900);
		assert_eq!(chunks(ALICE), vec![(500, 5 + UNBONDING)]);
		assert_eq!(held(ALICE), 1_400);
		assert_eq!(free(ALICE), INITIAL_BALANCE - 1_400);
		assert_eq!(TotalStaked::<Test>::get(), 900);
		assert_eq!(Membership::tier(&ALICE), expected_tier(900));
		System::assert_has_event(
			MembershipEvent::TierChanged { who: ALICE, from: 14, to: 9 }.into(),
		);
		System::assert_last_event(
			MembershipEvent::Unstaked { who: ALICE, amount: 500, unlock_at: 15, tier: 9 }.into(),
		);
		assert_eq!(take_stake_changes(), vec![(ALICE, 900, false)]);
	});
}

#[test]
fn unstaked_funds_cannot_be_spent_before_they_are_withdrawn() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), INITIAL_BALANCE - ED));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), INITIAL_BALANCE - ED));
		assert_noop!(
			<Balances as Mutate<_>>::transfer(&ALICE, &BOB, 2, Preservation::Expendable),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn unstakes_in_the_same_block_share_one_chunk() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_000));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 100));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 200));
		run_to_block(2);
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 300));

		assert_eq!(chunks(ALICE), vec![(300, 1 + UNBONDING), (300, 2 + UNBONDING)]);
		assert_eq!(ledger(ALICE).active, 400);
	});
}

#[test]
fn a_lowered_unbonding_period_never_unlocks_a_new_chunk_before_an_older_one() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_000));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 100));
		// Governance shortens the period: a later unstake would unlock before the first chunk.
		UnbondingPeriod::set(2);
		run_to_block(2);
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 200));
		// It joins the oldest chunk's unlock block instead, keeping the chunks in order.
		assert_eq!(chunks(ALICE), vec![(300, 1 + UNBONDING)]);
		// Once the old chunks are behind, the shorter period applies in full.
		run_to_block(2 + UNBONDING);
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 300));
		assert_eq!(chunks(ALICE), vec![(300, 1 + UNBONDING), (300, 4 + UNBONDING)]);
		// Rebonding takes the newest chunk first.
		assert_ok!(Membership::rebond(RuntimeOrigin::signed(ALICE), 300));
		assert_eq!(chunks(ALICE), vec![(300, 1 + UNBONDING)]);
	});
}

#[test]
fn unstaking_everything_leaves_only_unlocking_stake_and_tier_k0() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_300));
		take_stake_changes();
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 1_300));

		assert_eq!(ledger(ALICE).active, 0);
		assert_eq!(chunks(ALICE), vec![(1_300, 1 + UNBONDING)]);
		assert_eq!(Membership::tier(&ALICE), 0);
		assert!(!Membership::is_elite(&ALICE));
		assert_eq!(held(ALICE), 1_300);
		assert_eq!(take_stake_changes(), vec![(ALICE, 0, false)]);
		System::assert_has_event(
			MembershipEvent::TierChanged { who: ALICE, from: 13, to: 0 }.into(),
		);
	});
}

#[test]
fn unstaking_more_than_the_active_stake_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 300));
		assert_noop!(
			Membership::unstake(RuntimeOrigin::signed(ALICE), 301),
			Error::<Test>::InsufficientActiveStake
		);
	});
}

#[test]
fn an_unstake_that_would_leave_less_than_the_minimum_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 100));
		assert_noop!(
			Membership::unstake(RuntimeOrigin::signed(ALICE), 100 - MIN_STAKE + 1),
			Error::<Test>::RemainderBelowMinimum
		);
		// Leaving exactly the minimum, or nothing, is fine.
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 100 - MIN_STAKE));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), MIN_STAKE));
	});
}

#[test]
fn unstaking_without_a_stake_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Membership::unstake(RuntimeOrigin::signed(ALICE), 100),
			Error::<Test>::NotStaking
		);
	});
}

#[test]
fn unstaking_zero_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 100));
		assert_noop!(
			Membership::unstake(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn unstaking_when_every_chunk_is_in_use_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_000));
		for block in 1..=u64::from(MAX_CHUNKS) {
			run_to_block(block);
			assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 10));
		}
		// The same block still merges into the newest chunk...
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 10));
		// ...but a new block needs a new chunk.
		run_to_block(u64::from(MAX_CHUNKS) + 1);
		assert_noop!(
			Membership::unstake(RuntimeOrigin::signed(ALICE), 10),
			Error::<Test>::NoMoreChunks
		);
		assert_eq!(ledger(ALICE).unlocking.len(), MAX_CHUNKS as usize);
	});
}

// ----- withdraw_unbonded -----

#[test]
fn withdrawing_releases_only_the_due_chunks() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_000));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 100));
		run_to_block(5);
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 200));
		run_to_block(1 + UNBONDING);
		take_stake_changes();

		assert_ok!(Membership::withdraw_unbonded(RuntimeOrigin::signed(ALICE)));

		assert_eq!(free(ALICE), INITIAL_BALANCE - 1_000 + 100);
		assert_eq!(held(ALICE), 1_000 - 100);
		assert_eq!(chunks(ALICE), vec![(200, 5 + UNBONDING)]);
		assert_eq!(ledger(ALICE).active, 700);
		System::assert_last_event(MembershipEvent::Withdrawn { who: ALICE, amount: 100 }.into());
		// The active stake did not change: the dividend pool is not told.
		assert!(take_stake_changes().is_empty());
	});
}

#[test]
fn withdrawing_everything_removes_the_ledger_and_the_hold() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 500));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 500));
		run_to_block(1 + UNBONDING);

		assert_ok!(Membership::withdraw_unbonded(RuntimeOrigin::signed(ALICE)));

		assert!(Ledger::<Test>::get(ALICE).is_none());
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		System::assert_last_event(MembershipEvent::Withdrawn { who: ALICE, amount: 500 }.into());
	});
}

#[test]
fn withdrawing_before_any_chunk_is_due_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 500));
		assert_noop!(
			Membership::withdraw_unbonded(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToWithdraw
		);
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 200));
		run_to_block(UNBONDING);
		assert_noop!(
			Membership::withdraw_unbonded(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToWithdraw
		);
	});
}

#[test]
fn withdrawing_without_a_stake_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Membership::withdraw_unbonded(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotStaking
		);
	});
}

// ----- rebond -----

#[test]
fn rebonding_takes_the_newest_chunks_first() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_000));
		for (block, amount) in [(1, 100), (2, 200), (3, 300)] {
			run_to_block(block);
			assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), amount));
		}
		take_stake_changes();
		assert_eq!(Membership::tier(&ALICE), expected_tier(400));

		assert_ok!(Membership::rebond(RuntimeOrigin::signed(ALICE), 400));

		// 300 (newest) goes back whole, then 100 of the 200.
		assert_eq!(chunks(ALICE), vec![(100, 1 + UNBONDING), (100, 2 + UNBONDING)]);
		assert_eq!(ledger(ALICE).active, 800);
		assert_eq!(held(ALICE), 1_000);
		assert_eq!(TotalStaked::<Test>::get(), 800);
		System::assert_has_event(
			MembershipEvent::TierChanged { who: ALICE, from: 4, to: 8 }.into(),
		);
		System::assert_last_event(
			MembershipEvent::Rebonded { who: ALICE, amount: 400, tier: 8 }.into(),
		);
		assert_eq!(take_stake_changes(), vec![(ALICE, 800, false)]);
	});
}

#[test]
fn rebonding_all_unlocking_stake_empties_the_chunks() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_300));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 1_300));
		assert_ok!(Membership::rebond(RuntimeOrigin::signed(ALICE), 1_300));

		assert!(ledger(ALICE).unlocking.is_empty());
		assert_eq!(ledger(ALICE).active, 1_300);
		assert!(Membership::is_elite(&ALICE));
	});
}

#[test]
fn rebonding_more_than_is_unlocking_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 500));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 100));
		assert_noop!(
			Membership::rebond(RuntimeOrigin::signed(ALICE), 101),
			Error::<Test>::NotEnoughUnlocking
		);
	});
}

#[test]
fn rebonding_zero_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 500));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 100));
		assert_noop!(
			Membership::rebond(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn rebonding_without_a_stake_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Membership::rebond(RuntimeOrigin::signed(ALICE), 100),
			Error::<Test>::NotStaking
		);
	});
}

#[test]
fn rebonding_less_than_the_minimum_into_an_empty_active_stake_is_refused() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 500));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 500));
		assert_noop!(
			Membership::rebond(RuntimeOrigin::signed(ALICE), MIN_STAKE - 1),
			Error::<Test>::BelowMinimumStake
		);
		assert_ok!(Membership::rebond(RuntimeOrigin::signed(ALICE), MIN_STAKE));
	});
}

// ----- tiers -----

#[test]
fn the_tier_is_the_highest_threshold_the_active_stake_meets() {
	build_and_execute(|| {
		let mut staked = 0;
		for target in [50, 99, 100, 101, 199, 200, 999, 1_299, 1_300, 1_499, 1_500, 1_501, 90_000] {
			assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), target - staked));
			staked = target;
			assert_eq!(Membership::tier(&ALICE), expected_tier(target), "active {target}");
			assert_eq!(Membership::active_stake(&ALICE), target);
		}
	});
}

#[test]
fn members_are_elite_from_the_elite_tier_up() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_299));
		assert_ok!(Membership::stake(RuntimeOrigin::signed(BOB), 1_300));
		assert!(!Membership::is_elite(&ALICE));
		assert!(Membership::is_elite(&BOB));

		EliteTier::set(14);
		assert!(!Membership::is_elite(&BOB));
		EliteTier::set(13);
	});
}

#[test]
fn benefits_are_those_of_the_members_tier() {
	build_and_execute(|| {
		assert_eq!(Membership::benefits(&ALICE), TierBenefits::default());
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_320));
		// The mock table gives K`k` `k` percent of every benefit.
		let thirteen = Perbill::from_percent(13);
		assert_eq!(
			Membership::benefits(&ALICE),
			TierBenefits {
				mining_bonus: thirteen,
				dsg_payment_discount: thirteen,
				review_weight_bonus: thirteen,
			}
		);
	});
}

#[test]
fn governance_replaces_the_tier_table_and_tiers_follow_it() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_300));
		let table = thousand_table();

		assert_ok!(Membership::set_tiers(RuntimeOrigin::root(), table.clone()));

		assert_eq!(Tiers::<Test>::get(), table);
		assert_eq!(Membership::tier(&ALICE), 1);
		assert!(!Membership::is_elite(&ALICE));
		System::assert_last_event(MembershipEvent::TiersSet { tiers: table }.into());
	});
}

#[test]
fn a_table_of_fewer_than_fifteen_tiers_caps_the_tier() {
	build_and_execute(|| {
		assert_ok!(Membership::set_tiers(
			RuntimeOrigin::root(),
			table_of(&[(100, 1, 1, 1), (200, 2, 2, 2)])
		));
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 5_000));
		assert_eq!(Membership::tier(&ALICE), 2);
		assert_eq!(Membership::member_info(ALICE).next_tier_threshold, None);
	});
}

#[test]
fn only_the_tier_origin_may_set_tiers() {
	build_and_execute(|| {
		assert_noop!(
			Membership::set_tiers(RuntimeOrigin::signed(ALICE), thousand_table()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_empty_tier_table_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Membership::set_tiers(RuntimeOrigin::root(), BoundedVec::new()),
			Error::<Test>::EmptyTierTable
		);
	});
}

#[test]
fn a_zero_k1_threshold_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Membership::set_tiers(RuntimeOrigin::root(), table_of(&[(0, 1, 1, 1), (10, 2, 2, 2)])),
			Error::<Test>::ZeroTierThreshold
		);
	});
}

#[test]
fn thresholds_that_do_not_increase_are_refused() {
	build_and_execute(|| {
		for bad in [
			table_of(&[(100, 1, 1, 1), (100, 2, 2, 2)]),
			table_of(&[(100, 1, 1, 1), (300, 2, 2, 2), (200, 3, 3, 3)]),
		] {
			assert_noop!(
				Membership::set_tiers(RuntimeOrigin::root(), bad),
				Error::<Test>::TierThresholdsNotIncreasing
			);
		}
	});
}

#[test]
fn a_benefit_lower_than_the_tier_below_is_refused() {
	build_and_execute(|| {
		for bad in [
			table_of(&[(100, 2, 1, 1), (200, 1, 1, 1)]),
			table_of(&[(100, 1, 2, 1), (200, 1, 1, 1)]),
			table_of(&[(100, 1, 1, 2), (200, 1, 1, 1)]),
		] {
			assert_noop!(
				Membership::set_tiers(RuntimeOrigin::root(), bad),
				Error::<Test>::TierBenefitsDecreasing
			);
		}
		// Equal benefits are fine.
		assert_ok!(Membership::set_tiers(
			RuntimeOrigin::root(),
			table_of(&[(100, 1, 1, 1), (200, 1, 1, 1)])
		));
	});
}

// ----- refresh -----

#[test]
fn refresh_passes_an_elite_status_changed_by_a_new_table_to_the_dividend_pool() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_300));
		assert_ok!(Membership::set_tiers(RuntimeOrigin::root(), thousand_table()));
		take_stake_changes();

		assert_ok!(Membership::refresh(RuntimeOrigin::signed(BOB), ALICE));

		assert_eq!(take_stake_changes(), vec![(ALICE, 1_300, false)]);
		assert!(!ledger(ALICE).elite);
		System::assert_last_event(
			MembershipEvent::EliteStatusRefreshed { who: ALICE, is_elite: false }.into(),
		);
		assert_noop!(
			Membership::refresh(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::EliteStatusUnchanged
		);
	});
}

#[test]
fn refresh_follows_a_change_of_the_elite_tier() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_200));
		take_stake_changes();
		EliteTier::set(12);

		assert_ok!(Membership::refresh(RuntimeOrigin::signed(ALICE), ALICE));

		assert_eq!(take_stake_changes(), vec![(ALICE, 1_200, true)]);
		EliteTier::set(13);
	});
}

#[test]
fn refresh_is_refused_when_the_status_is_up_to_date() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_300));
		assert_noop!(
			Membership::refresh(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::EliteStatusUnchanged
		);
	});
}

#[test]
fn refresh_of_an_account_without_stake_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Membership::refresh(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::NotStaking
		);
	});
}

// ----- views -----

#[test]
fn member_info_shows_tier_stake_chunks_and_what_can_be_withdrawn() {
	build_and_execute(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 1_000));
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 100));
		run_to_block(4);
		assert_ok!(Membership::unstake(RuntimeOrigin::signed(ALICE), 150));
		run_to_block(1 + UNBONDING);

		let info = Membership::member_info(ALICE);

		assert_eq!(info.tier, expected_tier(750));
		assert!(!info.is_elite);
		assert_eq!(info.active, 750);
		assert_eq!(info.withdrawable, 100);
		assert_eq!(
			info.unlocking,
			vec![
				UnlockChunk { value: 100, unlock_at: 1 + UNBONDING },
				UnlockChunk { value: 150, unlock_at: 4 + UNBONDING }
			]
		);
		assert_eq!(info.next_tier_threshold, Some(800));
		assert_eq!(info.benefits.mining_bonus, Perbill::from_percent(7));
	});
}

#[test]
fn an_account_without_stake_is_k0_with_nothing() {
	build_and_execute(|| {
		assert_eq!(Membership::tier(&ALICE), 0);
		assert_eq!(Membership::active_stake(&ALICE), 0);
		assert!(!Membership::is_elite(&ALICE));
		let info = Membership::member_info(ALICE);
		assert_eq!(info.tier, 0);
		assert_eq!(info.next_tier_threshold, Some(100));
		assert!(info.unlocking.is_empty());
	});
}

// ----- genesis and invariants -----

#[test]
fn the_default_genesis_table_is_valid_and_puts_k13_at_100_000_dsg() {
	let dsg: Balance = 10u128.pow(despend_primitives::DSG_DECIMALS);
	let tiers: Vec<TierInfo<Balance>> =
		crate::GenesisConfig::<Test>::default().tiers.into_iter().map(Into::into).collect();
	assert_eq!(tiers.len(), 15);
	assert_eq!(validate_tier_table(&tiers), Ok(()));
	assert_eq!(tiers.first().map(|t| t.threshold), Some(100 * dsg));
	assert_eq!(tiers.get(12).map(|t| t.threshold), Some(100_000 * dsg));
	assert_eq!(tier_for(&tiers, &(1_000_000 * dsg)), 15);
	assert_eq!(tier_for(&tiers, &(100_000 * dsg - 1)), 12);
}

#[test]
#[should_panic(expected = "invalid tier table")]
fn a_genesis_with_an_invalid_tier_table_does_not_build() {
	let mut tiers = mock_tiers();
	tiers.swap(0, 1);
	let _ = crate::GenesisConfig::<Test> { tiers }.build_storage();
}

#[test]
fn the_invariants_catch_a_ledger_that_does_not_match_the_hold() {
	new_test_ext().execute_with(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 500));
		assert_ok!(Membership::do_try_state());
		Ledger::<Test>::mutate(ALICE, |l| {
			if let Some(l) = l {
				l.active += 1;
			}
		});
		assert!(Membership::do_try_state().is_err());
	});
}

#[test]
fn the_invariants_catch_a_wrong_total() {
	new_test_ext().execute_with(|| {
		assert_ok!(Membership::stake(RuntimeOrigin::signed(ALICE), 500));
		TotalStaked::<Test>::put(499);
		assert!(Membership::do_try_state().is_err());
	});
}
