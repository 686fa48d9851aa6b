//! # Orders: the catalog, the order life cycle, escrow and after-sales
//!
//! The hub of DeSpend's money flow. Merchants register (with a DSG deposit) and list products
//! in categories that governance launched. A buyer places an order paying USDT, USDC or DSG;
//! the payment goes to the pallet's **escrow account** ([`Config::EscrowAccount`]) until the
//! order closes: settlement pays the parts out of it, a cancellation or refund pays the buyer
//! back from it. One account for every open order rather than a hold on each buyer: an order
//! then touches two of the buyer's storage items instead of three to take and two to release,
//! and the escrow account is one of the keys every block reads anyway. The escrow keeps a
//! minimum of each payment asset of its own (endowed at genesis, or by the migration that moved
//! the holds here), so it never dies and never leaves dust; whatever is sent to it beyond the
//! open orders stays there, and `try_state` checks it holds at least every open order's payment.
//!
//! Life cycle: `Placed` → (`mark_shipped`) `Shipped` → (`confirm_receipt`, by the buyer or by
//! anyone after the auto-confirm period) `Received` → after the after-sales window, `settle`
//! (anyone, or `on_idle`). Before shipping the buyer may cancel; after the ship deadline anyone
//! may. After shipping the buyer may ask for a refund: the merchant accepts, or rejects
//! (holding a dispute deposit), or ignores it (then anyone may trigger the refund after the
//! response period). A rejected refund becomes a dispute if the buyer also posts a deposit;
//! the arbitration origin then rules a split and the loser's deposit pays for the ruling. A
//! dispute not ruled within the arbitration period resolves by the default ruling: half the
//! payment back to the buyer, half settled, both deposits released.
//!
//! Settlement splits the sale as `docs/design.md` says ([`SettlementParts`]): the merchant's part,
//! the experience fee (experts, reviewers, platform revenue) and the community fee. Platform
//! revenue pays promoters first ([`PromoterCommissions`]), then the dividend share, then the
//! treasury. Remainders of every split go to the platform and treasury parts, so the parts
//! always add up to the sale. Then [`OnOrderSettled`] tells the reward pallets.
//!
//! Every rate and period is a `Get` in [`Config`] so the runtime can feed it from
//! pallet-parameters, and governance changes it without a runtime upgrade.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod invariants;
pub mod migrations;
pub mod types;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

/// What the runtime provides so the benchmarks can run against its real pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<T: Config> {
	/// A stablecoin the payment can be made in (it must exist).
	fn payment_asset() -> T::AssetKind;
	/// Gives `who` `amount` of `asset`.
	fn fund(who: &T::AccountId, asset: &T::AssetKind, amount: BalanceOf<T>);
	/// Sets up the settlement's dearest path for `buyer` (e.g. promoters who earn commissions).
	fn prepare_settlement(buyer: &T::AccountId);
	/// Puts `n` more of what other pallets keep per account or per item (members, miners,
	/// RWA-NFTs) on the chain, for `settle_at_scale`.
	fn grow_state(n: u32);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use despend_primitives::{
		CategoryId, Cid, EvidenceHash, FreeBalance, MemberTiers, OnOrderSettled, OrderId,
		PriceOracle, ProductId, PromoterCommissions, QualityStandardId, QualityStandards,
		TrackingHash,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, MutateHold as _},
			fungibles, Contains,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::Perbill;

	/// The DSG balance type (also the type of every asset amount).
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;
	/// An open order, as stored.
	pub type OrderOf<T> = Order<
		<T as frame_system::Config>::AccountId,
		<T as Config>::AssetKind,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;
	/// A product, as stored.
	pub type ProductOf<T> =
		Product<<T as frame_system::Config>::AccountId, <T as Config>::AssetKind, BalanceOf<T>>;
	/// A merchant, as stored.
	pub type MerchantOf<T> = Merchant<BalanceOf<T>>;
	/// A category name, as a call takes it.
	pub type CategoryNameOf<T> = BoundedVec<u8, <T as Config>::MaxCategoryNameLen>;
	/// The payment assets of a product, as a call takes them.
	pub type AcceptedAssetsOf<T> = BoundedVec<<T as Config>::AssetKind, MaxAcceptedAssets>;

	/// The in-code storage version (2: one due-queue entry per order, merchants count products
	/// only; 3: payments kept by the escrow account, no longer held on the buyers).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A buyer's payment for an open order, before the escrow account kept them (the v3
		/// migration released every such hold into it; nothing holds with this reason now).
		Escrow,
		/// A merchant's registration deposit.
		MerchantDeposit,
		/// A product's listing deposit.
		ProductDeposit,
		/// A deposit backing one side of an order dispute.
		DisputeDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// DSG: deposits are held in it.
		type Currency: fungible::Inspect<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::MutateHold<Self::AccountId>;

		/// Every payment asset (DSG and the stablecoins): order payments are made in it.
		type Assets: fungibles::Inspect<
				Self::AccountId,
				AssetId = Self::AssetKind,
				Balance = BalanceOf<Self>,
			> + fungibles::Mutate<Self::AccountId>;

		/// Identifies a payment asset (DSG or a stablecoin).
		type AssetKind: Parameter + Member + MaxEncodedLen + Clone + Ord;

		/// The asset kind that is DSG: payments in it convert through the price oracle.
		type NativeAsset: Get<Self::AssetKind>;

		/// The assets products may accept.
		type PaymentAssets: Contains<Self::AssetKind>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// What DSG a buyer or a disputing party can commit: order payments and dispute
		/// deposits, which may be paid away, never take frozen (vested, vote-locked) DSG.
		type FreeBalance: FreeBalance<Self::AccountId, BalanceOf<Self>>;

		/// The DSG/USD price, for DSG payments.
		type PriceOracle: PriceOracle;

		/// Membership tiers: a tier adds a DSG-payment discount.
		type Members: MemberTiers<Self::AccountId, BalanceOf<Self>>;

		/// Experts' quality standards a product may refer to.
		type QualityStandards: QualityStandards;

		/// Promoters paid out of an order's platform revenue.
		type Commissions: PromoterCommissions<Self::AccountId, BalanceOf<Self>>;

		/// Told about every settled order (mining, RWA-NFT, dividends, reviews, referrals).
		type OnOrderSettled: OnOrderSettled<
			Self::AccountId,
			Self::AssetKind,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
		>;

		/// May launch categories and switch them on and off.
		type CategoryOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// May suspend and resume merchants.
		type MerchantAdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Rules order disputes.
		type ArbitrationOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives the experts' and reviewers' parts of experience fees (the review pallet).
		#[pallet::constant]
		type ReviewPool: Get<Self::AccountId>;

		/// Receives community fees and the dividend share (the dividend pool).
		#[pallet::constant]
		type DividendPool: Get<Self::AccountId>;

		/// Receives the rest of the platform revenue, the losers' dispute deposits, and any part
		/// its intended receiver cannot take.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// Keeps every open order's payment. It must hold a minimum of each payment asset of
		/// its own (the existential deposit, a stablecoin's minimum balance) so that paying an
		/// order out never takes it below: give it one at genesis.
		#[pallet::constant]
		type EscrowAccount: Get<Self::AccountId>;

		/// DSG held while a merchant is registered.
		#[pallet::constant]
		type MerchantDeposit: Get<BalanceOf<Self>>;

		/// DSG held while a product exists.
		#[pallet::constant]
		type ProductDeposit: Get<BalanceOf<Self>>;

		/// DSG each side of a dispute holds; the loser's pays for the ruling.
		#[pallet::constant]
		type DisputeDeposit: Get<BalanceOf<Self>>;

		/// Lowest experience fee rate a product may set.
		#[pallet::constant]
		type MinExperienceFee: Get<Perbill>;

		/// Highest experience fee rate a product may set.
		#[pallet::constant]
		type MaxExperienceFee: Get<Perbill>;

		/// Experience fee rate of a product that does not choose one (15%, the seed's average).
		#[pallet::constant]
		type DefaultExperienceFee: Get<Perbill>;

		/// Community fee: share of each sale for the global dividend pool (0.6%).
		#[pallet::constant]
		type CommunityFee: Get<Perbill>;

		/// Of the experience fee: the experts' share (10%).
		#[pallet::constant]
		type ExpertsShare: Get<Perbill>;

		/// Of the experience fee: the winning reviewers' share (50%). The platform gets the rest.
		#[pallet::constant]
		type ReviewersShare: Get<Perbill>;

		/// Of the platform revenue left after commissions: the dividend pool's share.
		#[pallet::constant]
		type DividendShare: Get<Perbill>;

		/// Discount on prices paid in DSG (before any tier discount).
		#[pallet::constant]
		type DsgPaymentDiscount: Get<Perbill>;

		/// Highest total DSG discount (platform plus tier).
		#[pallet::constant]
		type MaxDsgDiscount: Get<Perbill>;

		/// Blocks a merchant has to ship an order.
		#[pallet::constant]
		type ShipDeadline: Get<BlockNumberFor<Self>>;

		/// Blocks after shipping after which anyone may confirm receipt.
		#[pallet::constant]
		type AutoConfirmPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks after receipt during which refunds may still be asked for.
		#[pallet::constant]
		type AfterSalesPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks a merchant has to answer a refund request before it refunds by itself.
		#[pallet::constant]
		type RefundResponsePeriod: Get<BlockNumberFor<Self>>;

		/// Blocks a buyer has to open a dispute after the merchant rejected a refund.
		#[pallet::constant]
		type DisputeWindow: Get<BlockNumberFor<Self>>;

		/// Blocks the arbitration origin has to rule a dispute; after them the default ruling
		/// applies (half refunded, half settled, both deposits released).
		#[pallet::constant]
		type ArbitrationPeriod: Get<BlockNumberFor<Self>>;

		/// The smallest order, in USD units (6 decimals): every order leaves state (an RWA-NFT,
		/// a review ticket) and takes block space, and its fees must pay for that.
		#[pallet::constant]
		type MinOrderValue: Get<BalanceOf<Self>>;

		/// Most units in one order.
		#[pallet::constant]
		type MaxQuantity: Get<u32>;

		/// Longest category name.
		#[pallet::constant]
		type MaxCategoryNameLen: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up other pallets' state for the benchmarks (prices, balances).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self>;
	}

	/// Registered merchants.
	#[pallet::storage]
	pub type Merchants<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, MerchantOf<T>>;

	/// Product categories.
	#[pallet::storage]
	pub type Categories<T: Config> =
		StorageMap<_, Twox64Concat, CategoryId, Category<T::MaxCategoryNameLen>>;

	/// The id the next category gets.
	#[pallet::storage]
	pub type NextCategoryId<T: Config> = StorageValue<_, CategoryId, ValueQuery>;

	/// The catalog.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Twox64Concat, ProductId, ProductOf<T>>;

	/// The id the next product gets.
	#[pallet::storage]
	pub type NextProductId<T: Config> = StorageValue<_, ProductId, ValueQuery>;

	/// Open orders (closed ones are removed; their history is in the events).
	#[pallet::storage]
	pub type Orders<T: Config> = StorageMap<_, Twox64Concat, OrderId, OrderOf<T>>;

	/// The id the next order gets (also its RWA-NFT item id).
	#[pallet::storage]
	pub type NextOrderId<T: Config> = StorageValue<_, OrderId, ValueQuery>;

	/// Orders whose deadline falls in a block, one entry each, for `on_idle` to act on once the
	/// block has come. An order that moves on leaves its entry ([`Order::due`] says where it
	/// waits). Both keys are the chain's own numbers, never chosen by a caller.
	#[pallet::storage]
	pub type DueOrders<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		OrderId,
		(),
		OptionQuery,
	>;

	/// The first block whose due orders `on_idle` has not yet processed (`None` until the
	/// first `on_idle`, which starts at its own block: nothing is due before the pallet exists).
	#[pallet::storage]
	pub type DueCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A merchant registered.
		MerchantRegistered { merchant: T::AccountId, deposit: BalanceOf<T> },
		/// A merchant changed its profile.
		MerchantUpdated { merchant: T::AccountId },
		/// Governance suspended a merchant.
		MerchantSuspended { merchant: T::AccountId },
		/// Governance resumed a merchant.
		MerchantResumed { merchant: T::AccountId },
		/// A merchant left; its deposit was released.
		MerchantDeregistered { merchant: T::AccountId },
		/// Governance launched a category.
		CategoryCreated { category: CategoryId, name: BoundedVec<u8, T::MaxCategoryNameLen> },
		/// Governance switched a category on or off.
		CategoryStatusChanged { category: CategoryId, active: bool },
		/// A product was listed.
		ProductListed {
			product: ProductId,
			merchant: T::AccountId,
			category: CategoryId,
			price_usd: BalanceOf<T>,
			stock: u32,
			experience_fee: Perbill,
		},
		/// A product's price, stock or description changed.
		ProductUpdated { product: ProductId, price_usd: BalanceOf<T>, stock: u32 },
		/// A product was taken off sale.
		ProductDelisted { product: ProductId },
		/// A delisted product's last order closed; it was removed and its deposit released.
		ProductRemoved { product: ProductId },
		/// An order was placed and its payment held.
		OrderPlaced {
			order: OrderId,
			buyer: T::AccountId,
			product: ProductId,
			quantity: u32,
			asset: T::AssetKind,
			amount: BalanceOf<T>,
			amount_usd: BalanceOf<T>,
		},
		/// The merchant shipped an order.
		OrderShipped { order: OrderId, tracking: TrackingHash },
		/// Receipt was confirmed (`by` is who confirmed; `None` when `on_idle` did at the timeout).
		OrderReceived { order: OrderId, by: Option<T::AccountId> },
		/// An order was cancelled before shipping; the payment went back and the stock too (`by`
		/// is `None` when `on_idle` cancelled it at the ship deadline).
		OrderCancelled { order: OrderId, by: Option<T::AccountId> },
		/// The buyer asked for a refund.
		RefundRequested { order: OrderId, reason: EvidenceHash },
		/// The merchant rejected a refund request.
		RefundRejected { order: OrderId },
		/// An order was refunded in full (accepted, or unanswered in time).
		OrderRefunded { order: OrderId, amount: BalanceOf<T> },
		/// The buyer took a rejected refund to arbitration.
		DisputeOpened { order: OrderId },
		/// Arbitration ruled: `buyer_share` of the payment went back to the buyer, the rest
		/// settled; the loser's deposit went to the treasury.
		DisputeRuled {
			order: OrderId,
			buyer_share: Perbill,
			refunded: BalanceOf<T>,
			loser: T::AccountId,
		},
		/// Arbitration did not rule in time: the default ruling refunded half the payment
		/// (`refunded`), settled the rest and released both deposits.
		DisputeLapsed { order: OrderId, refunded: BalanceOf<T> },
		/// An order settled and its money was paid out: `parts` is the split, `commissions`
		/// who of the buyer's promoters was paid how much of `parts.commissions` (this event
		/// is how promoters and indexers follow their income).
		OrderSettled {
			order: OrderId,
			asset: T::AssetKind,
			sale_amount: BalanceOf<T>,
			parts: despend_primitives::SettlementParts<BalanceOf<T>>,
			commissions: despend_primitives::Commissions<T::AccountId, BalanceOf<T>>,
		},
		/// Part of a settlement, or a refund, could not go to its receiver (an account that
		/// cannot take it: e.g. a sub-minimum amount to an account without that asset) and went
		/// to the treasury.
		PaymentRedirected { order: OrderId, intended: T::AccountId, amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This account is already a registered merchant.
		AlreadyMerchant,
		/// This account is not a registered merchant.
		NotMerchant,
		/// The merchant is suspended: no new listings or orders.
		MerchantSuspended,
		/// The merchant is not suspended.
		MerchantNotSuspended,
		/// The merchant still has products: delist them first (a delisted product stays until
		/// its last open order closes).
		MerchantHasProducts,
		/// No category with this id.
		UnknownCategory,
		/// The category takes no new products.
		CategoryInactive,
		/// The category is already in that state.
		CategoryStatusUnchanged,
		/// No product with this id.
		UnknownProduct,
		/// The caller does not sell this product.
		NotProductMerchant,
		/// The product is not on sale.
		ProductNotListed,
		/// The price must be above zero.
		ZeroPrice,
		/// The product must accept at least one payment asset.
		NoPaymentAsset,
		/// An asset the platform does not take as payment, or a duplicate.
		UnsupportedAsset,
		/// The experience fee is outside the bounds governance set.
		ExperienceFeeOutOfBounds,
		/// The quality standard does not exist, is retired, or is for another category.
		UnusableQualityStandard,
		/// Nothing to change.
		NothingToUpdate,
		/// The id space is exhausted.
		IdOverflow,
		/// The quantity must be between one and the maximum per order.
		InvalidQuantity,
		/// Not enough stock.
		InsufficientStock,
		/// The product does not accept this asset.
		AssetNotAccepted,
		/// Merchants cannot buy their own products.
		CannotBuyOwnProduct,
		/// Price times quantity does not fit.
		PriceOverflow,
		/// The total exceeds the buyer's `max_total`.
		TotalAboveMax,
		/// No DSG/USD price is known, so DSG payments are closed.
		NoDsgPrice,
		/// The buyer cannot pay (too little balance to hold). To pay in DSG while holding only
		/// stablecoins, swap some with `assetConversion.swapExactTokensForTokens`, or pay in the
		/// stablecoin.
		InsufficientBalance,
		/// Part of this DSG is frozen (vesting, a conviction vote): a payment or a deposit
		/// that may be paid away takes only unfrozen DSG. Wait for the lock to end, or pay in
		/// a stablecoin.
		FundsFrozen,
		/// The order is below the minimum order value (`MinOrderValue`, in USD).
		OrderTooSmall,
		/// No open order with this id.
		UnknownOrder,
		/// Only the buyer may do this (or anyone, once the deadline passed).
		NotBuyer,
		/// Only the order's merchant may do this.
		NotOrderMerchant,
		/// The order is not in a state that allows this.
		InvalidOrderState,
		/// The deadline for this has passed.
		DeadlinePassed,
		/// Too early: the deadline has not passed yet.
		DeadlineNotReached,
		/// The merchant rejected the buyer's refund request: the order closes by the buyer's
		/// dispute and its ruling, or, once the dispute window or the arbitration period has
		/// passed, by the default ruling (`apply_default_ruling`, which anyone may call).
		OrderDisputed,
		/// Not enough free DSG for the deposit. Holding only stablecoins? Swap some for DSG with `assetConversion.swapExactTokensForTokens`.
		CannotHoldDeposit,
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// What `buyer` would pay for `quantity` of `product` in `asset` now (total, the DSG
		/// discount, the parts), or why the order would be refused.
		pub fn order_quote(
			buyer: T::AccountId,
			product: ProductId,
			quantity: u32,
			asset: T::AssetKind,
		) -> Result<Quote<BalanceOf<T>>, DispatchError> {
			Self::quote(&buyer, product, quantity, &asset)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::process_due_orders(now, remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the caller as a merchant, holding `MerchantDeposit` DSG.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_merchant())]
		pub fn register_merchant(origin: OriginFor<T>, metadata: Cid) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_merchant(who, metadata)
		}

		/// Change the caller's merchant profile.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_merchant())]
		pub fn update_merchant(origin: OriginFor<T>, metadata: Cid) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_merchant(who, metadata)
		}

		/// Leave: needs no products (delisted ones go once their orders close); releases the
		/// deposit.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deregister_merchant())]
		pub fn deregister_merchant(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_merchant(who)
		}

		/// Suspend a merchant (governance): no new listings or orders.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::suspend_merchant())]
		pub fn suspend_merchant(origin: OriginFor<T>, merchant: T::AccountId) -> DispatchResult {
			T::MerchantAdminOrigin::ensure_origin(origin)?;
			Self::do_set_merchant_status(merchant, MerchantStatus::Suspended)
		}

		/// Resume a suspended merchant (governance).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::resume_merchant())]
		pub fn resume_merchant(origin: OriginFor<T>, merchant: T::AccountId) -> DispatchResult {
			T::MerchantAdminOrigin::ensure_origin(origin)?;
			Self::do_set_merchant_status(merchant, MerchantStatus::Active)
		}

		/// Launch a product category (governance).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::create_category())]
		pub fn create_category(origin: OriginFor<T>, name: CategoryNameOf<T>) -> DispatchResult {
			T::CategoryOrigin::ensure_origin(origin)?;
			Self::do_create_category(name)
		}

		/// Switch a category on or off for new products (governance).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_category_status())]
		pub fn set_category_status(
			origin: OriginFor<T>,
			category: CategoryId,
			active: bool,
		) -> DispatchResult {
			T::CategoryOrigin::ensure_origin(origin)?;
			Self::do_set_category_status(category, active)
		}

		/// List a product, holding `ProductDeposit` DSG. `price_usd` is the unit price in USD
		/// units (6 decimals); `experience_fee` defaults to `DefaultExperienceFee`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::list_product())]
		pub fn list_product(
			origin: OriginFor<T>,
			category: CategoryId,
			price_usd: BalanceOf<T>,
			stock: u32,
			accepted_assets: AcceptedAssetsOf<T>,
			experience_fee: Option<Perbill>,
			quality_standard: Option<QualityStandardId>,
			metadata: Cid,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_list_product(
				who,
				category,
				price_usd,
				stock,
				accepted_assets,
				experience_fee,
				quality_standard,
				metadata,
			)
		}

		/// Change a product's price, stock or description (open orders keep their price).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::update_product())]
		pub fn update_product(
			origin: OriginFor<T>,
			product: ProductId,
			price_usd: Option<BalanceOf<T>>,
			stock: Option<u32>,
			metadata: Option<Cid>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_product(who, product, price_usd, stock, metadata)
		}

		/// Take a product off sale; it is removed (deposit back) once its open orders close.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::delist_product())]
		pub fn delist_product(origin: OriginFor<T>, product: ProductId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_delist_product(who, product)
		}

		/// Buy `quantity` units of `product`, paying with `pay_with`; holds the total (at most
		/// `max_total`, in `pay_with`) and reserves the stock.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::place_order())]
		pub fn place_order(
			origin: OriginFor<T>,
			product: ProductId,
			quantity: u32,
			pay_with: T::AssetKind,
			max_total: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_place_order(who, product, quantity, pay_with, max_total)
		}

		/// The merchant ships `order` (before the ship deadline), with a hash of its tracking
		/// number.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::mark_shipped())]
		pub fn mark_shipped(
			origin: OriginFor<T>,
			order: OrderId,
			tracking: TrackingHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_mark_shipped(who, order, tracking)
		}

		/// Confirm receipt of a shipped order: the buyer at any time, anyone after the
		/// auto-confirm period. Starts the after-sales window.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::confirm_receipt())]
		pub fn confirm_receipt(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_receipt(Some(who), order)
		}

		/// Cancel an order that was not shipped: the buyer at any time, anyone after the ship
		/// deadline. Refunds in full and returns the stock.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::cancel_order())]
		pub fn cancel_order(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_order(Some(who), order)
		}

		/// Settle a received order whose after-sales window has passed. Anyone may call it.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::settle().saturating_add(Pallet::<T>::settlement_hooks_weight()))]
		pub fn settle(origin: OriginFor<T>, order: OrderId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let handlers = Self::do_settle_due(order, Notify::Handlers)?;
			Ok(Some(T::WeightInfo::settle().saturating_add(handlers)).into())
		}

		/// The buyer asks for a refund of a shipped order, before receipt or within the
		/// after-sales window. `reason` is a hash of the buyer's explanation.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::request_refund())]
		pub fn request_refund(
			origin: OriginFor<T>,
			order: OrderId,
			reason: EvidenceHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_refund(who, order, reason)
		}

		/// The merchant accepts a refund request: the buyer is refunded in full.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::accept_refund())]
		pub fn accept_refund(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_refund(who, order)
		}

		/// The merchant rejects a refund request, holding `DisputeDeposit` DSG in case the buyer
		/// takes it to arbitration.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::reject_refund())]
		pub fn reject_refund(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reject_refund(who, order)
		}

		/// Refund an order whose refund request the merchant did not answer in time. Anyone may
		/// call it.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::refund_unanswered())]
		pub fn refund_unanswered(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_refund_unanswered(order)
		}

		/// The buyer takes a rejected refund to arbitration, holding `DisputeDeposit` DSG.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::open_dispute())]
		pub fn open_dispute(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_dispute(who, order)
		}

		/// Rule a dispute (arbitration origin): `buyer_share` of the payment is refunded, the
		/// rest settles as a sale. The buyer loses if `buyer_share` is under half; the loser's
		/// deposit goes to the treasury, the winner's is released.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::rule_dispute().saturating_add(Pallet::<T>::settlement_hooks_weight()))]
		pub fn rule_dispute(
			origin: OriginFor<T>,
			order: OrderId,
			buyer_share: Perbill,
		) -> DispatchResultWithPostInfo {
			T::ArbitrationOrigin::ensure_origin(origin)?;
			let handlers = Self::do_rule_dispute(order, buyer_share, Notify::Handlers)?;
			Ok(Some(T::WeightInfo::rule_dispute().saturating_add(handlers)).into())
		}

		/// Close an after-sales case that lapsed by its default ruling: a rejected refund the
		/// buyer did not dispute in time settles as a sale (the merchant's deposit released); a
		/// dispute arbitration did not rule in time refunds half and settles half (both
		/// deposits released). Anyone may call it (`on_idle` does it too).
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::apply_default_ruling().saturating_add(Pallet::<T>::settlement_hooks_weight()))]
		pub fn apply_default_ruling(
			origin: OriginFor<T>,
			order: OrderId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let handlers = Self::do_apply_default_ruling(order, Notify::Handlers)?;
			Ok(Some(T::WeightInfo::apply_default_ruling().saturating_add(handlers)).into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The open order `id`, if any (for wallets, RPC and other pallets' benchmarks).
		pub fn get_order(id: OrderId) -> Option<OrderOf<T>> {
			Orders::<T>::get(id)
		}

		/// Holds `amount` DSG from `who` for `reason`. A dispute deposit may be paid to the
		/// treasury, so it takes only unfrozen DSG.
		/// Errors: `FundsFrozen`, `CannotHoldDeposit`.
		pub(crate) fn hold_deposit(
			reason: HoldReason,
			who: &T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			if reason == HoldReason::DisputeDeposit {
				Self::ensure_unfrozen(who, amount, Error::<T>::CannotHoldDeposit)?;
			}
			T::Currency::hold(&reason.into(), who, amount)
				.map_err(|_| Error::<T>::CannotHoldDeposit.into())
		}

		/// Refuses to commit `amount` DSG of `who` that is frozen (`FundsFrozen`), or that
		/// `who` does not have at all (`short`).
		pub(crate) fn ensure_unfrozen(
			who: &T::AccountId,
			amount: BalanceOf<T>,
			short: Error<T>,
		) -> DispatchResult {
			use frame_support::traits::fungible::Inspect;
			if amount <= T::FreeBalance::committable(who) {
				return Ok(());
			}
			if amount < T::Currency::balance(who) {
				return Err(Error::<T>::FundsFrozen.into());
			}
			Err(short.into())
		}
	}
}
