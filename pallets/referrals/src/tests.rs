//! Tests of the referrals pallet. Expected commissions are computed here with plain integer
//! arithmetic (percent × revenue / 100, rounded down), not with the pallet's `Perbill` code.

use crate::{mock::*, *};
use despend_primitives::{PromoterCommissions, MAX_PROMOTERS};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_arithmetic::Perbill;
use sp_runtime::DispatchError;

type ReferralsEvent = crate::Event<Test>;

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Referrals(HoldReason::Binding), &who)
}

fn bind(who: AccountId, promoter: AccountId) -> DispatchResultWithPostInfoOf {
	Referrals::bind_promoter(RuntimeOrigin::signed(who), promoter)
}

type DispatchResultWithPostInfoOf = frame_support::dispatch::DispatchResultWithPostInfo;

/// Binds `chain[i]` to `chain[i + 1]`, from the top down (so no binding needs a walk).
fn bind_chain(chain: &[AccountId]) {
	for pair in chain.windows(2).rev() {
		assert_ok!(bind(pair[0], pair[1]));
	}
}

fn commissions_of(buyer: AccountId, revenue: Balance) -> Vec<(AccountId, Balance)> {
	<Referrals as PromoterCommissions<_, _>>::commissions(&buyer, revenue).into_inner()
}

// ----- bind_promoter -----

#[test]
fn binding_holds_the_deposit_and_records_the_promoter() {
	build_and_execute(|| {
		assert_ok!(bind(1, 2));

		assert_eq!(Promoter::<Test>::get(1), Some(Binding { promoter: 2, deposit: 10 }));
		assert_eq!(Referrals::promoter_of(&1), Some(2));
		assert_eq!(PromotedCount::<Test>::get(2), 1);
		assert_eq!(held(1), 10);
		assert_eq!(Balances::balance(&1), INITIAL_BALANCE - 10);
		// The promoter pays nothing.
		assert_eq!(Balances::balance(&2), INITIAL_BALANCE);
		System::assert_last_event(
			ReferralsEvent::PromoterBound { buyer: 1, promoter: 2, deposit: 10 }.into(),
		);
	});
}

#[test]
fn buyer_count_counts_direct_buyers_only() {
	build_and_execute(|| {
		assert_ok!(bind(1, 3));
		assert_ok!(bind(2, 3));
		assert_ok!(bind(4, 1));

		assert_eq!(PromotedCount::<Test>::get(3), 2);
		assert_eq!(PromotedCount::<Test>::get(1), 1);
		assert_eq!(PromotedCount::<Test>::get(4), 0);
	});
}

#[test]
fn an_account_binds_a_promoter_only_once() {
	build_and_execute(|| {
		assert_ok!(bind(1, 2));
		assert_noop!(bind(1, 3), Error::<Test>::AlreadyBound);
		assert_noop!(bind(1, 2), Error::<Test>::AlreadyBound);
	});
}

#[test]
fn an_account_cannot_refer_itself() {
	build_and_execute(|| {
		assert_noop!(bind(1, 1), Error::<Test>::SelfReferral);
	});
}

#[test]
fn the_promoter_must_be_an_existing_account() {
	build_and_execute(|| {
		assert_noop!(bind(1, NOBODY), Error::<Test>::UnknownPromoter);
	});
}

#[test]
fn a_binding_that_would_close_a_cycle_is_refused() {
	build_and_execute(|| {
		// 1 → 2: 2 may not bind 1.
		assert_ok!(bind(1, 2));
		assert_noop!(bind(2, 1), Error::<Test>::ReferralCycle);
		// 3 → 4 → 5: 5 may not bind 3.
		bind_chain(&[3, 4, 5]);
		assert_noop!(bind(5, 3), Error::<Test>::ReferralCycle);
		// But 5 may bind someone outside its tree.
		assert_ok!(bind(5, 6));
	});
}

#[test]
fn a_cycle_right_at_the_limit_of_the_check_is_still_named_a_cycle() {
	build_and_execute(|| {
		MaxAncestorCheck::set(2);
		// 1 → 2 → 3: 3 binding 1 walks 1, 2 and finds 3 as the next link.
		bind_chain(&[1, 2, 3]);
		assert_noop!(bind(3, 1), Error::<Test>::ReferralCycle);
	});
}

#[test]
fn a_chain_longer_than_the_check_can_prove_is_refused() {
	build_and_execute(|| {
		MaxAncestorCheck::set(3);
		// 2 → 3 → 4 → 5 → 6, and 7 refers to 1 (so 1 is somebody's ancestor).
		bind_chain(&[2, 3, 4, 5, 6]);
		assert_ok!(bind(7, 1));
		assert_noop!(bind(1, 2), Error::<Test>::AncestorChainTooLong);
	});
}

#[test]
fn a_chain_exactly_as_long_as_the_check_is_accepted() {
	build_and_execute(|| {
		MaxAncestorCheck::set(3);
		bind_chain(&[2, 3, 4]);
		assert_ok!(bind(7, 1));

		let post = bind(1, 2).unwrap();

		assert_eq!(Referrals::promoter_of(&1), Some(2));
		// Three links were read: the refund leaves the weight of those.
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::bind_promoter(3)));
	});
}

#[test]
fn an_account_nobody_refers_to_binds_below_a_chain_of_any_depth() {
	build_and_execute(|| {
		MaxAncestorCheck::set(2);
		bind_chain(&[2, 3, 4, 5, 6, 7, 8]);

		let post = bind(1, 2).unwrap();

		assert_eq!(Referrals::promoter_of(&1), Some(2));
		// No walk was needed: the weight of every link is refunded.
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::bind_promoter(0)));
	});
}

#[test]
fn binding_needs_the_deposit_in_free_balance() {
	build_and_execute(|| {
		// Account 21 exists with 10 DSG: the deposit would take the existential deposit.
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(&21, 10));
		assert_noop!(bind(21, 2), Error::<Test>::InsufficientBalance);
		assert_noop!(bind(NOBODY, 2), Error::<Test>::InsufficientBalance);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(&21, 1));
		assert_ok!(bind(21, 2));
		assert_eq!(Balances::balance(&21), ED);
	});
}

#[test]
fn binding_needs_a_signed_origin() {
	build_and_execute(|| {
		assert_noop!(Referrals::bind_promoter(RuntimeOrigin::root(), 2), DispatchError::BadOrigin);
	});
}

#[test]
fn each_binding_keeps_the_deposit_in_force_when_it_was_made() {
	build_and_execute(|| {
		assert_ok!(bind(1, 3));
		BindDeposit::set(25);
		assert_ok!(bind(2, 3));

		assert_eq!(held(1), 10);
		assert_eq!(held(2), 25);
		assert_eq!(Promoter::<Test>::get(2).map(|b| b.deposit), Some(25));
	});
}

#[test]
fn a_zero_deposit_binds_without_a_hold() {
	build_and_execute(|| {
		BindDeposit::set(0);
		assert_ok!(bind(1, 2));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::balance(&1), INITIAL_BALANCE);
		System::assert_last_event(
			ReferralsEvent::PromoterBound { buyer: 1, promoter: 2, deposit: 0 }.into(),
		);
	});
}

// ----- commissions -----

#[test]
fn a_buyer_with_two_promoters_pays_the_direct_and_the_indirect_rate() {
	build_and_execute(|| {
		bind_chain(&[1, 2, 3]);
		let revenue = 12_345;

		assert_eq!(
			commissions_of(1, revenue),
			vec![(2, revenue * 10 / 100), (3, revenue * 5 / 100)]
		);
	});
}

#[test]
fn a_buyer_with_one_promoter_pays_only_the_direct_rate() {
	build_and_execute(|| {
		assert_ok!(bind(1, 2));
		assert_eq!(commissions_of(1, 1_000), vec![(2, 100)]);
	});
}

#[test]
fn a_buyer_without_a_promoter_pays_no_commission() {
	build_and_execute(|| {
		assert_ok!(bind(2, 3));
		assert!(commissions_of(1, 1_000).is_empty());
	});
}

#[test]
fn the_depth_is_fixed_at_two_promoters() {
	build_and_execute(|| {
		bind_chain(&[1, 2, 3, 4, 5]);
		let paid = commissions_of(1, 1_000);
		assert_eq!(paid.len(), MAX_PROMOTERS as usize);
		assert_eq!(paid.iter().map(|(who, _)| *who).collect::<Vec<_>>(), vec![2, 3]);
	});
}

#[test]
fn commissions_are_rounded_down() {
	build_and_execute(|| {
		bind_chain(&[1, 2, 3]);
		// 10% of 999 is 99.9, 5% is 49.95.
		assert_eq!(commissions_of(1, 999), vec![(2, 99), (3, 49)]);
	});
}

#[test]
fn commissions_never_exceed_the_revenue_when_the_rates_add_up_to_more_than_all_of_it() {
	build_and_execute(|| {
		bind_chain(&[1, 2, 3]);
		DirectRate::set(Perbill::from_percent(70));
		IndirectRate::set(Perbill::from_percent(60));

		assert_eq!(commissions_of(1, 1_000), vec![(2, 700), (3, 300)]);

		for (direct, indirect) in [(100, 100), (99, 2), (50, 50), (0, 100), (100, 0), (33, 67)] {
			DirectRate::set(Perbill::from_percent(direct));
			IndirectRate::set(Perbill::from_percent(indirect));
			for revenue in [0u128, 1, 2, 3, 7, 99, 1_000, 123_456_789, u128::MAX / 3] {
				let paid = commissions_of(1, revenue);
				let total = paid.iter().fold(0u128, |sum, (_, cut)| sum + cut);
				assert!(total <= revenue, "{direct}%+{indirect}% of {revenue} paid {total}");
				assert!(paid.iter().all(|(_, cut)| *cut > 0));
			}
		}
	});
}

#[test]
fn zero_commissions_are_left_out() {
	build_and_execute(|| {
		bind_chain(&[1, 2, 3]);
		// 10% of 9 rounds to 0, 5% too.
		assert!(commissions_of(1, 9).is_empty());
		// 10% of 10 is 1, 5% of 10 rounds to 0.
		assert_eq!(commissions_of(1, 10), vec![(2, 1)]);
		// A zero direct rate leaves only the indirect promoter.
		DirectRate::set(Perbill::zero());
		assert_eq!(commissions_of(1, 1_000), vec![(3, 50)]);
	});
}

// ----- invariants -----

#[test]
fn the_invariants_catch_a_wrong_buyer_count() {
	new_test_ext().execute_with(|| {
		assert_ok!(bind(1, 2));
		assert_ok!(Referrals::do_try_state());
		PromotedCount::<Test>::insert(2, 2);
		assert!(Referrals::do_try_state().is_err());
		PromotedCount::<Test>::insert(2, 1);
		PromotedCount::<Test>::insert(5, 1);
		assert!(Referrals::do_try_state().is_err());
	});
}

#[test]
fn the_invariants_catch_a_deposit_that_is_not_held() {
	new_test_ext().execute_with(|| {
		assert_ok!(bind(1, 2));
		Promoter::<Test>::insert(1, Binding { promoter: 2, deposit: 11 });
		assert!(Referrals::do_try_state().is_err());
	});
}

#[test]
fn the_invariants_catch_a_cycle() {
	new_test_ext().execute_with(|| {
		BindDeposit::set(0);
		assert_ok!(bind(1, 2));
		// Written behind the pallet's back: 2 → 1 closes a cycle.
		Promoter::<Test>::insert(2, Binding { promoter: 1, deposit: 0 });
		PromotedCount::<Test>::insert(1, 1);
		assert!(Referrals::do_try_state().is_err());
	});
}

#[test]
fn the_v1_migration_renames_bindings_and_counts_and_runs_only_from_version_0() {
	use crate::migrations::v1;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		assert_ok!(bind(1, 2));
		assert_ok!(bind(3, 2));
		assert_ok!(bind(2, 4));
		let bindings: Vec<_> = Promoter::<Test>::iter().collect();
		let counts: Vec<_> = PromotedCount::<Test>::iter().collect();
		assert_eq!((bindings.len(), counts.len()), (3, 2));
		// Version 0's names.
		for (who, binding) in Promoter::<Test>::drain() {
			v1::Referrer::<Test>::insert(who, binding);
		}
		for (who, count) in PromotedCount::<Test>::drain() {
			v1::RefereeCount::<Test>::insert(who, count);
		}
		StorageVersion::new(0).put::<Referrals>();

		let weight = v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Referrals::on_chain_storage_version(), StorageVersion::new(1));
		let mut after: Vec<_> = Promoter::<Test>::iter().collect();
		let mut before = bindings.clone();
		after.sort_by_key(|(who, _)| *who);
		before.sort_by_key(|(who, _)| *who);
		assert_eq!(after, before);
		assert_eq!(PromotedCount::<Test>::get(2), 2);
		assert_eq!(PromotedCount::<Test>::get(4), 1);
		assert_eq!(v1::Referrer::<Test>::iter().count(), 0);
		assert_eq!(v1::RefereeCount::<Test>::iter().count(), 0);
		let db = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		// Five entries moved (a read, a write and a removal each), plus the version.
		assert_eq!(weight, db.reads_writes(10, 10).saturating_add(db.reads_writes(1, 1)));
		// The renamed bindings work: the chain 1 → 2 → 4 still refuses a cycle.
		assert_noop!(bind(4, 1), Error::<Test>::ReferralCycle);

		// Again: nothing happens (the version is 1 now).
		assert_eq!(v1::MigrateToV1::<Test>::on_runtime_upgrade(), db.reads(1));
	});
}
