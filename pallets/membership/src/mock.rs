//! Test runtime: frame-system, the real pallet-balances (DSG, with holds) and this pallet,
//! with a recording `OnStakeChanged` so that tests see what the dividend pool would be told.

use crate as pallet_membership;
use crate::*;
use core::cell::RefCell;
use despend_primitives::{OnStakeChanged, Tier};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_arithmetic::Perbill;
use sp_runtime::BuildStorage;

pub use despend_test_kit::{AccountId, Balance};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Membership: pallet_membership,
	}
);

/// The existential deposit of DSG in the mock.
pub const ED: Balance = 1;

despend_test_kit::impl_system_and_balances!(Test, existential_deposit: ConstU128<ED>);

/// The minimum stake in the mock.
pub const MIN_STAKE: Balance = 50;
/// The unbonding period in the mock, in blocks.
pub const UNBONDING: u64 = 10;
/// The most unlocking chunks in the mock.
pub const MAX_CHUNKS: u32 = 4;

parameter_types! {
	pub static UnbondingPeriod: u64 = UNBONDING;
	/// Settable from tests, as governance would change it through pallet-parameters.
	pub static EliteTier: Tier = 13;
}

thread_local! {
	/// Every `(who, active_stake, is_elite)` the dividend pool was told about, in order.
	pub static STAKE_CHANGES: RefCell<Vec<(AccountId, Balance, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Records what the dividend pool would be told.
pub struct RecordStakeChanges;
impl OnStakeChanged<AccountId, Balance> for RecordStakeChanges {
	fn on_stake_changed(who: &AccountId, active_stake: Balance, is_elite: bool) {
		STAKE_CHANGES.with(|c| c.borrow_mut().push((*who, active_stake, is_elite)));
	}
	fn max_weight() -> Weight {
		Weight::from_parts(1_000_000, 1_000)
	}
}

/// What the dividend pool was told since the last call, oldest first.
pub fn take_stake_changes() -> Vec<(AccountId, Balance, bool)> {
	STAKE_CHANGES.with(|c| core::mem::take(&mut *c.borrow_mut()))
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinStake = ConstU128<MIN_STAKE>;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxUnlockingChunks = ConstU32<MAX_CHUNKS>;
	type EliteTier = EliteTier;
	type TierOrigin = EnsureRoot<AccountId>;
	type OnStakeChanged = RecordStakeChanges;
	type WeightInfo = ();
}

/// The accounts the tests use, each with [`INITIAL_BALANCE`].
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// An account with no balance at all.
pub const NOBODY: AccountId = 99;
/// The free DSG each test account starts with.
pub const INITIAL_BALANCE: Balance = 1_000_000;

/// The mock's tier table: K`k` at `k * 100` DSG units, every benefit `k` percent (K13, the
/// elite tier, at 1,300).
pub fn mock_tiers() -> Vec<GenesisTier<Balance>> {
	(1..=15u32)
		.map(|k| GenesisTier {
			threshold: Balance::from(k) * 100,
			mining_bonus: Perbill::from_percent(k),
			dsg_payment_discount: Perbill::from_percent(k),
			review_weight_bonus: Perbill::from_percent(k),
		})
		.collect()
}

/// A test world at block 1 with funded accounts and the mock tier table.
pub fn new_test_ext() -> sp_io::TestExternalities {
	// Parameters are thread-local: start every test from the defaults.
	EliteTier::set(13);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, INITIAL_BALANCE),
			(BOB, INITIAL_BALANCE),
			(CHARLIE, INITIAL_BALANCE),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_membership::GenesisConfig::<Test> { tiers: mock_tiers() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		take_stake_changes();
	});
	ext
}

/// Runs `test` in a fresh world, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Membership::do_try_state().expect("membership invariants hold after the test");
	});
}
