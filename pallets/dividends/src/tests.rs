//! Tests of the dividend pool. Each runs in [`build_and_execute`], which checks the pool's
//! invariants (`do_try_state`) after the test.

use crate::{
	mock::*, Acc, AmountsOf, CurrentEpoch, EpochSnapshots, Error, Event, IncomeRecords, Queued,
	Shareholders, SnapshotRefs, StakedItem, StakedItems, TotalShares, TurboPayout, Undistributed,
	Upcoming, Withdrawal, Withdrawals, ACC_SCALE,
};
use despend_primitives::{
	OnOrderSettled, OnStakeChanged, OrderSettlement, SettlementParts, StakedRwa,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Mutate as _, tokens::Preservation},
};
use sp_arithmetic::{FixedU128, Perbill};

fn amounts(list: Vec<(AssetKind, Balance)>) -> AmountsOf<Test> {
	AmountsOf::<Test>::truncate_from(list)
}

/// ALICE (1000 shares) and BOB (3000 shares) are elite from epoch 0; we are in epoch 1, where
/// their shares earn.
fn alice_and_bob_earning() {
	set_member(ALICE, 1_000_000, true);
	set_member(BOB, 3_000_000, true);
	go_to_epoch(1);
}

// --- income and epochs ---

#[test]
fn income_without_shareholders_waits_for_the_next_epoch_with_shareholders() {
	build_and_execute(|| {
		settle_order(USDT, 900);
		System::assert_last_event(Event::IncomeHeld { asset: USDT, amount: 900 }.into());
		assert_eq!(Undistributed::<Test>::get(USDT), 900);

		// Alice becomes elite: her share waits for epoch 1, so new income is kept undistributed too.
		set_member(ALICE, 1_000_000, true);
		assert_eq!(shares_of(ALICE), (0, 1_000));
		settle_order(USDT, 300);
		assert_eq!(Undistributed::<Test>::get(USDT), 1_200);
		assert_eq!(pending(ALICE, USDT), 0);

		// The first operation of epoch 1 starts it and shares the kept income.
		go_to_epoch(1);
		settle_order(USDT, 60);
		System::assert_has_event(Event::EpochStarted { epoch: 1, total_shares: 1_000 }.into());
		System::assert_has_event(Event::IncomeDistributed { asset: USDT, amount: 1_200 }.into());
		assert_eq!(Undistributed::<Test>::get(USDT), 0);
		assert_eq!(pending(ALICE, USDT), 1_260);
	});
}

#[test]
fn a_new_share_earns_only_from_the_next_epoch() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		go_to_epoch(1);
		// Bob joins in epoch 1 with the same stake: he earns nothing of epoch 1's income.
		set_member(BOB, 1_000_000, true);
		assert_eq!(shares_of(BOB), (0, 1_000));
		settle_order(USDT, 1_000);
		assert_eq!(pending(ALICE, USDT), 1_000);
		assert_eq!(pending(BOB, USDT), 0);

		go_to_epoch(2);
		settle_order(USDT, 1_000);
		assert_eq!(pending(ALICE, USDT), 1_500);
		assert_eq!(pending(BOB, USDT), 500);
	});
}

#[test]
fn flash_staking_earns_nothing() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		go_to_epoch(1);
		// Bob stakes a lot, income arrives, Bob leaves: all in one epoch.
		set_member(BOB, 1_000_000_000, true);
		settle_order(USDT, 1_000);
		settle_order(DSG, 1_000);
		set_member(BOB, 0, false);
		assert_eq!(pending(BOB, USDT), 0);
		assert_eq!(pending(BOB, DSG), 0);
		assert_eq!(Shareholders::<Test>::get(BOB), None);
		assert_eq!(pending(ALICE, USDT), 1_000);
		assert_noop!(Dividends::claim(RuntimeOrigin::signed(BOB)), Error::<Test>::NotAShareholder);
		// The cancelled increase is gone from the next epoch too.
		assert_eq!(Upcoming::<Test>::get(), None);
	});
}

#[test]
fn income_is_shared_in_proportion_to_shares_rounding_down() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDC, 1_000);
		assert_eq!(pending(ALICE, USDC), 250);
		assert_eq!(pending(BOB, USDC), 750);
		// 1001 / 4000 per share: Alice 250.25, Bob 750.75, both rounded down.
		settle_order(USDC, 1_001);
		assert_eq!(pending(ALICE, USDC), 500);
		assert_eq!(pending(BOB, USDC), 1_500);
		// The accumulator is exact to 1e-24 per share.
		let expected = (2_001u128 * ACC_SCALE) / 4_000;
		assert_eq!(Acc::<Test>::get(USDC).as_u128(), expected);
	});
}

#[test]
fn a_share_decrease_applies_at_once() {
	build_and_execute(|| {
		alice_and_bob_earning();
		// Bob unbonds two thirds of his stake: 1000 shares left at once.
		set_member(BOB, 1_000_000, true);
		assert_eq!(shares_of(BOB), (1_000, 0));
		assert_eq!(TotalShares::<Test>::get(), 2_000);
		settle_order(USDT, 1_000);
		assert_eq!(pending(ALICE, USDT), 500);
		assert_eq!(pending(BOB, USDT), 500);
	});
}

#[test]
fn a_member_who_falls_below_elite_loses_the_stake_share_at_once_but_keeps_its_income() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		assert_eq!(pending(BOB, USDT), 3_000);
		// Bob keeps his stake but drops below K13.
		set_member(BOB, 3_000_000, false);
		assert_eq!(shares_of(BOB), (0, 0));
		assert_eq!(TotalShares::<Test>::get(), 1_000);
		settle_order(USDT, 4_000);
		assert_eq!(pending(ALICE, USDT), 5_000);
		assert_eq!(pending(BOB, USDT), 3_000);
		// He can still claim what he earned, then he has nothing more.
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(BOB)));
		assert_eq!(Shareholders::<Test>::get(BOB), None);
		assert_eq!(IncomeRecords::<Test>::iter_prefix(BOB).count(), 0);
		assert_noop!(Dividends::claim(RuntimeOrigin::signed(BOB)), Error::<Test>::NotAShareholder);
	});
}

#[test]
fn a_member_who_is_not_elite_gets_no_share_and_nothing_is_stored() {
	build_and_execute(|| {
		set_member(DAVE, 5_000_000, false);
		assert_eq!(Shareholders::<Test>::get(DAVE), None);
		assert!(System::events().is_empty());
	});
}

#[test]
fn upcoming_shares_activate_lazily_after_skipped_epochs_and_snapshots_are_cleaned() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		set_member(BOB, 1_000_000, true);
		assert_eq!(
			Upcoming::<Test>::get().map(|u| (u.epoch, u.shares, u.accounts)),
			Some((1, 2_000, 2))
		);
		// Nobody touches the pool for three epochs' time: the next operation starts epoch 1.
		go_to_epoch(3);
		settle_order(DSG, 2_000);
		assert_eq!(CurrentEpoch::<Test>::get(), 1);
		assert_eq!(crate::EpochStart::<Test>::get(), 3 * EPOCH);
		assert_eq!(TotalShares::<Test>::get(), 2_000);
		assert_eq!(SnapshotRefs::<Test>::get(1), 2);
		assert_eq!(EpochSnapshots::<Test>::get(1, DSG), Some(sp_core::U256::zero()));
		// Still stored as upcoming, but counted and earning.
		assert_eq!(shares_of(ALICE), (0, 1_000));
		assert_eq!(pending(ALICE, DSG), 1_000);

		assert_ok!(Dividends::claim(RuntimeOrigin::signed(ALICE)));
		assert_eq!(shares_of(ALICE), (1_000, 0));
		assert_eq!(SnapshotRefs::<Test>::get(1), 1);
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(BOB)));
		assert_eq!(SnapshotRefs::<Test>::iter().count(), 0);
		assert_eq!(EpochSnapshots::<Test>::iter().count(), 0);
		assert_eq!(Queued::<Test>::get(DSG), 2_000);
	});
}

#[test]
fn a_new_epoch_length_counts_from_the_current_epoch_start_and_never_moves_epochs_back() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		go_to_epoch(1);
		settle_order(USDT, 10);
		assert_eq!((CurrentEpoch::<Test>::get(), crate::EpochStart::<Test>::get()), (1, EPOCH));
		assert_eq!(Dividends::next_epoch_at(), 2 * EPOCH);
		set_member(BOB, 1_000_000, true);

		// Governance makes epochs ten times longer: epoch 2 starts 100 blocks after epoch 1.
		EpochLength::set(10 * EPOCH);
		set_block(EPOCH + 10 * EPOCH - 1);
		settle_order(USDT, 10);
		assert_eq!(CurrentEpoch::<Test>::get(), 1);
		assert_eq!(pending(BOB, USDT), 0);
		set_block(EPOCH + 10 * EPOCH);
		settle_order(USDT, 10);
		assert_eq!(CurrentEpoch::<Test>::get(), 2);
		assert_eq!(pending(BOB, USDT), 5);

		// And shorter again: the next epoch is due five blocks after this one started.
		EpochLength::set(5);
		advance(5);
		settle_order(USDT, 10);
		assert_eq!(CurrentEpoch::<Test>::get(), 3);
	});
}

#[test]
fn on_initialize_rolls_once_at_the_epoch_start_and_is_charged_for_what_it_did() {
	use crate::weights::WeightInfo;
	use frame_support::traits::Hooks;
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		System::set_block_number(EPOCH);
		assert_eq!(Dividends::on_initialize(EPOCH), <() as WeightInfo>::on_initialize_roll());
		assert_eq!(CurrentEpoch::<Test>::get(), 1);
		System::assert_has_event(
			Event::EpochStarted { epoch: 1, total_shares: crate::TotalShares::<Test>::get() }
				.into(),
		);
		// The rest of the epoch only reads when it is due.
		System::set_block_number(EPOCH + 1);
		assert_eq!(Dividends::on_initialize(EPOCH + 1), <() as WeightInfo>::on_initialize_wait());
		assert_eq!(CurrentEpoch::<Test>::get(), 1);
	});
}

#[test]
fn a_settlement_credits_the_epoch_in_force_and_never_rolls_it() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		go_to_epoch(1);
		set_member(BOB, 1_000_000, true);
		// The epoch is due, but this block's `on_initialize` did not roll it (governance
		// shortened the epoch within the block): the income is ALICE's, BOB's shares wait.
		System::set_block_number(2 * EPOCH);
		settle_order(USDT, 10);
		assert_eq!(CurrentEpoch::<Test>::get(), 1);
		assert_eq!((pending(ALICE, USDT), pending(BOB, USDT)), (10, 0));
		// The next block rolls, and BOB shares from then on.
		advance(1);
		assert_eq!(CurrentEpoch::<Test>::get(), 2);
		settle_order(USDT, 10);
		assert_eq!((pending(ALICE, USDT), pending(BOB, USDT)), (15, 5));
	});
}

#[test]
fn income_in_an_asset_outside_the_pool_is_kept_undistributed() {
	build_and_execute(|| {
		alice_and_bob_earning();
		let other = NativeOrWithId::WithId(7);
		let settlement = OrderSettlement {
			parts: SettlementParts { community_fee: 60, dividend_share: 40, ..Default::default() },
			settled_at: 10,
			..OrderSettlement::sale(1, DAVE, CHARLIE, other.clone(), 10_000)
		};
		Dividends::on_order_settled(&settlement);
		System::assert_last_event(Event::IncomeHeld { asset: other.clone(), amount: 100 }.into());
		assert_eq!(Undistributed::<Test>::get(other), 100);
	});
}

#[test]
fn the_pool_hooks_report_their_benchmarked_weights() {
	build_and_execute(|| {
		use crate::WeightInfo;
		assert_eq!(
			<Dividends as OnOrderSettled<_, _, _, _>>::max_weight(),
			<() as WeightInfo>::on_order_settled()
		);
		assert_eq!(
			<Dividends as OnStakeChanged<AccountId, Balance>>::max_weight(),
			<() as WeightInfo>::on_stake_changed()
		);
	});
}

// --- RWA-NFT staking ---

#[test]
fn an_owner_stakes_an_rwa_nft_which_earns_from_the_next_epoch() {
	build_and_execute(|| {
		give_nft(7, ALICE, 5_000);
		assert_ok!(Dividends::stake_rwa(RuntimeOrigin::signed(ALICE), 7));
		assert_eq!(
			StakedItems::<Test>::get(7),
			Some(StakedItem { owner: ALICE, weight: 5_000, staked_at: 1 })
		);
		assert!(Dividends::is_staked(7));
		assert_eq!(StakedNotices::get(), vec![7]);
		assert_eq!(shares_of(ALICE), (0, 5_000));
		System::assert_has_event(Event::RwaStaked { who: ALICE, item: 7, weight: 5_000 }.into());
		System::assert_has_event(
			Event::SharesChanged {
				who: ALICE,
				stake_share: 0,
				rwa_share: 5_000,
				active: 0,
				upcoming: 5_000,
				upcoming_epoch: 1,
			}
			.into(),
		);
		settle_order(USDT, 100);
		assert_eq!(pending(ALICE, USDT), 0);
		go_to_epoch(1);
		settle_order(USDT, 100);
		assert_eq!(pending(ALICE, USDT), 200);
	});
}

#[test]
fn staking_needs_an_existing_nft_of_ones_own_not_yet_staked() {
	build_and_execute(|| {
		give_nft(7, ALICE, 5_000);
		assert_noop!(
			Dividends::stake_rwa(RuntimeOrigin::signed(ALICE), 8),
			Error::<Test>::UnknownItem
		);
		assert_noop!(
			Dividends::stake_rwa(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::NotItemOwner
		);
		assert_ok!(Dividends::stake_rwa(RuntimeOrigin::signed(ALICE), 7));
		assert_noop!(
			Dividends::stake_rwa(RuntimeOrigin::signed(ALICE), 7),
			Error::<Test>::AlreadyStaked
		);
	});
}

#[test]
fn staked_nfts_stay_when_the_member_loses_elite_status() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		give_nft(7, ALICE, 5_000);
		assert_ok!(Dividends::stake_rwa(RuntimeOrigin::signed(ALICE), 7));
		go_to_epoch(1);
		set_member(ALICE, 1_000_000, false);
		assert_eq!(shares_of(ALICE), (5_000, 0));
		assert!(StakedItems::<Test>::contains_key(7));
	});
}

#[test]
fn an_nft_is_unstaked_by_its_staker_after_the_minimum_period_and_its_share_ends_at_once() {
	build_and_execute(|| {
		give_nft(7, ALICE, 5_000);
		set_member(BOB, 1_000_000, true);
		assert_ok!(Dividends::stake_rwa(RuntimeOrigin::signed(ALICE), 7));
		go_to_epoch(1);
		assert_noop!(
			Dividends::unstake_rwa(RuntimeOrigin::signed(ALICE), 8),
			Error::<Test>::NotStaked
		);
		assert_noop!(
			Dividends::unstake_rwa(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::NotStaker
		);
		// Staked at block 1: not before block 21.
		set_block(1 + MIN_RWA_STAKE - 1);
		assert_noop!(
			Dividends::unstake_rwa(RuntimeOrigin::signed(ALICE), 7),
			Error::<Test>::StakePeriodNotOver
		);
		settle_order(USDT, 600);
		assert_eq!(pending(ALICE, USDT), 500);

		set_block(1 + MIN_RWA_STAKE);
		assert_ok!(Dividends::unstake_rwa(RuntimeOrigin::signed(ALICE), 7));
		System::assert_has_event(Event::RwaUnstaked { who: ALICE, item: 7, weight: 5_000 }.into());
		assert!(!Dividends::is_staked(7));
		assert_eq!(shares_of(ALICE), (0, 0));
		assert_eq!(TotalShares::<Test>::get(), 1_000);
		settle_order(USDT, 600);
		assert_eq!(pending(ALICE, USDT), 500);
		assert_eq!(pending(BOB, USDT), 700);
	});
}

// --- claim and withdraw ---

#[test]
fn a_claim_queues_all_income_until_the_standard_delay_then_withdraw_pays_it() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		settle_order(DSG, 400);
		let (usdt_before, dsg_before) = (balance(USDT, ALICE), balance(DSG, ALICE));
		let claimed_at = System::block_number();

		assert_ok!(Dividends::claim(RuntimeOrigin::signed(ALICE)));
		let expected = amounts(vec![(DSG, 100), (USDT, 1_000)]);
		System::assert_last_event(
			Event::Claimed {
				who: ALICE,
				amounts: expected.clone(),
				release_at: claimed_at + WITHDRAW_DELAY,
			}
			.into(),
		);
		assert_eq!(
			Withdrawals::<Test>::get(ALICE).into_inner(),
			vec![Withdrawal { release_at: claimed_at + WITHDRAW_DELAY, amounts: expected.clone() }]
		);
		assert_eq!(Queued::<Test>::get(USDT), 1_000);
		assert_eq!(pending(ALICE, USDT), 0);
		assert_eq!(balance(USDT, ALICE), usdt_before);

		advance(WITHDRAW_DELAY - 1);
		assert_noop!(
			Dividends::withdraw(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToWithdraw
		);
		advance(1);
		assert_ok!(Dividends::withdraw(RuntimeOrigin::signed(ALICE)));
		System::assert_last_event(Event::Withdrawn { who: ALICE, amounts: expected }.into());
		assert_eq!(balance(USDT, ALICE), usdt_before + 1_000);
		assert_eq!(balance(DSG, ALICE), dsg_before + 100);
		assert_eq!(Withdrawals::<Test>::get(ALICE).len(), 0);
		assert_eq!(Queued::<Test>::get(USDT), 0);
	});
}

#[test]
fn withdraw_pays_released_entries_only() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(ALICE)));
		advance(3);
		settle_order(USDT, 8_000);
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(ALICE)));
		advance(WITHDRAW_DELAY - 3);
		let before = balance(USDT, ALICE);
		assert_ok!(Dividends::withdraw(RuntimeOrigin::signed(ALICE)));
		assert_eq!(balance(USDT, ALICE), before + 1_000);
		assert_eq!(Withdrawals::<Test>::get(ALICE).len(), 1);
		assert_eq!(Queued::<Test>::get(USDT), 2_000);
	});
}

#[test]
fn a_non_elite_account_without_a_staked_nft_is_refused_a_claim_with_a_clear_error() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		assert_noop!(Dividends::claim(RuntimeOrigin::signed(DAVE)), Error::<Test>::NotAShareholder);
		assert_noop!(
			Dividends::turbo_claim(RuntimeOrigin::signed(DAVE), Perbill::from_percent(5)),
			Error::<Test>::NotAShareholder
		);
	});
}

#[test]
fn a_shareholder_without_income_yet_has_nothing_to_claim() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		assert_noop!(Dividends::claim(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToClaim);
		assert_noop!(
			Dividends::turbo_claim(RuntimeOrigin::signed(ALICE), Perbill::from_percent(5)),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn the_withdrawal_queue_is_bounded() {
	build_and_execute(|| {
		alice_and_bob_earning();
		for _ in 0..MAX_PENDING {
			settle_order(USDT, 4_000);
			assert_ok!(Dividends::claim(RuntimeOrigin::signed(ALICE)));
		}
		settle_order(USDT, 4_000);
		assert_noop!(
			Dividends::claim(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::TooManyPendingWithdrawals
		);
		// Withdrawing released entries makes room.
		advance(WITHDRAW_DELAY);
		assert_ok!(Dividends::withdraw(RuntimeOrigin::signed(ALICE)));
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(ALICE)));
	});
}

#[test]
fn income_an_account_cannot_receive_stays_queued_and_the_rest_is_paid() {
	build_and_execute(|| {
		// NOBODY holds no token at all, only a staked NFT.
		give_nft(7, NOBODY, 1_000);
		assert_ok!(Dividends::stake_rwa(RuntimeOrigin::signed(NOBODY), 7));
		go_to_epoch(1);
		// Less DSG than the existential deposit: NOBODY's account cannot receive it.
		settle_order(DSG, ED - 1);
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(NOBODY)));
		advance(WITHDRAW_DELAY);
		assert_noop!(
			Dividends::withdraw(RuntimeOrigin::signed(NOBODY)),
			Error::<Test>::CannotReceive
		);

		// With USDT owed as well, the USDT is paid and the DSG stays queued (released).
		settle_order(USDT, 500);
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(NOBODY)));
		advance(WITHDRAW_DELAY);
		assert_ok!(Dividends::withdraw(RuntimeOrigin::signed(NOBODY)));
		System::assert_last_event(
			Event::Withdrawn { who: NOBODY, amounts: amounts(vec![(USDT, 500)]) }.into(),
		);
		assert_eq!(balance(USDT, NOBODY), 500);
		let now = System::block_number();
		assert_eq!(
			Withdrawals::<Test>::get(NOBODY).into_inner(),
			vec![Withdrawal { release_at: now, amounts: amounts(vec![(DSG, ED - 1)]) }]
		);
		assert_eq!(Queued::<Test>::get(DSG), ED - 1);
	});
}

// --- turbo claim ---

#[test]
fn a_turbo_claim_pays_at_once_minus_the_fee_which_goes_to_the_other_shareholders() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 10_004);
		// Alice: 10004 / 4 = 2501; fee 2% of 2501 = 50.02, rounded up to 51.
		assert_eq!(pending(ALICE, USDT), 2_501);
		assert_eq!(pending(BOB, USDT), 7_503);
		let before = balance(USDT, ALICE);

		assert_ok!(Dividends::turbo_claim(RuntimeOrigin::signed(ALICE), Perbill::from_percent(2)));

		assert_eq!(balance(USDT, ALICE), before + 2_450);
		System::assert_last_event(
			Event::TurboClaimed {
				who: ALICE,
				payouts: crate::TurboPayoutsOf::<Test>::truncate_from(vec![TurboPayout {
					asset: USDT,
					paid: 2_450,
					fee: 51,
				}]),
			}
			.into(),
		);
		// The fee went to Bob alone: Alice earns nothing from her own fee.
		assert_eq!(pending(ALICE, USDT), 0);
		assert_eq!(pending(BOB, USDT), 7_503 + 51);
		System::assert_has_event(Event::IncomeDistributed { asset: USDT, amount: 51 }.into());
	});
}

#[test]
fn a_turbo_claim_refuses_a_fee_above_the_accepted_maximum() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		assert_noop!(
			Dividends::turbo_claim(RuntimeOrigin::signed(ALICE), Perbill::from_percent(1)),
			Error::<Test>::FeeTooHigh
		);
	});
}

#[test]
fn the_turbo_fee_of_the_only_shareholder_waits_for_the_next_epoch() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		go_to_epoch(1);
		settle_order(USDC, 1_000);
		assert_ok!(Dividends::turbo_claim(RuntimeOrigin::signed(ALICE), Perbill::from_percent(2)));
		assert_eq!(Undistributed::<Test>::get(USDC), 20);
		System::assert_has_event(Event::IncomeHeld { asset: USDC, amount: 20 }.into());
		assert_eq!(pending(ALICE, USDC), 0);
	});
}

#[test]
fn a_turbo_claim_into_an_account_that_cannot_receive_is_refused() {
	build_and_execute(|| {
		give_nft(7, NOBODY, 1_000);
		assert_ok!(Dividends::stake_rwa(RuntimeOrigin::signed(NOBODY), 7));
		go_to_epoch(1);
		settle_order(DSG, ED - 1);
		assert_noop!(
			Dividends::turbo_claim(RuntimeOrigin::signed(NOBODY), Perbill::from_percent(2)),
			Error::<Test>::CannotReceive
		);
	});
}

// --- stake sync ---

#[test]
fn anybody_can_sync_a_stake_share_with_a_new_weight() {
	build_and_execute(|| {
		set_member(ALICE, 1_000_000, true);
		go_to_epoch(1);
		settle_order(USDT, 10);
		assert_eq!(shares_of(ALICE), (0, 1_000));
		// Governance doubles the weight.
		StakeShareWeight::set(FixedU128::from_rational(1, 500));
		System::reset_events();
		assert_ok!(Dividends::sync_stake(RuntimeOrigin::signed(DAVE), ALICE));
		System::assert_last_event(
			Event::SharesChanged {
				who: ALICE,
				stake_share: 2_000,
				rwa_share: 0,
				active: 1_000,
				upcoming: 1_000,
				upcoming_epoch: 2,
			}
			.into(),
		);
		// Syncing again, or syncing a non-member, changes nothing.
		System::reset_events();
		assert_ok!(Dividends::sync_stake(RuntimeOrigin::signed(DAVE), ALICE));
		assert_ok!(Dividends::sync_stake(RuntimeOrigin::signed(DAVE), DAVE));
		assert!(System::events().is_empty());
	});
}

// --- views and invariants ---

#[test]
fn pending_income_shows_what_a_claim_would_queue() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		settle_order(USDC, 8_000);
		assert_eq!(Dividends::pending_income(BOB), vec![(DSG, 0), (USDT, 3_000), (USDC, 6_000)]);
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(BOB)));
		assert_eq!(Dividends::queued_withdrawals(BOB), vec![(USDT, 3_000), (USDC, 6_000)]);
		assert_eq!(Dividends::pending_income(BOB), vec![(DSG, 0), (USDT, 0), (USDC, 0)]);
	});
}

#[test]
fn try_state_detects_wrong_totals_and_an_insolvent_pool() {
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		assert_ok!(Dividends::do_try_state());

		TotalShares::<Test>::put(4_001);
		assert!(Dividends::do_try_state().is_err());
		TotalShares::<Test>::put(4_000);

		// Money leaves the pool behind its back: more than its own minimum balance.
		let taken = USD_MIN_BALANCE + 1;
		assert_ok!(NativeAndAssets::transfer(USDT, &pool(), &DAVE, taken, Preservation::Preserve));
		assert!(Dividends::do_try_state().is_err());
		assert_ok!(NativeAndAssets::transfer(USDT, &DAVE, &pool(), taken, Preservation::Preserve));

		Queued::<Test>::insert(USDT, 1);
		assert!(Dividends::do_try_state().is_err());
		Queued::<Test>::remove(USDT);
	});
}

/// A tiny deterministic pseudo-random sequence (no extra dependency).
struct Lcg(u64);
impl Lcg {
	fn next(&mut self, bound: u64) -> u64 {
		self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
		(self.0 >> 33) % bound
	}
}

#[test]
fn many_small_claims_never_pay_out_more_than_was_paid_in() {
	build_and_execute(|| {
		const ACCOUNTS: u64 = 50;
		const ROUNDS: u64 = 100;
		let assets = [DSG, USDT, USDC];
		let holders: Vec<AccountId> = (100..100 + ACCOUNTS).collect();
		let mut rng = Lcg(42);
		// Everyone can receive any amount of every asset.
		for who in holders.iter() {
			for asset in assets.iter() {
				assert_ok!(NativeAndAssets::mint_into(asset.clone(), who, 100));
			}
		}
		let start: Vec<Vec<Balance>> = holders
			.iter()
			.map(|who| assets.iter().map(|a| balance(a.clone(), *who)).collect())
			.collect();
		// Odd stakes; every fifth holder stakes an NFT instead.
		for (i, who) in holders.iter().enumerate() {
			if i % 5 == 0 {
				give_nft(i as u64, *who, 1_001 + 2 * rng.next(5_000) as u128);
				assert_ok!(Dividends::stake_rwa(RuntimeOrigin::signed(*who), i as u64));
			} else {
				set_member(*who, 1_000 * (1 + 2 * rng.next(3_000) as u128) + 7, true);
			}
		}
		let mut paid_in = [0u128; 3];
		let mut claims = 0u32;
		for round in 0..ROUNDS {
			for (k, asset) in assets.iter().enumerate() {
				let income = 1 + 2 * rng.next(9_973) as u128;
				settle_order(asset.clone(), income);
				paid_in[k] += income;
			}
			for (i, who) in holders.iter().enumerate() {
				let origin = RuntimeOrigin::signed(*who);
				let _ = Dividends::withdraw(origin.clone());
				let claimed = if (i as u64 + round) % 2 == 0 {
					Dividends::claim(origin)
				} else {
					Dividends::turbo_claim(origin, Perbill::from_percent(2))
				};
				if claimed.is_ok() {
					claims += 1;
				}
			}
			if round % 10 == 9 {
				// Some members change their stake or lose elite status.
				let who = holders[1 + rng.next(ACCOUNTS - 1) as usize];
				if who % 5 != 0 {
					let stake = 1_000 * rng.next(4_000) as u128 + 3;
					set_member(who, stake, rng.next(3) != 0);
				}
				assert_ok!(Dividends::do_try_state());
			}
			advance(3);
		}
		assert!(claims > 4_000, "most claims succeed: {claims}");

		// Pay out everything that can be.
		advance(WITHDRAW_DELAY);
		for who in holders.iter() {
			let _ = Dividends::withdraw(RuntimeOrigin::signed(*who));
		}
		for (k, asset) in assets.iter().enumerate() {
			let paid_out: Balance = holders
				.iter()
				.enumerate()
				.map(|(i, who)| balance(asset.clone(), *who) - start[i][k])
				.sum();
			let still_owed: Balance =
				holders.iter().map(|who| Dividends::income_owed(who, asset)).sum();
			let held = Undistributed::<Test>::get(asset) + Queued::<Test>::get(asset);
			assert!(paid_out <= paid_in[k], "{asset:?}: paid {paid_out} > received {}", paid_in[k]);
			assert!(paid_out + still_owed + held <= paid_in[k]);
			// What rounding kept is dust: under one planck per account and income event.
			let dust = paid_in[k] - paid_out - still_owed - held;
			assert!(dust <= (ACCOUNTS * ROUNDS * 3) as u128, "{asset:?}: dust {dust}");
			let seed = if *asset == DSG { ED } else { USD_MIN_BALANCE };
			assert_eq!(balance(asset.clone(), pool()), seed + paid_in[k] - paid_out);
		}
	});
}

#[test]
fn the_v1_migration_renames_income_records_and_runs_only_from_version_0() {
	use crate::migrations::v1;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		alice_and_bob_earning();
		settle_order(USDT, 4_000);
		// A stake change brings Bob's income up to date: his records are written.
		set_member(BOB, 1_000_000, true);
		let records: Vec<_> = IncomeRecords::<Test>::iter().collect();
		assert!(!records.is_empty());
		let owed = (pending(ALICE, USDT), pending(BOB, USDT));
		// Version 0's name.
		for (who, asset, record) in IncomeRecords::<Test>::drain() {
			v1::Rewards::<Test>::insert(who, asset, record);
		}
		StorageVersion::new(0).put::<Dividends>();

		let weight = v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Dividends::on_chain_storage_version(), StorageVersion::new(1));
		let mut after: Vec<_> = IncomeRecords::<Test>::iter().collect();
		let mut before = records.clone();
		after.sort_by_key(|(who, asset, _)| (*who, asset.clone()));
		before.sort_by_key(|(who, asset, _)| (*who, asset.clone()));
		assert_eq!(after, before);
		assert_eq!(v1::Rewards::<Test>::iter().count(), 0);
		assert_eq!((pending(ALICE, USDT), pending(BOB, USDT)), owed);
		let moved = records.len() as u64;
		let db = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(
			weight,
			db.reads_writes(2 * moved, 2 * moved).saturating_add(db.reads_writes(1, 1))
		);
		// Bob claims what the renamed records hold.
		assert_ok!(Dividends::claim(RuntimeOrigin::signed(BOB)));

		// Again: nothing happens (the version is 1 now).
		assert_eq!(v1::MigrateToV1::<Test>::on_runtime_upgrade(), db.reads(1));
	});
}
