//! Referenda driven through the runtime on every track: a DSG holder of tier K3 submits, places
//! the decision deposit, votes with conviction, the referendum passes and its call is enacted
//! with the track's origin. Also: a rejected referendum, a proposer below K3, a parameter out of
//! bounds, and governance's own parameters out of the parameters track's reach.

use codec::Encode;
use despend_runtime::{
	configs::parameters::{commerce, governance, mining, RuntimeParameters},
	governance::pallet_custom_origins::Origin as TrackOrigin,
	units::{DSG, USD},
	AccountId, Balances, ConvictionVoting, Membership, Orders, OriginCaller, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, Scheduler, Session, System, Treasury, ValidatorSet,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, NativeOrWithId},
		schedule::DispatchTime,
		Bounded, Get, Hooks,
	},
};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_referenda::ReferendumInfo;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{DispatchError, Perbill};

mod common;
use common::dev_state;

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(k))
}

/// Advances `n` blocks, running the scheduler (referendum alarms, enactments) and sessions.
fn run_blocks(n: u32) {
	for _ in 0..n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Scheduler::on_initialize(next);
		ValidatorSet::on_initialize(next);
	}
}

/// Alice stakes into K3 (the proposer tier), submits `call` on the track of `origin`, places
/// the decision deposit and votes with 1x conviction, `aye` or not. Returns the index.
fn propose(origin: OriginCaller, call: RuntimeCall, aye: bool) -> u32 {
	if pallet_membership::Ledger::<Runtime>::get(account(Sr25519Keyring::Alice)).is_none() {
		assert_ok!(Membership::stake(signed(Sr25519Keyring::Alice), 1_000 * DSG));
	}
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	let proposal = Bounded::Inline(call.encode().try_into().unwrap());
	assert_ok!(Referenda::submit(
		signed(Sr25519Keyring::Alice),
		Box::new(origin),
		proposal,
		DispatchTime::After(1),
	));
	assert_ok!(Referenda::place_decision_deposit(signed(Sr25519Keyring::Alice), index));
	assert_ok!(ConvictionVoting::vote(
		signed(Sr25519Keyring::Alice),
		index,
		AccountVote::Standard {
			vote: Vote { aye, conviction: Conviction::Locked1x },
			balance: 500_000 * DSG,
		},
	));
	index
}

fn approved(index: u32) -> bool {
	matches!(
		pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
		Some(ReferendumInfo::Approved(..))
	)
}

fn rejected(index: u32) -> bool {
	matches!(
		pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
		Some(ReferendumInfo::Rejected(..))
	)
}

/// Whether the scheduler dispatched an enacted call that failed with `error`.
fn dispatch_failed_with(error: DispatchError) -> bool {
	System::events().iter().any(|r| {
		matches!(
			&r.event,
			RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched { result: Err(e), .. }) if *e == error
		)
	})
}

fn set_parameter(p: RuntimeParameters) -> RuntimeCall {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter { key_value: p })
}

#[test]
fn the_parameters_track_changes_a_fee_rate() {
	dev_state().execute_with(|| {
		let one_percent = Perbill::from_percent(1);
		let call = set_parameter(RuntimeParameters::Commerce(commerce::Parameters::CommunityFee(
			commerce::CommunityFee,
			Some(one_percent),
		)));
		let index = propose(OriginCaller::Origins(TrackOrigin::ParameterSetter), call, true);
		assert_eq!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(index).and_then(
				|info| match info {
					ReferendumInfo::Ongoing(status) => Some(status.track),
					_ => None,
				}
			),
			Some(1),
			"the parameters track"
		);
		run_blocks(30);
		assert!(approved(index));
		assert_eq!(commerce::CommunityFee::get(), one_percent);
	});
}

#[test]
fn a_referendum_voted_down_changes_nothing() {
	dev_state().execute_with(|| {
		let before = commerce::CommunityFee::get();
		let call = set_parameter(RuntimeParameters::Commerce(commerce::Parameters::CommunityFee(
			commerce::CommunityFee,
			Some(Perbill::from_percent(9)),
		)));
		let index = propose(OriginCaller::Origins(TrackOrigin::ParameterSetter), call, false);
		run_blocks(30);
		assert!(rejected(index));
		assert_eq!(commerce::CommunityFee::get(), before);
	});
}

#[test]
fn the_parameters_track_cannot_lift_the_anti_wash_bound_to_100_percent() {
	dev_state().execute_with(|| {
		let before = mining::MaxRewardToTreasuryRatio::get();
		let call =
			set_parameter(RuntimeParameters::Mining(mining::Parameters::MaxRewardToTreasuryRatio(
				mining::MaxRewardToTreasuryRatio,
				Some(Perbill::one()),
			)));
		let index = propose(OriginCaller::Origins(TrackOrigin::ParameterSetter), call, true);
		run_blocks(30);
		assert!(approved(index), "the vote passes, but the call is refused at dispatch");
		assert!(dispatch_failed_with(frame_system::Error::<Runtime>::CallFiltered.into()));
		assert_eq!(mining::MaxRewardToTreasuryRatio::get(), before);
	});
}

#[test]
fn governance_parameters_are_out_of_the_parameters_tracks_reach() {
	dev_state().execute_with(|| {
		assert!(governance::FastTracks::get());
		let call = set_parameter(RuntimeParameters::Governance(
			governance::Parameters::FastTracks(governance::FastTracks, Some(false)),
		));
		let index = propose(OriginCaller::Origins(TrackOrigin::ParameterSetter), call, true);
		run_blocks(30);
		assert!(approved(index));
		assert!(dispatch_failed_with(DispatchError::BadOrigin));
		assert!(governance::FastTracks::get());
	});
}

#[test]
fn the_category_track_launches_a_category() {
	dev_state().execute_with(|| {
		let id = pallet_orders::NextCategoryId::<Runtime>::get();
		let call = RuntimeCall::Orders(pallet_orders::Call::create_category {
			name: frame_support::BoundedVec::truncate_from(b"Shoes".to_vec()),
		});
		let index = propose(OriginCaller::Origins(TrackOrigin::CategoryLauncher), call, true);
		run_blocks(30);
		assert!(approved(index));
		assert_eq!(
			pallet_orders::Categories::<Runtime>::get(id).unwrap().name.to_vec(),
			b"Shoes".to_vec()
		);
	});
}

#[test]
fn the_arbitration_track_rules_an_order_dispute() {
	dev_state().execute_with(|| {
		use Sr25519Keyring::{Bob, Charlie};
		let usdt = NativeOrWithId::WithId(despend_runtime::units::USDT_ID);
		assert_ok!(Orders::create_category(
			RuntimeOrigin::root(),
			frame_support::BoundedVec::truncate_from(b"Tea".to_vec())
		));
		assert_ok!(Orders::register_merchant(signed(Bob), Default::default()));
		assert_ok!(Orders::list_product(
			signed(Bob),
			0,
			10 * USD,
			5,
			frame_support::BoundedVec::truncate_from(vec![usdt.clone()]),
			None,
			None,
			Default::default()
		));
		let order = pallet_orders::NextOrderId::<Runtime>::get();
		assert_ok!(Orders::place_order(signed(Charlie), 0, 1, usdt.clone(), 10 * USD));
		assert_ok!(Orders::mark_shipped(signed(Bob), order, Default::default()));
		assert_ok!(Orders::request_refund(signed(Charlie), order, Default::default()));
		assert_ok!(Orders::reject_refund(signed(Bob), order));
		assert_ok!(Orders::open_dispute(signed(Charlie), order));

		let call = RuntimeCall::Orders(pallet_orders::Call::rule_dispute {
			order,
			buyer_share: Perbill::one(),
		});
		let index = propose(OriginCaller::Origins(TrackOrigin::Arbitrator), call, true);
		run_blocks(30);
		assert!(approved(index));
		assert!(Orders::get_order(order).is_none(), "the ruling closed the order");
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Orders(pallet_orders::Event::DisputeRuled { order: o, .. }) if o == order
		)));
	});
}

#[test]
fn the_treasurer_track_spends_from_the_treasury() {
	dev_state().execute_with(|| {
		let dave = account(Sr25519Keyring::Dave);
		let call = RuntimeCall::Treasury(pallet_treasury::Call::spend {
			asset_kind: Box::new(NativeOrWithId::Native),
			amount: 100 * DSG,
			beneficiary: Box::new(dave.clone()),
			valid_from: None,
		});
		let index = propose(OriginCaller::Origins(TrackOrigin::Treasurer), call, true);
		run_blocks(30);
		assert!(approved(index));
		let spend = pallet_treasury::SpendCount::<Runtime>::get() - 1;
		let before = Balances::balance(&dave);
		assert_ok!(Treasury::payout(signed(Sr25519Keyring::Eve), spend));
		assert_eq!(Balances::balance(&dave), before + 100 * DSG);
	});
}

#[test]
fn the_root_track_adds_a_validator_who_joins_at_the_session_after_next() {
	dev_state().execute_with(|| {
		let bob = account(Sr25519Keyring::Bob);
		// Bob has set session keys (here written directly; on chain: `session.set_keys`).
		let keys = despend_runtime::opaque::SessionKeys {
			aura: Sr25519Keyring::Bob.public().into(),
			grandpa: sp_keyring::Ed25519Keyring::Bob.public().into(),
		};
		pallet_session::NextKeys::<Runtime>::insert(&bob, keys);
		let call = RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
			who: bob.clone(),
		});
		let index = propose(OriginCaller::system(frame_system::RawOrigin::Root), call, true);
		run_blocks(30);
		assert!(approved(index));
		assert!(pallet_validator_set::Validators::<Runtime>::get().contains(&bob));
		let period: u32 = governance::SessionPeriod::get();
		run_blocks(2 * period + 1);
		assert!(Session::validators().contains(&bob), "Bob validates two sessions later");
	});
}

#[test]
fn only_members_of_tier_k3_and_above_may_propose() {
	dev_state().execute_with(|| {
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let proposal = Bounded::Inline(call.encode().try_into().unwrap());
		assert_noop!(
			Referenda::submit(
				signed(Sr25519Keyring::Dave),
				Box::new(OriginCaller::Origins(TrackOrigin::ParameterSetter)),
				proposal,
				DispatchTime::After(1),
			),
			DispatchError::BadOrigin
		);
		// Voting is open to every DSG holder, members or not.
		let index = propose(OriginCaller::Origins(TrackOrigin::ParameterSetter), call, true);
		assert_ok!(ConvictionVoting::vote(
			signed(Sr25519Keyring::Dave),
			index,
			AccountVote::Standard {
				vote: Vote { aye: false, conviction: Conviction::None },
				balance: DSG,
			},
		));
	});
}
