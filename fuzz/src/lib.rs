//! The runtime fuzzer's harness. An input is read as a sequence of actions: signed extrinsics
//! of every pallet from six funded development accounts (arguments drawn from small domains,
//! so that orders, stakes, RWA-NFTs and review rounds really come to exist), calls decoded raw
//! from the input, governance decisions dispatched with the origin of the track that would
//! pass them (through the call filter, so at any value governance can reach), and block
//! boundaries. Blocks are built as the node builds them (`Executive::initialize_block`, the
//! timestamp inherent, extrinsics, `Executive::finalize_block` with `on_idle`), and after every
//! extrinsic and every block the harness checks:
//!
//! - no panic (a panic is the fuzzer's crash);
//! - the actual weight of an extrinsic is at most its pre-dispatch weight;
//! - no block exceeds its weight limits;
//! - total DSG issuance moves only by what mining mints, burnt fees, lost dust and slashes;
//! - every pallet's `try_state` holds.
//!
//! Signatures are not made (they cost more than the rest and prove nothing about the runtime):
//! extrinsics are applied as checked extrinsics, every transaction extension included.

// A harness: a broken setup must stop the run loudly, so it may `expect`.
#![allow(clippy::expect_used)]

use codec::{DecodeLimit, Encode};
use despend_primitives::{OrderId, ProductId};
use despend_runtime::{
	configs::parameters::RuntimeParameters,
	governance::pallet_custom_origins::Origin as TrackOrigin,
	units::{DSG, SLOT_DURATION, USD, USDC_ID, USDT_ID},
	AccountId, AllPalletsWithSystem, BuildStorage, Executive, Header, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, System, TxExtension, UncheckedExtrinsic,
};
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	storage::{with_transaction, TransactionOutcome},
	traits::{fungible::NativeOrWithId, Get, TryState, TryStateSelect},
	BoundedVec,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{storage::Storage, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{CheckedExtrinsic, Digest, DigestItem, Era, ExtrinsicFormat},
	traits::{Applyable, Dispatchable, Hash as _, Header as _},
	DispatchError, MultiAddress, Perbill,
};
use std::sync::OnceLock;

type AssetKind = NativeOrWithId<u32>;

/// What one input did, for the run's report.
#[derive(Default, Debug, Clone, Copy)]
pub struct Stats {
	/// Blocks built (each one checked).
	pub blocks: u64,
	/// Extrinsics applied (their dispatch may still have failed).
	pub applied: u64,
	/// Of those, extrinsics whose dispatch succeeded.
	pub succeeded: u64,
	/// Extrinsics a block builder would refuse (invalid or unpayable).
	pub refused: u64,
	/// Governance decisions dispatched with a track origin.
	pub governed: u64,
	/// Orders settled (by a call or by `on_idle`): how deep the inputs reached.
	pub settled: u64,
	/// Review rounds finalized.
	pub rounds: u64,
	/// Invariant checks passed (per extrinsic and per block).
	pub checks: u64,
}

impl core::ops::AddAssign for Stats {
	fn add_assign(&mut self, other: Self) {
		self.blocks += other.blocks;
		self.applied += other.applied;
		self.succeeded += other.succeeded;
		self.refused += other.refused;
		self.governed += other.governed;
		self.settled += other.settled;
		self.rounds += other.rounds;
		self.checks += other.checks;
	}
}

/// Runs one input on a fresh development chain and panics if an invariant breaks.
pub fn run(data: &[u8]) -> Stats {
	let mut ext = sp_io::TestExternalities::new(genesis().clone());
	ext.execute_with(|| {
		let mut chain = Chain::default();
		chain.start_block();
		set_up_shop();
		chain.end_block();
		chain.start_block();
		let mut input = Input(data);
		while !input.is_empty() {
			chain.act(&mut input, 0);
		}
		chain.end_block();
		chain.stats
	})
}

/// The development preset's genesis, built once.
fn genesis() -> &'static Storage {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	GENESIS.get_or_init(|| {
		let preset = despend_runtime::genesis_config_presets::get_preset(&"development".into())
			.expect("the development preset exists");
		let patch: serde_json::Value = serde_json::from_slice(&preset).expect("a JSON preset");
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("JSON");
		sc_chain_spec::json_merge(&mut config, patch);
		let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("a genesis");
		config.build_storage().expect("the development genesis builds")
	})
}

/// The funded accounts the input acts with. Alice holds the sudo key; the harness never sends
/// a sudo call, and raw calls come from the others only.
const ACCOUNTS: [Sr25519Keyring; 6] = [
	Sr25519Keyring::Alice,
	Sr25519Keyring::Bob,
	Sr25519Keyring::Charlie,
	Sr25519Keyring::Dave,
	Sr25519Keyring::Eve,
	Sr25519Keyring::Ferdie,
];

fn account(i: u8) -> AccountId {
	ACCOUNTS[usize::from(i) % ACCOUNTS.len()].to_account_id()
}

fn bounded<T, S: Get<u32>>(v: Vec<T>) -> BoundedVec<T, S> {
	BoundedVec::truncate_from(v)
}

const USDT: AssetKind = NativeOrWithId::WithId(USDT_ID);
const USDC: AssetKind = NativeOrWithId::WithId(USDC_ID);
const NATIVE: AssetKind = NativeOrWithId::Native;

/// A shop to buy from: two categories, two merchants with three products (one under an
/// expert's standard), dispatched as governance and the accounts would.
fn set_up_shop() {
	let dispatch = |call: RuntimeCall, origin: RuntimeOrigin| {
		let result = call.clone().dispatch(origin);
		assert!(result.is_ok(), "set-up call {call:?}: {result:?}");
	};
	let signed = |i: u8| RuntimeOrigin::signed(account(i));
	for name in [&b"Tea"[..], b"Books"] {
		dispatch(
			pallet_orders::Call::create_category { name: bounded(name.to_vec()) }.into(),
			RuntimeOrigin::from(TrackOrigin::CategoryLauncher),
		);
	}
	for merchant in [1, 2] {
		dispatch(
			pallet_orders::Call::register_merchant { metadata: bounded(b"shop".to_vec()) }.into(),
			signed(merchant),
		);
	}
	dispatch(
		pallet_reviews::Call::register_expert { profile: bounded(b"expert".to_vec()) }.into(),
		signed(5),
	);
	dispatch(
		pallet_reviews::Call::publish_standard {
			category: 0,
			criteria: bounded(vec![
				pallet_reviews::Criterion {
					name: bounded(b"taste".to_vec()),
					weight: Perbill::from_percent(60),
				},
				pallet_reviews::Criterion {
					name: bounded(b"aroma".to_vec()),
					weight: Perbill::from_percent(40),
				},
			]),
			metadata: bounded(b"standard".to_vec()),
		}
		.into(),
		signed(5),
	);
	let products: [(u8, u32, u128, u32, Vec<AssetKind>, Option<u32>); 3] = [
		(1, 0, 10 * USD, 1_000, vec![USDT, NATIVE, USDC], Some(0)),
		(1, 1, 250 * USD, 10, vec![USDT], None),
		(2, 0, USD, 1_000, vec![NATIVE, USDC], Some(0)),
	];
	for (merchant, category, price_usd, stock, assets, standard) in products {
		dispatch(
			pallet_orders::Call::list_product {
				category,
				price_usd,
				stock,
				accepted_assets: bounded(assets),
				experience_fee: None,
				quality_standard: standard,
				metadata: bounded(b"product".to_vec()),
			}
			.into(),
			signed(merchant),
		);
	}
}

/// The input, read a byte at a time; an exhausted input reads as zeros.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
	fn is_empty(&self) -> bool {
		self.0.is_empty()
	}
	fn byte(&mut self) -> u8 {
		match self.0.split_first() {
			Some((b, rest)) => {
				self.0 = rest;
				*b
			},
			None => 0,
		}
	}
	fn below(&mut self, n: u8) -> u8 {
		self.byte() % n.max(1)
	}
	fn bool(&mut self) -> bool {
		self.byte() & 1 == 1
	}
	/// An amount in `unit`s from a few orders of magnitude, with the edges.
	fn amount(&mut self, unit: u128) -> u128 {
		match self.below(8) {
			0 => 0,
			1 => 1,
			2 => unit,
			3 => 10 * unit,
			4 => 1_000 * unit,
			5 => 100_000 * unit,
			6 => u128::MAX,
			_ => u128::from(self.byte()) * unit / 8,
		}
	}
	fn asset(&mut self) -> AssetKind {
		[USDT, USDC, NATIVE][usize::from(self.below(3))].clone()
	}
	fn product(&mut self) -> ProductId {
		u32::from(self.below(4))
	}
	/// One of the latest orders (their ids are also their RWA-NFT items).
	fn order(&mut self) -> OrderId {
		let next = pallet_orders::NextOrderId::<Runtime>::get();
		next.saturating_sub(1 + u64::from(self.below(8)))
	}
	fn hash(&mut self) -> H256 {
		H256::repeat_byte(self.byte())
	}
	fn scores(&mut self) -> Vec<u8> {
		[vec![80, 70], vec![0, 100], vec![100, 100], vec![50]][usize::from(self.below(4))].clone()
	}
	fn salt(&mut self) -> [u8; 32] {
		[1 + self.below(2); 32]
	}
	fn perbill(&mut self) -> Perbill {
		Perbill::from_percent(u32::from(self.below(101)))
	}
	/// Up to `max` bytes for a raw decode.
	fn bytes(&mut self, max: usize) -> Vec<u8> {
		let n = usize::from(self.byte()).min(max).min(self.0.len());
		let (head, rest) = self.0.split_at(n);
		self.0 = rest;
		head.to_vec()
	}
}

/// Bytes a signed extrinsic carries besides its call: address, signature, extensions.
const SIGNED_OVERHEAD: usize = 110;

#[derive(Default)]
struct Chain {
	stats: Stats,
	parent: H256,
	number: u32,
}

impl Chain {
	fn start_block(&mut self) {
		self.number += 1;
		let slot = Slot::from(u64::from(self.number));
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let header = Header::new(self.number, H256::zero(), H256::zero(), self.parent, digest);
		let issuance = issuance();
		Executive::initialize_block(&header);
		let now = u64::from(self.number) * SLOT_DURATION;
		let timestamp =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now,
			}));
		let applied = Executive::apply_extrinsic(timestamp);
		assert!(matches!(applied, Ok(Ok(()))), "the timestamp inherent: {applied:?}");
		self.check_issuance(issuance, 0, Fee::None, "on_initialize");
	}

	fn end_block(&mut self) {
		let issuance = issuance();
		let events = event_count();
		let header = Executive::finalize_block();
		self.check_issuance(issuance, events, Fee::None, "on_idle/on_finalize");
		self.parent = header.hash();

		let weights = <Runtime as frame_system::Config>::BlockWeights::get();
		let used = System::block_weight();
		assert!(
			used.total().all_lte(weights.max_block),
			"block {} weighs {:?}, over its limit {:?}",
			self.number,
			used.total(),
			weights.max_block
		);
		for class in [DispatchClass::Normal, DispatchClass::Operational] {
			if let Some(max) = weights.get(class).max_total {
				assert!(
					used.get(class).all_lte(max),
					"block {}: {class:?} weight over",
					self.number
				);
			}
		}
		AllPalletsWithSystem::try_state(self.number, TryStateSelect::All)
			.unwrap_or_else(|e| panic!("try_state after block {}: {e:?}", self.number));
		self.stats.blocks += 1;
		self.stats.checks += 1;
	}

	fn next_blocks(&mut self, n: u32) {
		for _ in 0..n {
			self.end_block();
			self.start_block();
		}
	}

	/// Reads one action from `input` and does it; `depth` bounds batches.
	fn act(&mut self, input: &mut Input, depth: u8) {
		let who = input.below(6);
		let choice = input.byte();
		if let Some(call) = signed_call(choice, input, depth) {
			let fee_asset = match input.below(8) {
				0 => Some(USDT),
				1 => Some(USDC),
				_ => None,
			};
			self.apply_signed(who, call, fee_asset);
			return;
		}
		match choice % 64 {
			56 => {
				// Any call, decoded raw, from an account without the sudo key.
				let bytes = input.bytes(96);
				if let Ok(call) = RuntimeCall::decode_with_depth_limit(8, &mut &bytes[..]) {
					self.apply_signed(1 + who % 5, call, None);
				}
			},
			57 => {
				// A parameter, set as the parameters track would: through the call filter.
				let bytes = input.bytes(48);
				if let Ok(key_value) =
					RuntimeParameters::decode_with_depth_limit(4, &mut &bytes[..])
				{
					self.govern(
						pallet_parameters::Call::set_parameter { key_value }.into(),
						TrackOrigin::ParameterSetter,
					);
				}
			},
			58 => {
				let call = match input.below(3) {
					0 => pallet_orders::Call::rule_dispute {
						order: input.order(),
						buyer_share: input.perbill(),
					}
					.into(),
					1 => pallet_reviews::Call::uphold {
						product: input.product(),
						round: u32::from(input.below(3)),
					}
					.into(),
					_ => pallet_reviews::Call::overturn {
						product: input.product(),
						round: u32::from(input.below(3)),
						corrected_scores: bounded(input.scores()),
					}
					.into(),
				};
				self.govern(call, TrackOrigin::Arbitrator);
			},
			59 => {
				let call = match input.below(3) {
					0 => pallet_orders::Call::suspend_merchant { merchant: account(input.byte()) }
						.into(),
					1 => pallet_orders::Call::resume_merchant { merchant: account(input.byte()) }
						.into(),
					_ => pallet_orders::Call::set_category_status {
						category: u32::from(input.below(3)),
						active: input.bool(),
					}
					.into(),
				};
				self.govern(call, TrackOrigin::CategoryLauncher);
			},
			60 => {
				// A call decoded raw, passed on a non-root track.
				let bytes = input.bytes(96);
				if let Ok(call) = RuntimeCall::decode_with_depth_limit(8, &mut &bytes[..]) {
					let origin = [
						TrackOrigin::ParameterSetter,
						TrackOrigin::CategoryLauncher,
						TrackOrigin::Arbitrator,
						TrackOrigin::Treasurer,
					][usize::from(input.below(4))]
					.clone();
					self.govern(call, origin);
				}
			},
			61 | 62 => self.next_blocks(1 + u32::from(input.below(4))),
			_ => self.next_blocks(10 + u32::from(input.below(40))),
		}
	}

	/// Dispatches `call` as a passed referendum of `track` would (the scheduler dispatches it
	/// during `on_initialize`, outside any extrinsic): the call filter applies.
	fn govern(&mut self, call: RuntimeCall, track: TrackOrigin) {
		let issuance = issuance();
		let events = event_count();
		let _ = call.dispatch(RuntimeOrigin::from(track));
		self.check_issuance(issuance, events, Fee::None, "a governance call");
		self.stats.governed += 1;
	}

	/// Applies `call` signed by account `who`, as `Executive::apply_extrinsic` would after the
	/// signature check, and checks what it did.
	fn apply_signed(&mut self, who: u8, call: RuntimeCall, fee_asset: Option<AssetKind>) {
		let signer = account(who);
		let nonce = System::account_nonce(&signer);
		let extension: TxExtension = (
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_asset_conversion_tx_payment::ChargeAssetTxPayment::<Runtime>::from(
				0,
				fee_asset.clone(),
			),
			frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
			frame_system::WeightReclaim::<Runtime>::new(),
		);
		let encoded = call.encode();
		let len = encoded.len().saturating_add(SIGNED_OVERHEAD);
		let xt: CheckedExtrinsic<AccountId, RuntimeCall, TxExtension> =
			CheckedExtrinsic { format: ExtrinsicFormat::Signed(signer, extension), function: call };
		let info = xt.get_dispatch_info();
		if !System::inherents_applied() {
			Executive::inherents_applied();
		}
		let issuance = issuance();
		let events = event_count();
		// A transaction the block builder refuses leaves no trace: roll it back.
		let applied = with_transaction(|| {
			System::note_extrinsic(encoded.clone());
			match xt.apply::<Runtime>(&info, len) {
				Ok(result) => TransactionOutcome::Commit(Ok::<_, DispatchError>(Some(result))),
				Err(_) => TransactionOutcome::Rollback(Ok(None)),
			}
		});
		let Ok(Some(result)) = applied else {
			self.stats.refused += 1;
			return;
		};
		let post = match &result {
			Ok(post) => *post,
			Err(error) => error.post_info,
		};
		if let Some(actual) = post.actual_weight {
			assert!(
				actual.all_lte(info.total_weight()),
				"an extrinsic used {actual:?}, more than its pre-dispatch weight {:?}: {:?}",
				info.total_weight(),
				xt_description(&encoded)
			);
		}
		System::note_applied_extrinsic(&result, info);
		let fee = match fee_asset {
			None => Fee::Native,
			Some(_) => Fee::AtMost(pallet_transaction_payment::Pallet::<Runtime>::compute_fee(
				len as u32, &info, 0,
			)),
		};
		self.check_issuance(issuance, events, fee, "an extrinsic");
		self.stats.applied += 1;
		self.stats.succeeded += u64::from(result.is_ok());
		self.stats.checks += 1;
	}

	/// Total issuance moved from `before` only by what mining minted, the fee burnt, and
	/// dust or slashes, as the events since `events` report them.
	fn check_issuance(&mut self, before: u128, events: usize, fee: Fee, what: &str) {
		let after = issuance();
		let mut mined = 0u128;
		let mut native_fee = 0u128;
		let mut losses = 0u128;
		for record in System::read_events_no_consensus().skip(events) {
			match record.event {
				RuntimeEvent::Mining(pallet_mining::Event::Mined { amount, .. })
				| RuntimeEvent::Mining(pallet_mining::Event::PendingRewardReleased {
					amount,
					..
				}) => mined += amount,
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
				) => native_fee += actual_fee,
				RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. })
				| RuntimeEvent::Balances(pallet_balances::Event::Slashed { amount, .. }) => losses += amount,
				RuntimeEvent::Treasury(pallet_treasury::Event::Burnt { burnt_funds }) => {
					losses += burnt_funds
				},
				RuntimeEvent::AssetTxPayment(
					pallet_asset_conversion_tx_payment::Event::AssetRefundFailed {
						native_amount_kept,
					},
				) => losses += native_amount_kept,
				RuntimeEvent::Orders(pallet_orders::Event::OrderSettled { .. }) => {
					self.stats.settled += 1
				},
				RuntimeEvent::Reviews(pallet_reviews::Event::RoundFinalized { .. }) => {
					self.stats.rounds += 1
				},
				_ => {},
			}
		}
		let (fee_min, fee_max) = match fee {
			Fee::None => (0, 0),
			Fee::Native => (native_fee, native_fee),
			Fee::AtMost(max) => (0, max),
		};
		let highest = before.saturating_add(mined).saturating_sub(fee_min);
		let lowest = before.saturating_add(mined).saturating_sub(fee_max.saturating_add(losses));
		assert!(
			(lowest..=highest).contains(&after),
			"{what} in block {} moved issuance from {before} to {after}: mined {mined}, fee \
			 {fee_min}..={fee_max}, dust and slashes {losses}",
			self.number
		);
		self.stats.checks += 1;
	}
}

enum Fee {
	/// No extrinsic: nothing was charged.
	None,
	/// Paid in DSG: the `TransactionFeePaid` event says how much was burnt.
	Native,
	/// Paid in an asset swapped to DSG: at most the pre-dispatch fee was burnt.
	AtMost(u128),
}

fn issuance() -> u128 {
	pallet_balances::TotalIssuance::<Runtime>::get()
}

fn event_count() -> usize {
	System::read_events_no_consensus().count()
}

fn xt_description(encoded: &[u8]) -> String {
	format!("0x{} ({})", sp_core::hexdisplay::HexDisplay::from(&encoded), blake(encoded))
}

fn blake(data: &[u8]) -> H256 {
	sp_runtime::traits::BlakeTwo256::hash(data)
}

/// The signed call `choice` names, its arguments read from `input`; `None` for the choices
/// that are not signed calls.
fn signed_call(choice: u8, input: &mut Input, depth: u8) -> Option<RuntimeCall> {
	use pallet_dividends::Call as Dividends;
	use pallet_membership::Call as Membership;
	use pallet_orders::Call as Orders;
	use pallet_reviews::Call as Reviews;
	use pallet_rwa::Call as Rwa;
	let cid = |input: &mut Input| bounded(vec![b'c'; usize::from(input.below(4))]);
	let call: RuntimeCall = match choice % 64 {
		0..=3 => Orders::place_order {
			product: input.product(),
			quantity: 1 + u32::from(input.below(3)),
			pay_with: input.asset(),
			max_total: u128::MAX,
		}
		.into(),
		4 | 5 => Orders::mark_shipped { order: input.order(), tracking: input.hash() }.into(),
		6 | 7 => Orders::confirm_receipt { order: input.order() }.into(),
		8 => Orders::cancel_order { order: input.order() }.into(),
		9 => Orders::settle { order: input.order() }.into(),
		10 => Orders::request_refund { order: input.order(), reason: input.hash() }.into(),
		11 => Orders::accept_refund { order: input.order() }.into(),
		12 => Orders::reject_refund { order: input.order() }.into(),
		13 => Orders::refund_unanswered { order: input.order() }.into(),
		14 => Orders::open_dispute { order: input.order() }.into(),
		15 => Orders::register_merchant { metadata: cid(input) }.into(),
		16 => Orders::deregister_merchant {}.into(),
		17 => Orders::list_product {
			category: u32::from(input.below(3)),
			price_usd: input.amount(USD),
			stock: u32::from(input.byte()),
			accepted_assets: bounded(vec![input.asset(), input.asset()]),
			experience_fee: input.bool().then(|| input.perbill()),
			quality_standard: input.bool().then(|| u32::from(input.below(2))),
			metadata: cid(input),
		}
		.into(),
		18 => Orders::update_product {
			product: input.product(),
			price_usd: input.bool().then(|| input.amount(USD)),
			stock: input.bool().then(|| u32::from(input.byte())),
			metadata: None,
		}
		.into(),
		19 => Orders::delist_product { product: input.product() }.into(),
		20 | 21 => Membership::stake { amount: input.amount(DSG) }.into(),
		22 => Membership::unstake { amount: input.amount(DSG) }.into(),
		23 => Membership::withdraw_unbonded {}.into(),
		24 => Membership::rebond { amount: input.amount(DSG) }.into(),
		25 => Membership::refresh { member: MultiAddress::Id(account(input.byte())) }.into(),
		26 => pallet_mining::Call::claim_pending {}.into(),
		27 => pallet_referrals::Call::bind_promoter {
			promoter: MultiAddress::Id(account(input.byte())),
		}
		.into(),
		28 => Rwa::append_trace { item: input.order(), record_hash: input.hash() }.into(),
		29 => {
			Rwa::list { item: input.order(), asset: input.asset(), price: input.amount(USD) }.into()
		},
		30 => Rwa::unlist { item: input.order() }.into(),
		31 => Rwa::buy { item: input.order(), max_price: input.amount(USD) }.into(),
		32 | 33 => Dividends::stake_rwa { item: input.order() }.into(),
		34 => Dividends::unstake_rwa { item: input.order() }.into(),
		35 => Dividends::claim {}.into(),
		36 => Dividends::withdraw {}.into(),
		37 => Dividends::turbo_claim { max_fee: input.perbill() }.into(),
		38 => Dividends::sync_stake { who: account(input.byte()) }.into(),
		39 => Reviews::register_expert { profile: cid(input) }.into(),
		40 => Reviews::deregister_expert {}.into(),
		41 => Reviews::retire_standard { standard: u32::from(input.below(2)) }.into(),
		42 | 43 => {
			let product = input.product();
			let reviewer = account(input.byte());
			let commitment = pallet_reviews::Pallet::<Runtime>::commitment_of(
				&input.scores(),
				&input.salt(),
				&reviewer,
			);
			Reviews::commit_review { product, commitment, bond: input.amount(DSG) }.into()
		},
		44 | 45 => Reviews::reveal_review {
			product: input.product(),
			scores: bounded(input.scores()),
			salt: input.salt(),
		}
		.into(),
		46 => Reviews::finalize_round { product: input.product() }.into(),
		47 => Reviews::claim_round_rewards {
			product: input.product(),
			round: u32::from(input.below(3)),
		}
		.into(),
		48 => Reviews::appeal { product: input.product(), round: u32::from(input.below(3)) }.into(),
		49 | 50 => pallet_balances::Call::transfer_keep_alive {
			dest: MultiAddress::Id(account(input.byte())),
			value: input.amount(DSG),
		}
		.into(),
		51 => pallet_balances::Call::transfer_allow_death {
			dest: MultiAddress::Id(account(input.byte())),
			value: input.amount(DSG),
		}
		.into(),
		52 => pallet_assets::Call::<Runtime>::transfer {
			id: [USDT_ID, USDC_ID][usize::from(input.below(2))].into(),
			target: MultiAddress::Id(account(input.byte())),
			amount: input.amount(USD),
		}
		.into(),
		53 => pallet_vesting::Call::vest {}.into(),
		54 => Reviews::publish_standard {
			category: u32::from(input.below(3)),
			criteria: bounded(vec![pallet_reviews::Criterion {
				name: bounded(b"all".to_vec()),
				weight: input.perbill(),
			}]),
			metadata: cid(input),
		}
		.into(),
		56 => Orders::apply_default_ruling { order: input.order() }.into(),
		55 if depth == 0 => {
			// Two calls in a batch (one level deep).
			let mut calls = Vec::new();
			for _ in 0..2 {
				let choice = input.byte();
				if let Some(call) = signed_call(choice, input, depth + 1) {
					calls.push(call);
				}
			}
			pallet_utility::Call::batch { calls }.into()
		},
		_ => return None,
	};
	Some(call)
}
