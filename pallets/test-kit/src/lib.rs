//! What the pallets' mock runtimes share, so that each `mock.rs` holds only what is particular
//! to its pallet:
//!
//! - [`impl_system_and_balances!`] and [`impl_money_pallets!`]: frame-system, pallet-balances
//!   (DSG) and, for the second, pallet-assets with pallet-assets-holder (the stablecoins, with
//!   holds) configured as the runtime has them, and the `UnionOf` types the pallets take as
//!   `fungibles` (`NativeAndAssets`, `NativeAndAssetsHolds`);
//! - the payment assets as the runtime numbers them ([`DSG`], [`USDT`], [`USDC`]);
//! - [`Members`], a `MemberTiers` whose members the tests set, and [`FixedPrice`], a
//!   `PriceOracle` whose price the tests set.
//!
//! The mocks' accounts are `u64` and their balances `u128`. Stub state is thread-local, and
//! every test runs on a thread of its own, so tests do not see each other's settings.

use despend_primitives::{MemberTiers, PriceOracle, Tier, TierBenefits};
use frame_support::traits::fungible::NativeOrWithId;
use sp_arithmetic::FixedU128;
use std::{cell::RefCell, collections::BTreeMap};

/// A mock's account id.
pub type AccountId = u64;
/// A mock's balance.
pub type Balance = u128;

/// An asset a payment is made in, as the runtime has it.
pub type AssetKind = NativeOrWithId<u32>;

/// USDT's asset id in the runtime.
pub const USDT_ID: u32 = 1984;
/// USDC's asset id in the runtime.
pub const USDC_ID: u32 = 1337;
/// DSG as a payment asset.
pub const DSG: AssetKind = NativeOrWithId::Native;
/// USDT as a payment asset.
pub const USDT: AssetKind = NativeOrWithId::WithId(USDT_ID);
/// USDC as a payment asset.
pub const USDC: AssetKind = NativeOrWithId::WithId(USDC_ID);

/// Implements `frame_system::Config` and `pallet_balances::Config` for the mock runtime
/// `$runtime` (which must name them `System` and `Balances`), with `$ed` (a `Get<u128>` type)
/// as DSG's existential deposit.
#[macro_export]
macro_rules! impl_system_and_balances {
	($runtime:ident, existential_deposit: $ed:ty) => {
		// In a module of their own, so that `derive_impl` is in scope whatever the mock imports.
		mod system_and_balances {
			use super::*;
			use frame_support::derive_impl;

			#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
			impl frame_system::Config for $runtime {
				type Block = frame_system::mocking::MockBlock<$runtime>;
				type AccountData = pallet_balances::AccountData<$crate::Balance>;
			}

			#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
			impl pallet_balances::Config for $runtime {
				type Balance = $crate::Balance;
				type ExistentialDeposit = $ed;
				type AccountStore = System;
			}
		}
	};
}

/// [`impl_system_and_balances!`], and pallet-assets with pallet-assets-holder as its `Holder`
/// (named `Assets` and `AssetsHolder` in `$runtime`), every deposit one unit, assets created by
/// any signed origin; then `NativeAndAssets` (DSG and the assets as one `fungibles`) and
/// `NativeAndAssetsHolds` (the same with holds), as the runtime builds them.
#[macro_export]
macro_rules! impl_money_pallets {
	($runtime:ident, existential_deposit: $ed:ty) => {
		$crate::impl_system_and_balances!($runtime, existential_deposit: $ed);

		mod assets_and_holds {
			use super::*;
			use frame_support::derive_impl;

			#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
			impl pallet_assets::Config for $runtime {
				type Balance = $crate::Balance;
				type AssetDeposit = frame_support::traits::ConstU128<1>;
				type AssetAccountDeposit = frame_support::traits::ConstU128<1>;
				type MetadataDepositBase = frame_support::traits::ConstU128<1>;
				type MetadataDepositPerByte = frame_support::traits::ConstU128<1>;
				type ApprovalDeposit = frame_support::traits::ConstU128<1>;
				type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<
					frame_system::EnsureSigned<$crate::AccountId>,
				>;
				type ForceOrigin = frame_system::EnsureRoot<$crate::AccountId>;
				type Currency = Balances;
				type Freezer = ();
				type Holder = AssetsHolder;
			}

			impl pallet_assets_holder::Config for $runtime {
				type RuntimeEvent = RuntimeEvent;
				type RuntimeHoldReason = RuntimeHoldReason;
			}
		}

		/// DSG and the stablecoins as one `fungibles`.
		pub type NativeAndAssets = frame_support::traits::fungible::UnionOf<
			Balances,
			Assets,
			frame_support::traits::fungible::NativeFromLeft,
			frame_support::traits::fungible::NativeOrWithId<u32>,
			$crate::AccountId,
		>;
		/// DSG and the stablecoins as one `fungibles`, with holds.
		pub type NativeAndAssetsHolds = frame_support::traits::fungible::UnionOf<
			Balances,
			AssetsHolder,
			frame_support::traits::fungible::NativeFromLeft,
			frame_support::traits::fungible::NativeOrWithId<u32>,
			$crate::AccountId,
		>;
	};
}

/// What [`Members`] says of one account.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Member {
	/// Its tier.
	pub tier: Tier,
	/// Its active stake.
	pub active_stake: Balance,
	/// Whether its tier is elite.
	pub elite: bool,
	/// What its tier gives.
	pub benefits: TierBenefits,
}

thread_local! {
	static MEMBERS: RefCell<BTreeMap<AccountId, Member>> = RefCell::new(BTreeMap::new());
	static EVERYONE: RefCell<Member> = RefCell::new(Member::default());
	static PRICE: RefCell<Option<FixedU128>> = const { RefCell::new(None) };
}

/// Member tiers as the tests set them: an account set with [`Members::set`] is that member;
/// any other is [`Members::set_everyone`]'s (by default tier 0, no stake, no benefits).
pub struct Members;

impl Members {
	/// Makes `who` the member `member`.
	pub fn set(who: AccountId, member: Member) {
		MEMBERS.with(|members| members.borrow_mut().insert(who, member));
	}

	/// Changes what `who` is (starting from what it is now).
	pub fn update(who: AccountId, change: impl FnOnce(&mut Member)) {
		let mut member = Self::get(&who);
		change(&mut member);
		Self::set(who, member);
	}

	/// What every account not set with [`Members::set`] is.
	pub fn set_everyone(member: Member) {
		EVERYONE.with(|everyone| *everyone.borrow_mut() = member);
	}

	/// Forgets every member set.
	pub fn clear() {
		MEMBERS.with(|members| members.borrow_mut().clear());
		Self::set_everyone(Member::default());
	}

	/// What `who` is.
	pub fn get(who: &AccountId) -> Member {
		MEMBERS
			.with(|members| members.borrow().get(who).cloned())
			.unwrap_or_else(|| EVERYONE.with(|everyone| everyone.borrow().clone()))
	}
}

impl MemberTiers<AccountId, Balance> for Members {
	fn tier(who: &AccountId) -> Tier {
		Self::get(who).tier
	}
	fn active_stake(who: &AccountId) -> Balance {
		Self::get(who).active_stake
	}
	fn is_elite(who: &AccountId) -> bool {
		Self::get(who).elite
	}
	fn benefits(who: &AccountId) -> TierBenefits {
		Self::get(who).benefits
	}
}

/// The DSG price in USD as the tests set it (`None`: the oracle has none).
pub struct FixedPrice;

impl FixedPrice {
	/// Sets the price.
	pub fn set(price: Option<FixedU128>) {
		PRICE.with(|p| *p.borrow_mut() = price);
	}

	/// The price.
	pub fn get() -> Option<FixedU128> {
		PRICE.with(|p| *p.borrow())
	}
}

impl PriceOracle for FixedPrice {
	fn dsg_usd_price() -> Option<FixedU128> {
		Self::get()
	}
}
