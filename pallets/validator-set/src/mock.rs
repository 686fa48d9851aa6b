//! Test runtime: frame-system, the real pallet-balances (for pallet-session's key deposit), the
//! real pallet-session (5-block sessions, `UintAuthorityId` keys) and this pallet as its
//! session manager. `MinValidators` is settable per test, as governance would set it.

use crate as pallet_validator_set;
use crate::*;
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use pallet_session::PeriodicSessions;
use sp_runtime::{testing::UintAuthorityId, traits::ConvertInto, BuildStorage};

pub use despend_test_kit::{AccountId, Balance};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		// Before Session: Session's genesis asks this pallet for the initial set.
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
	}
);

despend_test_kit::impl_system_and_balances!(Test, existential_deposit: ConstU128<1>);

/// Blocks per session: sessions end at blocks 5, 10, 15, ...
pub const SESSION_LENGTH: u64 = 5;
/// The DSG pallet-session holds from an account that sets its keys.
pub const KEY_DEPOSIT: Balance = 10;

#[allow(deprecated)]
impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = crate::NeverEndSession;
	type NextSessionRotation = PeriodicSessions<ConstU64<SESSION_LENGTH>, ConstU64<0>>;
	type SessionManager = ValidatorSet;
	type SessionHandler = pallet_session::TestSessionHandler;
	type Keys = UintAuthorityId;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU128<KEY_DEPOSIT>;
}

/// The largest validator set in the mock.
pub const MAX_VALIDATORS: u32 = 5;

parameter_types! {
	pub static MinValidators: u32 = 2;
}

impl Config for Test {
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = MinValidators;
	type SessionRotation = PeriodicSessions<ConstU64<SESSION_LENGTH>, ConstU64<0>>;
	type WeightInfo = ();
}

/// The validators at genesis, with session keys.
pub const GENESIS_VALIDATORS: [AccountId; 3] = [1, 2, 3];
/// Accounts that set session keys at genesis but are not validators.
pub const WITH_KEYS: [AccountId; 4] = [4, 5, 6, 7];
/// A funded account without session keys.
pub const NO_KEYS: AccountId = 8;
/// The free DSG every test account starts with.
pub const INITIAL_BALANCE: Balance = 1_000;

/// The session keys of `who` in the mock: its own number.
pub fn keys_of(who: AccountId) -> UintAuthorityId {
	UintAuthorityId(who)
}

/// Storage after genesis with `validators` as the initial set (accounts 1..=8 funded, 1..=7
/// with session keys), before block 1.
pub fn genesis_storage(validators: Vec<AccountId>) -> sp_runtime::Storage {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=NO_KEYS).map(|who| (who, INITIAL_BALANCE)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_validator_set::GenesisConfig::<Test> { validators }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: GENESIS_VALIDATORS.iter().map(|&who| (who, who, keys_of(who))).collect(),
		non_authority_keys: WITH_KEYS.iter().map(|&who| (who, who, keys_of(who))).collect(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	storage
}

/// A test world at block 1 (so events are recorded), in session 0, with validators 1, 2, 3.
pub fn new_test_ext() -> sp_io::TestExternalities {
	// Parameters are thread-local: start every test from the defaults.
	MinValidators::set(2);
	let mut ext = sp_io::TestExternalities::new(genesis_storage(GENESIS_VALIDATORS.to_vec()));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in a fresh world, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ValidatorSet::do_try_state().expect("validator-set invariants hold after the test");
	});
}

/// Runs blocks (every pallet's hooks) up to block `n`.
pub fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

/// Runs blocks until session `index` has started.
pub fn run_to_session(index: u32) {
	run_to_block(u64::from(index) * SESSION_LENGTH);
	assert_eq!(pallet_session::CurrentIndex::<Test>::get(), index);
}

/// The validators pallet-session uses now (the Aura/GRANDPA authorities of this session).
pub fn active_validators() -> Vec<AccountId> {
	pallet_session::Validators::<Test>::get()
}

/// The validators pallet-session has queued for the next session.
pub fn queued_validators() -> Vec<AccountId> {
	pallet_session::QueuedKeys::<Test>::get().into_iter().map(|(who, _)| who).collect()
}
