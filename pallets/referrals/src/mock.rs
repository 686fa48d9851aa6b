//! Test runtime: frame-system, the real pallet-balances (DSG, with holds) and this pallet.
//! Rates and the ancestor check are settable per test, as governance would set them through
//! pallet-parameters.

use crate as pallet_referrals;
use crate::*;
use frame_support::{parameter_types, traits::ConstU128};
use sp_arithmetic::Perbill;
use sp_runtime::BuildStorage;

pub use despend_test_kit::{AccountId, Balance};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Referrals: pallet_referrals,
	}
);

/// The existential deposit of DSG in the mock.
pub const ED: Balance = 1;

despend_test_kit::impl_system_and_balances!(Test, existential_deposit: ConstU128<ED>);

parameter_types! {
	pub static BindDeposit: Balance = 10;
	pub static DirectRate: Perbill = Perbill::from_percent(10);
	pub static IndirectRate: Perbill = Perbill::from_percent(5);
	pub static MaxAncestorCheck: u32 = 5;
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BindDeposit = BindDeposit;
	type DirectRate = DirectRate;
	type IndirectRate = IndirectRate;
	type MaxAncestorCheck = MaxAncestorCheck;
	type WeightInfo = ();
}

/// The free DSG every funded test account starts with.
pub const INITIAL_BALANCE: Balance = 1_000;
/// An account with no balance at all.
pub const NOBODY: AccountId = 999;
/// Accounts 1..=FUNDED start with [`INITIAL_BALANCE`].
pub const FUNDED: AccountId = 20;

/// A test world at block 1 where accounts 1..=20 have [`INITIAL_BALANCE`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	// Parameters are thread-local: start every test from the defaults.
	BindDeposit::set(10);
	DirectRate::set(Perbill::from_percent(10));
	IndirectRate::set(Perbill::from_percent(5));
	MaxAncestorCheck::set(5);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=FUNDED).map(|who| (who, INITIAL_BALANCE)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in a fresh world, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Referrals::do_try_state().expect("referral invariants hold after the test");
	});
}
