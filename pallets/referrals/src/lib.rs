//! # Referrals: promoters and value fission
//!
//! A buyer binds the promoter who brought it once, for ever. When one of
//! its orders settles, its direct promoter earns [`Config::DirectRate`] and the promoter's own
//! promoter [`Config::IndirectRate`] of the order's platform revenue. The depth is fixed at two.
//!
//! ## How it fits the money flow
//!
//! The order pallet (the hub of settlement) asks this pallet who earns what through
//! [`despend_primitives::PromoterCommissions`] and pays those commissions out of the platform
//! revenue itself (in the order's asset). This pallet moves no commission money and keeps no
//! tally of it: the order pallet's `OrderSettled` event names every promoter paid and the
//! amount, which is how promoters (and indexers) follow their income.
//!
//! ## Binding
//!
//! [`Pallet::bind_promoter`] holds [`Config::BindDeposit`] DSG from the caller under
//! [`HoldReason::Binding`]. A binding can never be undone, so its storage is permanent and so is
//! its deposit: the deposit pays for that storage and is never returned. A binding is refused
//! if it would refer to oneself, to an account that does not exist, or close a cycle. Cycles are
//! ruled out by walking the promoter's chain of promoters, at most
//! [`Config::MaxAncestorCheck`] links; a chain too long to prove is refused
//! ([`Error::AncestorChainTooLong`]). An account that nobody refers to yet cannot be anyone's
//! ancestor, so its binding needs no walk at all: new accounts may join below a chain of any
//! depth.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_traits;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::Perbill;
	use sp_runtime::traits::StaticLookup;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// An account id as a call names it (an address a wallet can type).
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// DSG (pallet-balances), from which binding deposits are held.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The DSG held, for ever, from an account that binds a promoter: it pays for the
		/// binding's permanent storage.
		#[pallet::constant]
		type BindDeposit: Get<BalanceOf<Self>>;

		/// The direct promoter's share of an order's platform revenue.
		#[pallet::constant]
		type DirectRate: Get<Perbill>;

		/// The share of an order's platform revenue for the direct promoter's own promoter.
		/// With [`Config::DirectRate`] it never takes more than the whole revenue: the indirect
		/// commission is cut to what the direct one leaves.
		#[pallet::constant]
		type IndirectRate: Get<Perbill>;

		/// How many links of the promoter's chain a binding may walk to rule out a cycle.
		#[pallet::constant]
		type MaxAncestorCheck: Get<u32>;

		/// Weights of this pallet's calls and trait implementations, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a promoter binding, held for as long as the binding exists (for
		/// ever).
		#[codec(index = 0)]
		Binding,
	}

	/// The promoter each account bound, with the deposit the binding holds.
	#[pallet::storage]
	pub type Promoter<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BindingOf<T>>;

	/// How many accounts bound each promoter as their direct promoter.
	#[pallet::storage]
	pub type PromotedCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `buyer` bound `promoter` as its promoter, holding `deposit` DSG for good.
		PromoterBound { buyer: T::AccountId, promoter: T::AccountId, deposit: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This account already has a promoter; a binding is permanent.
		AlreadyBound,
		/// An account cannot be its own promoter.
		SelfReferral,
		/// The promoter is not an existing account.
		UnknownPromoter,
		/// This account is already in the promoter's chain of promoters: binding would make a
		/// cycle.
		ReferralCycle,
		/// The promoter's chain of promoters is longer than the chain can check, so a cycle
		/// cannot be ruled out.
		AncestorChainTooLong,
		/// Not enough free DSG for the binding deposit (the existential deposit stays free).
		/// Holding only stablecoins? Swap some for DSG with `assetConversion.swapExactTokensForTokens`.
		InsufficientBalance,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Bind `promoter` as the caller's promoter, for ever, holding [`Config::BindDeposit`]
		/// DSG for good.
		///
		/// Refused if the caller already has a promoter, names itself, names an account that
		/// does not exist, or would close a cycle of promoters (or the promoter's chain is too
		/// long to rule one out). The weight of links not walked is refunded.
		///
		/// Emits [`Event::PromoterBound`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bind_promoter(T::MaxAncestorCheck::get()))]
		pub fn bind_promoter(
			origin: OriginFor<T>,
			promoter: AccountIdLookupOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let promoter = T::Lookup::lookup(promoter)?;
			let links_walked = Self::do_bind_promoter(&who, promoter)?;
			Ok(Some(T::WeightInfo::bind_promoter(links_walked)).into())
		}
	}
}
