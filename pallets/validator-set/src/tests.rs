//! Tests of the validator-set pallet, against the real pallet-session: expected sets are
//! written out by hand, and session timing is checked by running blocks (5-block sessions).

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

type ValidatorSetEvent = crate::Event<Test>;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn add(who: AccountId) -> frame_support::dispatch::DispatchResult {
	ValidatorSet::add_validator(root(), who)
}

fn remove(who: AccountId) -> frame_support::dispatch::DispatchResult {
	ValidatorSet::remove_validator(root(), who)
}

fn set(validators: Vec<AccountId>) -> frame_support::dispatch::DispatchResult {
	ValidatorSet::set_validators(root(), validators)
}

fn planned() -> Vec<AccountId> {
	Validators::<Test>::get().into_inner()
}

/// This pallet's events since genesis.
fn events() -> Vec<ValidatorSetEvent> {
	System::read_events_for_pallet::<ValidatorSetEvent>()
}

/// How many times pallet-session queued a new set (its `NewQueued` event).
fn sets_queued_by_session() -> usize {
	System::read_events_for_pallet::<pallet_session::Event<Test>>()
		.into_iter()
		.filter(|e| matches!(e, pallet_session::Event::NewQueued))
		.count()
}

// ---------------------------------------------------------------------------------------------
// Genesis
// ---------------------------------------------------------------------------------------------

#[test]
fn genesis_validators_are_active_and_queued_from_the_first_session() {
	build_and_execute(|| {
		assert_eq!(planned(), vec![1, 2, 3]);
		assert_eq!(active_validators(), vec![1, 2, 3]);
		assert_eq!(queued_validators(), vec![1, 2, 3]);
		assert!(!SetChanged::<Test>::get());
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 0);
	});
}

#[test]
fn new_session_genesis_returns_the_genesis_set() {
	build_and_execute(|| {
		assert_eq!(
			<ValidatorSet as SessionManager<AccountId>>::new_session_genesis(0),
			Some(vec![1, 2, 3])
		);
		assert_eq!(
			<ValidatorSet as SessionManager<AccountId>>::new_session_genesis(1),
			Some(vec![1, 2, 3])
		);
	});
}

#[test]
fn genesis_without_validators_leaves_the_set_unconfigured_and_try_state_reports_it() {
	sp_io::TestExternalities::new(genesis_storage(vec![])).execute_with(|| {
		assert!(planned().is_empty());
		assert_eq!(<ValidatorSet as SessionManager<AccountId>>::new_session_genesis(0), None);
		// pallet-session fell back to its own genesis keys.
		assert_eq!(active_validators(), vec![1, 2, 3]);
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err("validator-set: the validator set is empty".into())
		);
	});
}

#[test]
#[should_panic(expected = "invalid genesis validator set")]
fn genesis_with_a_duplicate_validator_is_refused() {
	let _ = genesis_storage(vec![1, 2, 1]);
}

#[test]
#[should_panic(expected = "invalid genesis validator set")]
fn genesis_with_more_validators_than_the_maximum_is_refused() {
	let _ = genesis_storage(vec![1, 2, 3, 4, 5, 6]);
}

#[test]
#[should_panic(expected = "invalid genesis validator set")]
fn genesis_with_fewer_validators_than_the_minimum_is_refused() {
	MinValidators::set(2);
	let _ = genesis_storage(vec![1]);
}

// ---------------------------------------------------------------------------------------------
// add_validator
// ---------------------------------------------------------------------------------------------

#[test]
fn governance_adds_a_validator_with_session_keys() {
	build_and_execute(|| {
		assert_ok!(add(4));

		assert_eq!(planned(), vec![1, 2, 3, 4]);
		assert!(SetChanged::<Test>::get());
		System::assert_last_event(ValidatorSetEvent::ValidatorAdded { who: 4 }.into());
		// Nothing changes in pallet-session before the session boundary.
		assert_eq!(active_validators(), vec![1, 2, 3]);
		assert_eq!(queued_validators(), vec![1, 2, 3]);
	});
}

#[test]
fn an_account_that_sets_its_keys_through_pallet_session_can_be_added() {
	build_and_execute(|| {
		assert_noop!(add(NO_KEYS), Error::<Test>::NoSessionKeys);

		assert_ok!(Session::set_keys(RuntimeOrigin::signed(NO_KEYS), keys_of(NO_KEYS), vec![]));
		assert_ok!(add(NO_KEYS));

		assert_eq!(planned(), vec![1, 2, 3, NO_KEYS]);
		System::assert_last_event(ValidatorSetEvent::ValidatorAdded { who: NO_KEYS }.into());
	});
}

#[test]
fn only_the_admin_origin_can_add_a_validator() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 4),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn governance_cannot_add_an_account_that_is_already_a_validator() {
	build_and_execute(|| {
		assert_noop!(add(2), Error::<Test>::AlreadyValidator);
	});
}

#[test]
fn governance_cannot_add_an_account_without_session_keys() {
	build_and_execute(|| {
		assert_noop!(add(NO_KEYS), Error::<Test>::NoSessionKeys);
	});
}

#[test]
fn governance_cannot_add_a_validator_to_a_full_set() {
	build_and_execute(|| {
		assert_ok!(add(4));
		assert_ok!(add(5));
		assert_eq!(planned().len() as u32, MAX_VALIDATORS);

		assert_noop!(add(6), Error::<Test>::TooManyValidators);
	});
}

// ---------------------------------------------------------------------------------------------
// remove_validator
// ---------------------------------------------------------------------------------------------

#[test]
fn governance_removes_a_validator() {
	build_and_execute(|| {
		assert_ok!(remove(2));

		assert_eq!(planned(), vec![1, 3]);
		assert!(SetChanged::<Test>::get());
		System::assert_last_event(ValidatorSetEvent::ValidatorRemoved { who: 2 }.into());
		assert_eq!(active_validators(), vec![1, 2, 3]);
	});
}

#[test]
fn only_the_admin_origin_can_remove_a_validator() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn governance_cannot_remove_an_account_that_is_not_a_validator() {
	build_and_execute(|| {
		assert_noop!(remove(4), Error::<Test>::NotValidator);
	});
}

#[test]
fn governance_cannot_remove_a_validator_below_the_minimum() {
	build_and_execute(|| {
		// MinValidators is 2: going from 3 to 2 is fine, from 2 to 1 is not.
		assert_ok!(remove(1));
		assert_noop!(remove(2), Error::<Test>::TooFewValidators);
	});
}

#[test]
fn with_a_minimum_of_zero_governance_still_cannot_remove_the_last_validator() {
	build_and_execute(|| {
		MinValidators::set(0);
		assert_ok!(remove(1));
		assert_ok!(remove(2));
		assert_eq!(planned(), vec![3]);

		assert_noop!(remove(3), Error::<Test>::TooFewValidators);
	});
}

// ---------------------------------------------------------------------------------------------
// set_validators
// ---------------------------------------------------------------------------------------------

#[test]
fn governance_replaces_the_whole_set_keeping_its_order() {
	build_and_execute(|| {
		assert_ok!(set(vec![7, 5, 4]));

		assert_eq!(planned(), vec![7, 5, 4]);
		assert!(SetChanged::<Test>::get());
		System::assert_last_event(
			ValidatorSetEvent::ValidatorsSet {
				validators: ValidatorsOf::<Test>::try_from(vec![7, 5, 4]).unwrap(),
			}
			.into(),
		);
	});
}

#[test]
fn only_the_admin_origin_can_set_the_validators() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::set_validators(RuntimeOrigin::signed(1), vec![4, 5]),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn governance_cannot_set_fewer_validators_than_the_minimum() {
	build_and_execute(|| {
		assert_noop!(set(vec![4]), Error::<Test>::TooFewValidators);
	});
}

#[test]
fn with_a_minimum_of_zero_governance_still_cannot_set_an_empty_set() {
	build_and_execute(|| {
		MinValidators::set(0);
		assert_noop!(set(vec![]), Error::<Test>::TooFewValidators);
		assert_ok!(set(vec![4]));
		assert_eq!(planned(), vec![4]);
	});
}

#[test]
fn governance_cannot_set_more_validators_than_the_maximum() {
	build_and_execute(|| {
		assert_noop!(set(vec![1, 2, 3, 4, 5, 6]), Error::<Test>::TooManyValidators);
	});
}

#[test]
fn governance_cannot_set_a_validator_twice() {
	build_and_execute(|| {
		assert_noop!(set(vec![4, 5, 4]), Error::<Test>::DuplicateValidator);
	});
}

#[test]
fn governance_cannot_set_a_validator_without_session_keys() {
	build_and_execute(|| {
		assert_noop!(set(vec![4, NO_KEYS, 5]), Error::<Test>::NoSessionKeys);
	});
}

// ---------------------------------------------------------------------------------------------
// Session manager: timing of a change
// ---------------------------------------------------------------------------------------------

#[test]
fn an_added_validator_is_queued_at_the_next_boundary_and_active_one_session_later() {
	build_and_execute(|| {
		// Session 0: governance adds validator 4.
		assert_ok!(add(4));

		// Session 1 starts (block 5): the set of session 2 is planned with 4 and queued.
		run_to_session(1);
		assert_eq!(active_validators(), vec![1, 2, 3]);
		assert_eq!(queued_validators(), vec![1, 2, 3, 4]);
		assert!(!SetChanged::<Test>::get());
		assert!(events()
			.contains(&ValidatorSetEvent::NewSessionPlanned { session: 2, validators_count: 4 }));
		assert_eq!(sets_queued_by_session(), 1);

		// Session 2 starts (block 10): 4 is active.
		run_to_session(2);
		assert_eq!(active_validators(), vec![1, 2, 3, 4]);
		assert_eq!(
			pallet_session::Pallet::<Test>::key_owner(
				sp_runtime::key_types::DUMMY,
				&4u64.to_le_bytes()
			),
			Some(4)
		);
	});
}

#[test]
fn a_removed_validator_stops_being_active_two_sessions_later() {
	build_and_execute(|| {
		run_to_session(1);
		// Session 1: governance removes validator 2.
		assert_ok!(remove(2));

		run_to_session(2);
		assert_eq!(active_validators(), vec![1, 2, 3]);
		assert_eq!(queued_validators(), vec![1, 3]);
		assert!(events()
			.contains(&ValidatorSetEvent::NewSessionPlanned { session: 3, validators_count: 2 }));

		run_to_session(3);
		assert_eq!(active_validators(), vec![1, 3]);
	});
}

#[test]
fn a_replaced_set_becomes_active_two_sessions_later() {
	build_and_execute(|| {
		assert_ok!(set(vec![4, 5]));

		run_to_session(1);
		assert_eq!(active_validators(), vec![1, 2, 3]);
		assert_eq!(queued_validators(), vec![4, 5]);

		run_to_session(2);
		assert_eq!(active_validators(), vec![4, 5]);
	});
}

#[test]
fn several_changes_in_one_session_are_handed_over_together_once() {
	build_and_execute(|| {
		assert_ok!(add(4));
		assert_ok!(add(5));
		assert_ok!(remove(1));

		run_to_session(1);
		assert_eq!(queued_validators(), vec![2, 3, 4, 5]);
		let planned_events = events()
			.into_iter()
			.filter(|e| matches!(e, ValidatorSetEvent::NewSessionPlanned { .. }))
			.count();
		assert_eq!(planned_events, 1);

		// The next boundaries hand nothing over: pallet-session keeps the set.
		run_to_session(3);
		assert_eq!(sets_queued_by_session(), 1);
		assert_eq!(active_validators(), vec![2, 3, 4, 5]);
	});
}

#[test]
fn an_unchanged_set_makes_new_session_return_none() {
	build_and_execute(|| {
		assert_eq!(<ValidatorSet as SessionManager<AccountId>>::new_session(1), None);

		// Through pallet-session too: boundaries pass, nothing is queued anew.
		run_to_session(2);
		assert_eq!(sets_queued_by_session(), 0);
		assert!(!events().iter().any(|e| matches!(e, ValidatorSetEvent::NewSessionPlanned { .. })));
		assert_eq!(active_validators(), vec![1, 2, 3]);
	});
}

#[test]
fn a_changed_set_is_returned_by_new_session_only_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(add(4));

		assert_eq!(
			<ValidatorSet as SessionManager<AccountId>>::new_session(1),
			Some(vec![1, 2, 3, 4])
		);
		System::assert_last_event(
			ValidatorSetEvent::NewSessionPlanned { session: 1, validators_count: 4 }.into(),
		);
		assert_eq!(<ValidatorSet as SessionManager<AccountId>>::new_session(2), None);
		// Called by hand, outside pallet-session, the hand-over never reached the queue: the
		// invariant that the queued set is this pallet's set catches it.
		assert!(ValidatorSet::do_try_state().is_err());
	});
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

#[test]
fn try_state_catches_a_validator_whose_session_keys_were_purged() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::do_try_state());
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(2)));
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err("validator-set: a validator has no session keys".into())
		);
	});
}

#[test]
fn try_state_catches_a_duplicate_validator() {
	new_test_ext().execute_with(|| {
		Validators::<Test>::put(ValidatorsOf::<Test>::try_from(vec![1, 2, 2]).unwrap());
		SetChanged::<Test>::put(true);
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err("validator-set: an account is in the set twice".into())
		);
	});
}

#[test]
fn try_state_catches_an_empty_or_too_small_set() {
	new_test_ext().execute_with(|| {
		Validators::<Test>::put(ValidatorsOf::<Test>::try_from(vec![1]).unwrap());
		SetChanged::<Test>::put(true);
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err("validator-set: fewer validators than the minimum".into())
		);
		Validators::<Test>::kill();
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err("validator-set: the validator set is empty".into())
		);
	});
}

#[test]
fn try_state_catches_a_change_that_was_never_flagged_for_pallet_session() {
	new_test_ext().execute_with(|| {
		Validators::<Test>::put(ValidatorsOf::<Test>::try_from(vec![1, 2, 4]).unwrap());
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err("validator-set: pallet-session queued a set other than this pallet's".into())
		);
	});
}

#[test]
fn a_session_rotation_is_charged_its_benchmark_not_a_full_block() {
	new_test_ext().execute_with(|| {
		use frame_support::traits::{Get, Hooks};
		let rotation = SESSION_LENGTH * 3;
		System::set_block_number(rotation);
		let before = pallet_session::CurrentIndex::<Test>::get();
		let weight = <ValidatorSet as Hooks<u64>>::on_initialize(rotation);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), before + 1);
		assert_eq!(weight, <() as crate::WeightInfo>::rotate_session());
		// pallet-session itself never rotates (nor claims the block).
		assert_eq!(
			<pallet_session::Pallet<Test> as Hooks<u64>>::on_initialize(rotation),
			frame_support::weights::Weight::zero()
		);
		// Between boundaries: a read of the schedule, nothing else.
		assert_eq!(
			<ValidatorSet as Hooks<u64>>::on_initialize(rotation + 1),
			<<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads(1)
		);
	});
}
