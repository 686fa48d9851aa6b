//! Self-dealing never pays, on the real runtime.
//!
//! One owner plays every role of a sale with many accounts: the merchant, the buyers, the
//! expert whose quality standard the product uses, the buyers' promoters at both levels, the
//! round's only reviewers, an elite shareholder of the dividend pool and the stakers of the
//! RWA-NFTs. Over several rounds of trading with itself it must end poorer: at the default
//! parameters, and at the most generous values the runtime's call filter lets the parameters
//! track set, swept bound by bound. Wealth is valued at the oracle price, and the transaction
//! fees the calls would burn on a live chain are counted as what they are: gone.
//!
//! Two views of the same runs:
//! - the coalition's own balances (DSG, held and staked included, stablecoins, and the
//!   dividends it may claim);
//! - everything outside the treasury: all value the owner could ever recapture, whatever it
//!   left in pools. It changes only by mining (up) and the treasury's part (down).
//!
//! A second test pits a Sybil set (the merchant and many accounts buying from it) against
//! honest reviewers: the attack, compared with the same market without it, makes the owner
//! poorer too.

use codec::Encode;
use despend_primitives::{dsg_to_usd, OrderId};
use despend_runtime::{
	configs::parameters::{
		commerce, defaults, limits, mining, oracle, referrals, RuntimeParameters,
	},
	governance::pallet_custom_origins::Origin as TrackOrigin,
	units::{DSG, USD, USDC_ID, USDT_ID},
	AccountId, Assets, Balances, Dividends, Membership, Orders, Reviews, Runtime, RuntimeCall,
	RuntimeOrigin, System, TransactionPayment,
};
use frame_support::{
	assert_ok,
	dispatch::GetDispatchInfo,
	traits::{
		fungible::{Inspect as _, NativeOrWithId},
		fungibles::Inspect as _,
		Get, Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Dispatchable, Zero},
	FixedU128, Perbill, Rounding,
};

mod common;
use common::dev_state;

type AssetKind = NativeOrWithId<u32>;
const USDT: AssetKind = NativeOrWithId::WithId(USDT_ID);
const USDC: AssetKind = NativeOrWithId::WithId(USDC_ID);
const NATIVE: AssetKind = NativeOrWithId::Native;

/// The price of the product every round sells.
const PRICE_USD: u128 = 100 * USD;
/// How many accounts buy (and review) each round: the default review quorum.
const BUYERS: usize = 3;
/// Rounds of self-dealing per run.
const ROUNDS: usize = 3;

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

fn account(tag: u8) -> AccountId {
	AccountId::from([tag; 32])
}

fn cid(text: &str) -> despend_primitives::Cid {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// Advances `n` blocks with the background work the chain does (dividend epochs, due orders,
/// review rounds).
fn run_blocks(n: u32) {
	for _ in 0..n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Dividends::on_initialize(next);
		Orders::on_idle(next, Weight::MAX);
		Reviews::on_idle(next, Weight::MAX);
	}
}

fn price() -> FixedU128 {
	<oracle::DsgUsdPrice as Get<FixedU128>>::get()
}

/// `dsg` planck in USD units at the oracle price, rounded down.
fn dsg_usd(dsg: u128) -> i128 {
	dsg_to_usd(dsg, price(), Rounding::Down).unwrap_or(u128::MAX) as i128
}

/// Sets `parameter` the way the parameters track would: through the call filter.
fn govern(parameter: RuntimeParameters) {
	let call = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: parameter.clone(),
	});
	let result = call.dispatch(RuntimeOrigin::from(TrackOrigin::ParameterSetter));
	assert!(result.is_ok(), "{parameter:?}: {result:?}");
}

/// Dispatches signed calls and counts the fees a live chain would burn for them.
#[derive(Default)]
struct Wallet {
	/// DSG planck of fees.
	burnt: u128,
}

impl Wallet {
	fn send(&mut self, who: &AccountId, call: RuntimeCall) {
		// The call plus a signed extrinsic's envelope (address, signature, extensions).
		let len = call.encoded_size() as u32 + 110;
		self.burnt += TransactionPayment::compute_fee(len, &call.get_dispatch_info(), 0);
		let result = call.clone().dispatch(RuntimeOrigin::signed(who.clone()));
		assert!(result.is_ok(), "{call:?}: {result:?}");
	}
}

/// The accounts one owner controls, by role.
struct Coalition {
	merchant: AccountId,
	expert: AccountId,
	direct_promoter: AccountId,
	indirect_promoter: AccountId,
	shareholder: AccountId,
	buyers: Vec<AccountId>,
}

impl Coalition {
	fn new(first: u8, buyers: usize) -> Self {
		Self {
			merchant: account(first),
			expert: account(first + 1),
			direct_promoter: account(first + 2),
			indirect_promoter: account(first + 3),
			shareholder: account(first + 4),
			buyers: (0..buyers as u8).map(|i| account(first + 10 + i)).collect(),
		}
	}

	fn members(&self) -> Vec<AccountId> {
		let mut all = vec![
			self.merchant.clone(),
			self.expert.clone(),
			self.direct_promoter.clone(),
			self.indirect_promoter.clone(),
			self.shareholder.clone(),
		];
		all.extend(self.buyers.iter().cloned());
		all
	}

	/// Everything the coalition owns, in USD units: DSG (free, held, staked) at the oracle
	/// price, the stablecoins, and the dividends it may claim or has queued.
	fn wealth(&self) -> i128 {
		self.members().iter().map(|who| wealth_of(who)).sum()
	}
}

fn wealth_of(who: &AccountId) -> i128 {
	let dsg = Balances::total_balance(who);
	let stable = (Assets::balance(USDT_ID, who) + Assets::balance(USDC_ID, who)) as i128;
	let dividends: i128 = Dividends::pending_income(who.clone())
		.into_iter()
		.chain(Dividends::queued_withdrawals(who.clone()))
		.map(|(asset, amount)| match asset {
			NativeOrWithId::Native => dsg_usd(amount),
			NativeOrWithId::WithId(_) => amount as i128,
		})
		.sum();
	dsg_usd(dsg) + stable + dividends
}

/// All value outside the treasury, in USD units: DSG issuance and the stablecoins' supply,
/// less what the treasury holds.
fn outside_treasury() -> i128 {
	let treasury = despend_runtime::configs::commerce::TreasuryAccount::get();
	let dsg = Balances::total_issuance() - Balances::total_balance(&treasury);
	let stable: u128 = [USDT_ID, USDC_ID]
		.iter()
		.map(|id| Assets::total_issuance(*id) - Assets::balance(*id, &treasury))
		.sum();
	dsg_usd(dsg) + stable as i128
}

/// Funds `who` with DSG and both stablecoins (before anything is measured).
fn fund(who: &AccountId, dsg: u128) {
	assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), who.clone().into(), dsg));
	for id in [USDT_ID, USDC_ID] {
		assert_ok!(Assets::mint(
			RuntimeOrigin::signed(alice()),
			id.into(),
			who.clone().into(),
			1_000_000 * USD
		));
	}
}

/// A product of the coalition's merchant in a new category, following its expert's standard
/// with two criteria, at `fee`, paid in USDT, USDC or DSG.
fn set_up_shop(c: &Coalition, fee: Perbill, wallet: &mut Wallet) -> u32 {
	let category = pallet_orders::NextCategoryId::<Runtime>::get();
	assert_ok!(Orders::create_category(
		RuntimeOrigin::root(),
		BoundedVec::truncate_from(b"Tea".to_vec())
	));
	wallet.send(
		&c.expert,
		RuntimeCall::Reviews(pallet_reviews::Call::register_expert { profile: cid("expert") }),
	);
	let standard = pallet_reviews::NextStandardId::<Runtime>::get();
	let criteria = BoundedVec::truncate_from(vec![
		pallet_reviews::Criterion {
			name: BoundedVec::truncate_from(b"quality".to_vec()),
			weight: Perbill::from_percent(60),
		},
		pallet_reviews::Criterion {
			name: BoundedVec::truncate_from(b"service".to_vec()),
			weight: Perbill::from_percent(40),
		},
	]);
	wallet.send(
		&c.expert,
		RuntimeCall::Reviews(pallet_reviews::Call::publish_standard {
			category,
			criteria,
			metadata: cid("standard"),
		}),
	);
	wallet.send(
		&c.merchant,
		RuntimeCall::Orders(pallet_orders::Call::register_merchant { metadata: cid("shop") }),
	);
	let product = pallet_orders::NextProductId::<Runtime>::get();
	wallet.send(
		&c.merchant,
		RuntimeCall::Orders(pallet_orders::Call::list_product {
			category,
			price_usd: PRICE_USD,
			stock: 1_000,
			accepted_assets: BoundedVec::truncate_from(vec![USDT, USDC, NATIVE]),
			experience_fee: Some(fee),
			quality_standard: Some(standard),
			metadata: cid("tea"),
		}),
	);
	product
}

/// Binds every buyer to the direct promoter, and the direct to the indirect one.
fn bind_promoters(c: &Coalition, wallet: &mut Wallet) {
	let bind = |promoter: &AccountId| {
		RuntimeCall::Referrals(pallet_referrals::Call::bind_promoter {
			promoter: promoter.clone().into(),
		})
	};
	wallet.send(&c.direct_promoter, bind(&c.indirect_promoter));
	for buyer in &c.buyers {
		wallet.send(buyer, bind(&c.direct_promoter));
	}
}

/// One round of self-dealing: every buyer buys the product in `asset`, the merchant ships,
/// the buyer confirms, the orders settle; the buyers stake their RWA-NFTs and are the round's
/// only reviewers, all agreeing; the round pays out.
fn trade_round(c: &Coalition, product: u32, asset: &AssetKind, wallet: &mut Wallet) {
	let mut orders: Vec<(AccountId, OrderId)> = Vec::new();
	for buyer in &c.buyers {
		let order = pallet_orders::NextOrderId::<Runtime>::get();
		wallet.send(
			buyer,
			RuntimeCall::Orders(pallet_orders::Call::place_order {
				product,
				quantity: 1,
				pay_with: asset.clone(),
				max_total: u128::MAX,
			}),
		);
		wallet.send(
			&c.merchant,
			RuntimeCall::Orders(pallet_orders::Call::mark_shipped {
				order,
				tracking: H256::repeat_byte(1),
			}),
		);
		wallet.send(buyer, RuntimeCall::Orders(pallet_orders::Call::confirm_receipt { order }));
		orders.push((buyer.clone(), order));
	}
	let after_sales: u32 = <commerce::AfterSalesPeriod as Get<u32>>::get();
	run_blocks(after_sales + 1);
	for (buyer, order) in &orders {
		assert!(Orders::get_order(*order).is_none(), "order {order} settled");
		wallet.send(
			buyer,
			RuntimeCall::Dividends(pallet_dividends::Call::stake_rwa { item: *order }),
		);
	}

	let state = pallet_reviews::ProductStates::<Runtime>::get(product).expect("reviewed");
	let (index, round) = state.open_round.expect("the sales opened a round");
	let scores = vec![90u8, 90];
	for buyer in &c.buyers {
		let commitment = Reviews::commitment_of(&scores, &[7; 32], buyer);
		wallet.send(
			buyer,
			RuntimeCall::Reviews(pallet_reviews::Call::commit_review {
				product,
				commitment,
				bond: DSG,
			}),
		);
	}
	run_blocks(round.commit_end - System::block_number());
	for buyer in &c.buyers {
		wallet.send(
			buyer,
			RuntimeCall::Reviews(pallet_reviews::Call::reveal_review {
				product,
				scores: BoundedVec::truncate_from(scores.clone()),
				salt: [7; 32],
			}),
		);
	}
	let appeal: u32 =
		<despend_runtime::configs::parameters::reviews::AppealPeriod as Get<u32>>::get();
	run_blocks(round.reveal_end - System::block_number() + appeal + 2);
	assert!(Reviews::round(product, index).is_none(), "round {index} paid out");
}

/// What a run of self-dealing did, in USD units.
#[derive(Debug)]
struct Outcome {
	/// Change of the coalition's wealth, less the fees burnt.
	coalition: i128,
	/// Change of all value outside the treasury, less the fees burnt.
	outside_treasury: i128,
	/// DSG mined, valued at the oracle price.
	mined: i128,
	/// Transaction fees burnt, valued at the oracle price.
	fees: i128,
}

/// A parameter setting to run the coalition at.
struct Setting {
	name: &'static str,
	/// Set through the parameters track, in order.
	parameters: Vec<RuntimeParameters>,
	/// The product's experience fee.
	fee: Perbill,
	/// The payment asset.
	asset: AssetKind,
	/// DSG every buyer stakes (a tier with a mining bonus and a DSG discount).
	buyer_stake: u128,
}

fn run_coalition(setting: &Setting) -> Outcome {
	let mut outcome = None;
	dev_state().execute_with(|| {
		for parameter in &setting.parameters {
			govern(parameter.clone());
		}
		let c = Coalition::new(100, BUYERS);
		let mut wallet = Wallet::default();
		// DSG enough for any price the sweep sets, stakes included.
		let budget = 1_000_000_000 * DSG;
		for who in c.members() {
			fund(&who, budget);
		}
		// The shareholder is elite (K13): it shares the dividend pool with the RWA stakers.
		wallet.send(
			&c.shareholder,
			RuntimeCall::Membership(pallet_membership::Call::stake { amount: 100_000 * DSG }),
		);
		if setting.buyer_stake > 0 {
			for buyer in &c.buyers {
				wallet.send(
					buyer,
					RuntimeCall::Membership(pallet_membership::Call::stake {
						amount: setting.buyer_stake,
					}),
				);
			}
		}
		let product = set_up_shop(&c, setting.fee, &mut wallet);
		bind_promoters(&c, &mut wallet);

		let (wealth0, outside0, mined0) =
			(c.wealth(), outside_treasury(), pallet_mining::Pallet::<Runtime>::total_mined());
		let mut fees = Wallet::default();
		for _ in 0..ROUNDS {
			trade_round(&c, product, &setting.asset, &mut fees);
		}
		// Let the last dividend epoch turn, so the stakers' income is claimable.
		run_blocks(10);
		let fees_usd = dsg_usd(fees.burnt);
		outcome = Some(Outcome {
			coalition: c.wealth() - wealth0 - fees_usd,
			outside_treasury: outside_treasury() - outside0 - fees_usd,
			mined: dsg_usd(pallet_mining::Pallet::<Runtime>::total_mined() - mined0),
			fees: fees_usd,
		});
		assert!(
			pallet_mining::Pallet::<Runtime>::total_mined() > mined0
				|| setting.name.contains("no treasury"),
			"{}: nothing was mined, the run proves nothing",
			setting.name
		);
	});
	outcome.expect("the run finished")
}

fn assert_poorer(setting: &Setting) {
	let outcome = run_coalition(setting);
	println!("{} ({:?}): {outcome:?}", setting.name, setting.asset);
	assert!(outcome.fees > 0, "{}: the calls burn fees", setting.name);
	assert!(outcome.coalition < 0, "{}: the coalition gained: {outcome:?}", setting.name);
	assert!(
		outcome.outside_treasury < 0,
		"{}: value outside the treasury grew: {outcome:?}",
		setting.name
	);
	// Whatever the coalition keeps, it never keeps more than everything outside the treasury.
	assert!(outcome.coalition <= outcome.outside_treasury + 10, "{}: {outcome:?}", setting.name);
}

fn p_commerce(p: commerce::Parameters) -> RuntimeParameters {
	RuntimeParameters::Commerce(p)
}
fn p_mining(p: mining::Parameters) -> RuntimeParameters {
	RuntimeParameters::Mining(p)
}

/// The most generous values the call filter admits for mining: the ratio just below 100%
/// (the pallet clamps it to 95%), the highest rate, no epoch cap, the highest mining cap,
/// no halving in sight.
fn generous_mining() -> Vec<RuntimeParameters> {
	vec![
		p_mining(mining::Parameters::MaxRewardToTreasuryRatio(
			mining::MaxRewardToTreasuryRatio,
			Some(Perbill::from_parts(999_999_999)),
		)),
		p_mining(mining::Parameters::InitialRate(
			mining::InitialRate,
			Some(limits::MAX_INITIAL_RATE),
		)),
		p_mining(mining::Parameters::PeriodAccountCap(
			mining::PeriodAccountCap,
			Some(u128::MAX / 4),
		)),
		p_mining(mining::Parameters::MiningCap(mining::MiningCap, Some(limits::MAX_MINING_CAP))),
		p_mining(mining::Parameters::HalvingVolume(mining::HalvingVolume, Some(u128::MAX / 4))),
	]
}

/// Every platform revenue part to the treasury: no dividend share, no commissions.
fn treasury_takes_all() -> Vec<RuntimeParameters> {
	vec![
		p_commerce(commerce::Parameters::DividendShare(
			commerce::DividendShare,
			Some(Perbill::zero()),
		)),
		RuntimeParameters::Referrals(referrals::Parameters::DirectRate(
			referrals::DirectRate,
			Some(Perbill::zero()),
		)),
		RuntimeParameters::Referrals(referrals::Parameters::IndirectRate(
			referrals::IndirectRate,
			Some(Perbill::zero()),
		)),
	]
}

fn oracle_price(price: FixedU128) -> RuntimeParameters {
	RuntimeParameters::Oracle(oracle::Parameters::DsgUsdPrice(oracle::DsgUsdPrice, Some(price)))
}

#[test]
fn a_coalition_playing_every_role_ends_poorer_at_the_default_parameters() {
	for asset in [USDT, NATIVE] {
		let setting = Setting {
			name: "defaults",
			parameters: vec![],
			fee: defaults::DEFAULT_EXPERIENCE_FEE,
			asset: asset.clone(),
			buyer_stake: 0,
		};
		let outcome = run_coalition(&setting);
		println!("defaults ({asset:?}): {outcome:?}");
		assert!(outcome.coalition < 0, "{asset:?}: {outcome:?}");
		assert!(outcome.outside_treasury < 0, "{asset:?}: {outcome:?}");
		assert!(outcome.mined > 0, "the run mined: the test is not vacuous");
	}
}

#[test]
fn a_coalition_ends_poorer_at_the_most_generous_parameters_the_filter_admits() {
	let widest_fee = vec![
		p_commerce(commerce::Parameters::MaxExperienceFee(
			commerce::MaxExperienceFee,
			Some(limits::MAX_FEE_RATE),
		)),
		p_commerce(commerce::Parameters::MinExperienceFee(
			commerce::MinExperienceFee,
			Some(Perbill::zero()),
		)),
	];
	let zero_splits = vec![
		p_commerce(commerce::Parameters::ExpertsShare(
			commerce::ExpertsShare,
			Some(Perbill::zero()),
		)),
		p_commerce(commerce::Parameters::ReviewersShare(
			commerce::ReviewersShare,
			Some(Perbill::zero()),
		)),
		p_commerce(commerce::Parameters::CommunityFee(
			commerce::CommunityFee,
			Some(Perbill::zero()),
		)),
	];
	let deepest_discount = vec![
		p_commerce(commerce::Parameters::MaxDsgDiscount(
			commerce::MaxDsgDiscount,
			Some(limits::MAX_FEE_RATE),
		)),
		p_commerce(commerce::Parameters::DsgPaymentDiscount(
			commerce::DsgPaymentDiscount,
			Some(limits::MAX_FEE_RATE),
		)),
	];
	let with = |parts: &[&Vec<RuntimeParameters>]| -> Vec<RuntimeParameters> {
		parts.iter().flat_map(|p| p.iter().cloned()).collect()
	};
	let generous = generous_mining();
	let treasury = treasury_takes_all();
	// The top tier (K15): the highest mining bonus and DSG discount.
	let k15 = 500_000 * DSG;
	let mut settings = Vec::new();
	for asset in [USDT, NATIVE] {
		for price in [
			FixedU128::from_rational(1, 1_000),
			FixedU128::from_rational(1, 10),
			FixedU128::from_u32(1_000),
		] {
			let price_p = vec![oracle_price(price)];
			settings.push(Setting {
				name: "generous mining, defaults otherwise",
				parameters: with(&[&price_p, &generous]),
				fee: defaults::DEFAULT_EXPERIENCE_FEE,
				asset: asset.clone(),
				buyer_stake: k15,
			});
			settings.push(Setting {
				name: "generous mining, all platform revenue to the treasury, highest fee",
				parameters: with(&[&price_p, &generous, &treasury, &widest_fee]),
				fee: limits::MAX_FEE_RATE,
				asset: asset.clone(),
				buyer_stake: k15,
			});
			settings.push(Setting {
				name: "generous mining, the whole experience fee is platform revenue",
				parameters: with(&[&price_p, &generous, &treasury, &widest_fee, &zero_splits]),
				fee: limits::MAX_FEE_RATE,
				asset: asset.clone(),
				buyer_stake: k15,
			});
		}
	}
	// The DSG discount at its widest, paid in DSG.
	settings.push(Setting {
		name: "generous mining, deepest DSG discount",
		parameters: with(&[&generous, &treasury, &widest_fee, &deepest_discount]),
		fee: limits::MAX_FEE_RATE,
		asset: NATIVE,
		buyer_stake: k15,
	});
	// The cheapest product the filter allows, and USDC.
	settings.push(Setting {
		name: "generous mining, lowest non-zero fee",
		parameters: with(&[&generous, &treasury, &widest_fee]),
		fee: Perbill::from_percent(1),
		asset: USDC,
		buyer_stake: k15,
	});
	// No treasury part at all: promoters take the whole platform revenue; nothing is mined.
	settings.push(Setting {
		name: "generous mining, no treasury part (promoters take it all)",
		parameters: with(&[
			&generous,
			&vec![
				RuntimeParameters::Referrals(referrals::Parameters::IndirectRate(
					referrals::IndirectRate,
					Some(Perbill::zero()),
				)),
				RuntimeParameters::Referrals(referrals::Parameters::DirectRate(
					referrals::DirectRate,
					Some(Perbill::one()),
				)),
			],
		]),
		fee: defaults::DEFAULT_EXPERIENCE_FEE,
		asset: USDT,
		buyer_stake: k15,
	});
	for setting in &settings {
		assert_poorer(setting);
	}
}

#[test]
fn past_the_bounds_the_filter_refuses_what_would_make_self_dealing_pay() {
	dev_state().execute_with(|| {
		let refused = |parameter: RuntimeParameters| {
			let call = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
				key_value: parameter.clone(),
			});
			assert!(
				call.dispatch(RuntimeOrigin::from(TrackOrigin::ParameterSetter)).is_err(),
				"{parameter:?} passed the filter"
			);
		};
		refused(p_mining(mining::Parameters::MaxRewardToTreasuryRatio(
			mining::MaxRewardToTreasuryRatio,
			Some(Perbill::one()),
		)));
		refused(p_mining(mining::Parameters::MiningCap(
			mining::MiningCap,
			Some(limits::MAX_MINING_CAP + 1),
		)));
		refused(p_mining(mining::Parameters::InitialRate(
			mining::InitialRate,
			Some(limits::MAX_INITIAL_RATE + FixedU128::from_inner(1)),
		)));
		refused(p_commerce(commerce::Parameters::MaxExperienceFee(
			commerce::MaxExperienceFee,
			Some(limits::MAX_FEE_RATE + Perbill::from_parts(1)),
		)));
	});
}

#[test]
fn an_honest_buyer_mines_and_a_higher_tier_mines_more_at_the_defaults() {
	dev_state().execute_with(|| {
		// Honest K0 and K13 buyers of a 100 USD product at the default 15% experience fee,
		// from a merchant with no promoters: K0 mines 10 DSG (1 USD at 0.10 USD per DSG),
		// K13 (+30%) mines 13 DSG; the bound is 80% of the 3 USD treasury part, 24 DSG.
		let merchant = Coalition::new(150, 0);
		let mut wallet = Wallet::default();
		fund(&merchant.merchant, 1_000_000 * DSG);
		fund(&merchant.expert, 1_000_000 * DSG);
		let product = set_up_shop(&merchant, defaults::DEFAULT_EXPERIENCE_FEE, &mut wallet);
		let (k0, k13) = (account(160), account(161));
		fund(&k0, 1_000 * DSG);
		fund(&k13, 200_000 * DSG);
		wallet.send(
			&k13,
			RuntimeCall::Membership(pallet_membership::Call::stake { amount: 100_000 * DSG }),
		);
		assert_eq!(<Membership as despend_primitives::MemberTiers<_, _>>::tier(&k13), 13);
		for buyer in [&k0, &k13] {
			let order = pallet_orders::NextOrderId::<Runtime>::get();
			wallet.send(
				buyer,
				RuntimeCall::Orders(pallet_orders::Call::place_order {
					product,
					quantity: 1,
					pay_with: USDT,
					max_total: u128::MAX,
				}),
			);
			wallet.send(
				&merchant.merchant,
				RuntimeCall::Orders(pallet_orders::Call::mark_shipped {
					order,
					tracking: H256::repeat_byte(1),
				}),
			);
			wallet.send(buyer, RuntimeCall::Orders(pallet_orders::Call::confirm_receipt { order }));
		}
		run_blocks(<commerce::AfterSalesPeriod as Get<u32>>::get() + 1);
		assert_eq!(pallet_mining::Pallet::<Runtime>::mined_by(&k0), 10 * DSG);
		assert_eq!(pallet_mining::Pallet::<Runtime>::mined_by(&k13), 13 * DSG);
	});
}

/// The market of the Sybil test: an honest expert's standard, a merchant the attacker owns,
/// three honest buyers who review honestly, and (in the attack) twelve accounts of the
/// attacker buying twice what the honest buyers buy and reviewing with a flattering score.
fn sybil_market(attack: bool) -> (i128, i128) {
	let mut result = (0, 0);
	dev_state().execute_with(|| {
		let owner = Coalition::new(170, 12);
		let honest: Vec<AccountId> = (0..3).map(|i| account(200 + i)).collect();
		let mut wallet = Wallet::default();
		for who in owner.members().iter().chain(honest.iter()) {
			fund(who, 10_000_000 * DSG);
		}
		let product = set_up_shop(&owner, defaults::DEFAULT_EXPERIENCE_FEE, &mut wallet);
		// The owner's wealth counts its merchant, its expert and its Sybil accounts.
		let (owner0, honest0) = (owner.wealth(), honest.iter().map(wealth_of).sum::<i128>());
		let mut fees = Wallet::default();
		let buy = |buyer: &AccountId, fees: &mut Wallet, quantity: u32| {
			let order = pallet_orders::NextOrderId::<Runtime>::get();
			fees.send(
				buyer,
				RuntimeCall::Orders(pallet_orders::Call::place_order {
					product,
					quantity,
					pay_with: USDT,
					max_total: u128::MAX,
				}),
			);
			fees.send(
				&owner.merchant,
				RuntimeCall::Orders(pallet_orders::Call::mark_shipped {
					order,
					tracking: H256::repeat_byte(1),
				}),
			);
			fees.send(buyer, RuntimeCall::Orders(pallet_orders::Call::confirm_receipt { order }));
		};
		for buyer in &honest {
			buy(buyer, &mut fees, 2);
		}
		let sybils: &[AccountId] = if attack { &owner.buyers } else { &[] };
		for sybil in sybils {
			buy(sybil, &mut fees, 1);
		}
		run_blocks(<commerce::AfterSalesPeriod as Get<u32>>::get() + 1);
		let (_, round) =
			pallet_reviews::ProductStates::<Runtime>::get(product).unwrap().open_round.unwrap();
		let reviewers: Vec<(&AccountId, Vec<u8>, u128)> = honest
			.iter()
			.map(|who| (who, vec![60, 60], 20 * DSG))
			.chain(sybils.iter().map(|who| (who, vec![100, 100], DSG)))
			.collect();
		for (who, scores, bond) in &reviewers {
			let commitment = Reviews::commitment_of(scores, &[3; 32], who);
			fees.send(
				who,
				RuntimeCall::Reviews(pallet_reviews::Call::commit_review {
					product,
					commitment,
					bond: *bond,
				}),
			);
		}
		run_blocks(round.commit_end - System::block_number());
		for (who, scores, _) in &reviewers {
			fees.send(
				who,
				RuntimeCall::Reviews(pallet_reviews::Call::reveal_review {
					product,
					scores: BoundedVec::truncate_from(scores.clone()),
					salt: [3; 32],
				}),
			);
		}
		let appeal: u32 =
			<despend_runtime::configs::parameters::reviews::AppealPeriod as Get<u32>>::get();
		run_blocks(round.reveal_end - System::block_number() + appeal + 2);
		if attack {
			// The attack did move the published score.
			assert_eq!(Reviews::product_score(product).unwrap().scores.to_vec(), vec![100, 100]);
		}
		// The owner's own calls' fees (the merchant's shipping, the Sybils' buying and
		// reviewing) are burnt; the honest buyers' are theirs.
		let owner_fees = fees.burnt;
		result = (
			owner.wealth() - owner0 - dsg_usd(owner_fees),
			honest.iter().map(wealth_of).sum::<i128>() - honest0,
		);
		assert!(!Zero::is_zero(&round.sales_usd));
	});
	result
}

#[test]
fn a_sybil_set_against_honest_reviewers_leaves_its_owner_poorer() {
	let (owner_honest_market, honest_paid) = sybil_market(false);
	let (owner_attacking, honest_attacked) = sybil_market(true);
	// The attack is worse for the owner than selling honestly...
	assert!(
		owner_attacking < owner_honest_market,
		"attack {owner_attacking} vs honest market {owner_honest_market}"
	);
	// ...and what the honest reviewers lose (their shares, part of their bonds) goes to the
	// treasury, not to the attacker: the owner's loss is at least its own cost.
	assert!(honest_attacked < honest_paid);
}
