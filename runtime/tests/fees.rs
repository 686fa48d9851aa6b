//! Transaction fees on the real runtime: priced by weight and length, payable in DSG or, by
//! naming the asset, in USDT or USDC through the genesis pools, with the unused weight
//! refunded in the same asset, and clear refusals when neither can pay.

use codec::Encode;
use despend_runtime::{
	configs::assets::AssetKind,
	genesis_config_presets::{POOL_DSG, POOL_USD},
	units::{DSG, USD, USDC_ID, USDT_ID},
	AccountId, AssetConversion, Assets, Balances, Runtime, RuntimeCall, RuntimeOrigin, System,
	TransactionPayment,
};
use frame_support::{
	dispatch::{DispatchInfo, GetDispatchInfo, PostDispatchInfo},
	traits::fungible::{Inspect as _, NativeOrWithId},
	weights::Weight,
};
use pallet_asset_conversion_tx_payment::ChargeAssetTxPayment;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

mod common;
use common::dev_state;

const USDT: AssetKind = NativeOrWithId::WithId(USDT_ID);
const USDC: AssetKind = NativeOrWithId::WithId(USDC_ID);

/// A shopper who received only `usd` of USDT and USDC: no DSG at all.
fn stablecoin_shopper(usd: u128) -> AccountId {
	let who = AccountId::from([42; 32]);
	for id in [USDT_ID, USDC_ID] {
		let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
		Assets::mint(RuntimeOrigin::signed(alice), id.into(), who.clone().into(), usd).unwrap();
	}
	who
}

fn call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 100] })
}

fn usd_of(asset: &AssetKind, who: &AccountId) -> u128 {
	match asset {
		NativeOrWithId::WithId(id) => Assets::balance(*id, who),
		NativeOrWithId::Native => Balances::balance(who),
	}
}

fn reserves(asset: &AssetKind) -> (u128, u128) {
	AssetConversion::get_reserves(NativeOrWithId::Native, asset.clone()).expect("pool exists")
}

#[test]
fn genesis_pools_start_at_the_oracle_price() {
	dev_state().execute_with(|| {
		for asset in [USDT, USDC] {
			assert_eq!(reserves(&asset), (POOL_DSG, POOL_USD));
		}
		// 10 DSG per USD, 0.10 USD per DSG, as the oracle says.
		assert_eq!(POOL_DSG / DSG, 10 * (POOL_USD / USD));
	});
}

#[test]
fn a_fee_named_in_usdt_is_the_dsg_fee_bought_on_the_pool_and_the_refund_comes_back_in_usdt() {
	for asset in [USDT, USDC] {
		dev_state().execute_with(|| {
			let who = stablecoin_shopper(150 * USD);
			let call = call();
			// Declared weight above what the call really uses: the difference is refunded.
			let mut info: DispatchInfo = call.get_dispatch_info();
			info.call_weight = info.call_weight.saturating_add(Weight::from_parts(500_000_000, 0));
			let len = call.encoded_size() + 110;
			let fee = TransactionPayment::compute_fee(len as u32, &info, 0);
			let quoted = AssetConversion::quote_price_tokens_for_exact_tokens(
				asset.clone(),
				NativeOrWithId::Native,
				fee,
				true,
			)
			.expect("a pool quotes the fee");
			let (dsg0, usd0) = reserves(&asset);
			let before = usd_of(&asset, &who);
			let issuance = Balances::total_issuance();

			let ext = ChargeAssetTxPayment::<Runtime>::from(0, Some(asset.clone()));
			let (pre, _) = ext
				.validate_and_prepare(
					RuntimeOrigin::signed(who.clone()).into(),
					&call,
					&info,
					len,
					0,
				)
				.expect("the shopper can pay in the stablecoin");
			assert_eq!(usd_of(&asset, &who), before - quoted, "the quoted fee was withdrawn");
			assert_eq!(Balances::balance(&who), 0, "no DSG involved");

			// The call used 500 µs less than declared.
			let post = PostDispatchInfo {
				actual_weight: Some(
					info.call_weight.saturating_sub(Weight::from_parts(500_000_000, 0)),
				),
				pays_fee: frame_support::dispatch::Pays::Yes,
			};
			ChargeAssetTxPayment::<Runtime>::post_dispatch_details(pre, &info, &post, len, &Ok(()))
				.expect("post dispatch");
			let mut actual = info;
			actual.call_weight = post.actual_weight.unwrap();
			let actual_fee = TransactionPayment::compute_fee(len as u32, &actual, 0);
			assert!(actual_fee < fee);
			let paid = before - usd_of(&asset, &who);
			assert!(paid < quoted, "unused weight was refunded in the stablecoin");
			// The pool took the stablecoin paid and gave the DSG fee actually charged, which is
			// burnt.
			let (dsg1, usd1) = reserves(&asset);
			assert_eq!(usd1, usd0 + paid, "the pool holds what the shopper paid");
			assert_eq!(dsg0 - dsg1, actual_fee, "the pool gave exactly the DSG fee");
			assert_eq!(issuance - Balances::total_issuance(), actual_fee, "the fee was burnt");
			System::assert_has_event(
				pallet_asset_conversion_tx_payment::Event::<Runtime>::AssetTxFeePaid {
					who: who.clone(),
					actual_fee: paid,
					tip: 0,
					asset_id: asset.clone(),
				}
				.into(),
			);
		});
	}
}

#[test]
fn without_dsg_or_enough_of_the_named_asset_a_transaction_is_invalid() {
	dev_state().execute_with(|| {
		// Just the stablecoins' minimum balance: nothing can leave without closing the account.
		let who = stablecoin_shopper(USD / 100);
		let call = call();
		let info = call.get_dispatch_info();
		let payment: TransactionValidityError = InvalidTransaction::Payment.into();
		// Naming no asset: DSG, which the shopper has none of.
		let native = ChargeAssetTxPayment::<Runtime>::from(0, None).validate_and_prepare(
			RuntimeOrigin::signed(who.clone()).into(),
			&call,
			&info,
			100,
			0,
		);
		assert_eq!(native.err(), Some(payment));
		// Naming USDT: the account cannot spend what keeps it alive.
		let usdt = ChargeAssetTxPayment::<Runtime>::from(0, Some(USDT)).validate_and_prepare(
			RuntimeOrigin::signed(who.clone()).into(),
			&call,
			&info,
			100,
			0,
		);
		assert_eq!(usdt.err(), Some(payment));
	});
}

#[test]
fn an_asset_without_a_pool_cannot_pay_a_fee() {
	dev_state().execute_with(|| {
		// A sufficient asset the shopper holds plenty of, but nobody made a DSG pool of it.
		let no_pool = 77u32;
		Assets::force_create(
			RuntimeOrigin::root(),
			no_pool.into(),
			AccountId::from([1; 32]).into(),
			true,
			1,
		)
		.unwrap();
		let who = AccountId::from([43; 32]);
		Assets::mint(
			RuntimeOrigin::signed(AccountId::from([1; 32])),
			no_pool.into(),
			who.clone().into(),
			1_000 * USD,
		)
		.unwrap_or_else(|_| {
			// The owner has no DSG for fees in this test: mint as root through the trait.
			use frame_support::traits::fungibles::Mutate;
			Assets::mint_into(no_pool, &who, 1_000 * USD).unwrap();
		});
		let call = call();
		let result =
			ChargeAssetTxPayment::<Runtime>::from(0, Some(NativeOrWithId::WithId(no_pool)))
				.validate_and_prepare(
					RuntimeOrigin::signed(who).into(),
					&call,
					&call.get_dispatch_info(),
					100,
					0,
				);
		assert_eq!(result.err(), Some(InvalidTransaction::Payment.into()));
		assert!(AssetConversion::get_reserves(
			NativeOrWithId::Native,
			NativeOrWithId::WithId(no_pool)
		)
		.is_err());
	});
}

#[test]
fn a_full_block_of_normal_transactions_costs_a_meaningful_amount() {
	dev_state().execute_with(|| {
		let limits = <Runtime as frame_system::Config>::BlockWeights::get();
		let normal = limits
			.get(frame_support::dispatch::DispatchClass::Normal)
			.max_total
			.expect("a normal limit");
		let fee = TransactionPayment::weight_to_fee(normal);
		// 1.5 s of weight at 0.1 DSG per millisecond.
		assert_eq!(fee, 150 * DSG);
		// A transfer costs well under a cent at 0.10 USD per DSG.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: AccountId::from([9; 32]).into(),
			value: DSG,
		});
		let transfer_fee = TransactionPayment::compute_fee(
			transfer.encoded_size() as u32 + 110,
			&transfer.get_dispatch_info(),
			0,
		);
		assert!(transfer_fee > DSG / 100 && transfer_fee < DSG / 2, "{transfer_fee}");
	});
}

#[test]
fn the_fee_multiplier_rises_under_sustained_full_blocks() {
	dev_state().execute_with(|| {
		use frame_support::traits::Hooks;
		let start = pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get();
		let limits = <Runtime as frame_system::Config>::BlockWeights::get();
		let normal = limits
			.get(frame_support::dispatch::DispatchClass::Normal)
			.max_total
			.expect("a normal limit");
		for n in 2..102 {
			System::set_block_number(n);
			frame_system::Pallet::<Runtime>::register_extra_weight_unchecked(
				normal,
				frame_support::dispatch::DispatchClass::Normal,
			);
			pallet_transaction_payment::Pallet::<Runtime>::on_finalize(n);
			System::reset_events();
			frame_system::BlockWeight::<Runtime>::kill();
		}
		let after = pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get();
		assert!(after > start, "{start:?} -> {after:?}");
	});
}
