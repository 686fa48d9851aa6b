//! The bounds governance works within: what the call filter refuses on the parameters track,
//! what a reset to the default is checked against, and what the runtime clamps because root
//! bypasses every filter.

use despend_runtime::{
	configs::parameters::{
		commerce, governance, limits, mining, reviews, RuntimeParameters, SessionPeriod,
	},
	governance::pallet_custom_origins::Origin as TrackOrigin,
	units::DSG,
	Runtime, RuntimeCall, RuntimeOrigin, System, ValidatorSet,
};
use frame_support::traits::{Get, Hooks};
use sp_runtime::{traits::Dispatchable, Perbill};

mod common;
use common::dev_state;

fn set(origin: RuntimeOrigin, parameter: RuntimeParameters) -> bool {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter { key_value: parameter })
		.dispatch(origin)
		.is_ok()
}

fn track() -> RuntimeOrigin {
	RuntimeOrigin::from(TrackOrigin::ParameterSetter)
}

fn commerce_p(p: commerce::Parameters) -> RuntimeParameters {
	RuntimeParameters::Commerce(p)
}

#[test]
fn zero_or_endless_periods_are_refused() {
	dev_state().execute_with(|| {
		for blocks in [0, limits::MAX_PERIOD + 1] {
			for p in [
				RuntimeParameters::Reviews(reviews::Parameters::CommitPhase(
					reviews::CommitPhase,
					Some(blocks),
				)),
				RuntimeParameters::Reviews(reviews::Parameters::RevealPhase(
					reviews::RevealPhase,
					Some(blocks),
				)),
				commerce_p(commerce::Parameters::ShipDeadline(
					commerce::ShipDeadline,
					Some(blocks),
				)),
				commerce_p(commerce::Parameters::ArbitrationPeriod(
					commerce::ArbitrationPeriod,
					Some(blocks),
				)),
			] {
				assert!(!set(track(), p.clone()), "{p:?} was accepted");
			}
		}
		assert!(set(
			track(),
			RuntimeParameters::Reviews(reviews::Parameters::CommitPhase(
				reviews::CommitPhase,
				Some(1)
			))
		));
	});
}

#[test]
fn the_mining_cap_is_bounded_above_and_below() {
	dev_state().execute_with(|| {
		let cap = |v| {
			RuntimeParameters::Mining(mining::Parameters::MiningCap(mining::MiningCap, Some(v)))
		};
		assert!(!set(track(), cap(u128::MAX)));
		assert!(!set(track(), cap(limits::MAX_MINING_CAP + 1)));
		assert!(set(track(), cap(limits::MAX_MINING_CAP)));
		// Never below what was mined already.
		pallet_mining::Schedule::<Runtime>::mutate(|s| s.total_mined = 1_000 * DSG);
		assert!(!set(track(), cap(999 * DSG)));
		assert!(set(track(), cap(1_000 * DSG)));
	});
}

#[test]
fn a_reset_to_the_default_is_checked_like_any_other_value() {
	dev_state().execute_with(|| {
		// Governance lowers the default and maximum experience fee to 4%, and the minimum to
		// 1%...
		let fee = |p: commerce::Parameters| assert!(set(track(), commerce_p(p.clone())), "{p:?}");
		fee(commerce::Parameters::MinExperienceFee(
			commerce::MinExperienceFee,
			Some(Perbill::from_percent(1)),
		));
		fee(commerce::Parameters::DefaultExperienceFee(
			commerce::DefaultExperienceFee,
			Some(Perbill::from_percent(4)),
		));
		fee(commerce::Parameters::MaxExperienceFee(
			commerce::MaxExperienceFee,
			Some(Perbill::from_percent(4)),
		));
		// ...so resetting the minimum (to its default 5%) would put it above the maximum.
		assert!(!set(
			track(),
			commerce_p(commerce::Parameters::MinExperienceFee(commerce::MinExperienceFee, None))
		));
		// And resetting the maximum discount below a raised platform discount is refused too.
		assert!(set(
			track(),
			commerce_p(commerce::Parameters::MaxDsgDiscount(
				commerce::MaxDsgDiscount,
				Some(Perbill::from_percent(40))
			))
		));
		assert!(set(
			track(),
			commerce_p(commerce::Parameters::DsgPaymentDiscount(
				commerce::DsgPaymentDiscount,
				Some(Perbill::from_percent(30))
			))
		));
		assert!(!set(
			track(),
			commerce_p(commerce::Parameters::MaxDsgDiscount(commerce::MaxDsgDiscount, None))
		));
	});
}

#[test]
fn a_zero_session_period_set_by_root_cannot_halt_the_chain() {
	dev_state().execute_with(|| {
		let zero = RuntimeParameters::Governance(governance::Parameters::SessionPeriod(
			governance::SessionPeriod,
			Some(0),
		));
		// Not on the parameters track at all (governance's own parameter)...
		assert!(!set(track(), zero.clone()));
		// ...and root, which bypasses every filter, sets it, but the runtime reads a floor.
		assert!(set(RuntimeOrigin::root(), zero));
		assert_eq!(<governance::SessionPeriod as Get<u32>>::get(), 0);
		assert_eq!(SessionPeriod::get(), limits::MIN_SESSION_PERIOD);
		let session = pallet_session::CurrentIndex::<Runtime>::get();
		for n in 2..=(2 * limits::MIN_SESSION_PERIOD + 1) {
			System::set_block_number(n);
			ValidatorSet::on_initialize(n);
		}
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), session + 2);
	});
}

#[test]
fn the_review_quorum_stays_between_one_and_a_round() {
	dev_state().execute_with(|| {
		let quorum = |n| {
			RuntimeParameters::Reviews(reviews::Parameters::MinRevealers(
				reviews::MinRevealers,
				Some(n),
			))
		};
		assert!(!set(track(), quorum(0)));
		assert!(!set(track(), quorum(limits::MAX_MIN_REVEALERS + 1)));
		assert!(set(track(), quorum(limits::MAX_MIN_REVEALERS)));
	});
}
