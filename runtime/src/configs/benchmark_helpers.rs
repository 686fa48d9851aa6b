//! What the pallets' benchmarks need from the runtime: funded accounts, existing assets, a DSG
//! price, promoters and tiers, set up through the real pallets.

use alloc::vec::Vec;
use despend_primitives::{OnOrderSettled, OrderId, OrderSettlement, SettlementParts};
use frame_support::{
	traits::{
		dynamic_params::AggregatedKeyValue,
		fungible::{Mutate as _, NativeOrWithId},
		fungibles::{Inspect as _, Mutate as _},
	},
	BoundedVec,
};
use sp_runtime::FixedU128;

use super::{
	assets::{payment_assets, AssetKind, NativeAndAssets},
	parameters::{mining as mining_params, oracle, RuntimeParameters},
};
use crate::{
	units::{DSG, USD, USDT_ID},
	AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeOrigin,
};

/// The benchmark helper of every DeSpend pallet.
pub struct Helpers;

const USDT: AssetKind = NativeOrWithId::WithId(USDT_ID);

fn set_parameter(parameter: RuntimeParameters) {
	let (key, value) = parameter.into_parts();
	pallet_parameters::Parameters::<Runtime>::set(key, value);
}

fn fund_dsg(who: &AccountId, amount: Balance) {
	let _ = Balances::mint_into(who, amount);
}

/// Stakes enough for `tier` (1-based; the highest known tier if beyond the table).
fn stake_for_tier(who: &AccountId, tier: usize) {
	let tiers = pallet_membership::Tiers::<Runtime>::get();
	let threshold = tiers
		.get(tier.saturating_sub(1))
		.or(tiers.last())
		.map(|t| t.threshold)
		.unwrap_or(1_000_000 * DSG);
	fund_dsg(who, threshold.saturating_mul(2));
	let _ =
		pallet_membership::Pallet::<Runtime>::stake(RuntimeOrigin::signed(who.clone()), threshold);
}

impl pallet_orders::BenchmarkHelper<Runtime> for Helpers {
	fn payment_asset() -> AssetKind {
		USDT
	}
	fn fund(who: &AccountId, asset: &AssetKind, amount: Balance) {
		let _ = NativeAndAssets::mint_into(asset.clone(), who, amount);
	}
	/// The dearest settlement pays two promoters.
	fn prepare_settlement(buyer: &AccountId) {
		let direct: AccountId = frame_benchmarking::account("promoter", 0, 0);
		let indirect: AccountId = frame_benchmarking::account("promoter", 1, 0);
		for who in [&direct, &indirect, buyer] {
			fund_dsg(who, 1_000 * DSG);
			let _ = NativeAndAssets::mint_into(USDT, who, 1_000 * USD);
		}
		let _ = pallet_referrals::Pallet::<Runtime>::bind_promoter(
			RuntimeOrigin::signed(direct.clone()),
			indirect.into(),
		);
		let _ = pallet_referrals::Pallet::<Runtime>::bind_promoter(
			RuntimeOrigin::signed(buyer.clone()),
			direct.into(),
		);
	}
	/// `n` members with a stake, `n` miners and `n` RWA-NFTs with their records.
	fn grow_state(n: u32) {
		let ledger = pallet_membership::LedgerOf::<Runtime> {
			active: 1_000 * DSG,
			unlocking: BoundedVec::new(),
			elite: false,
		};
		let miner = pallet_mining::MinerOf::<Runtime> { mined: DSG, ..Default::default() };
		fund_dsg(
			&pallet_rwa::Pallet::<Runtime>::account_id(),
			Balance::from(n).saturating_add(1) * DSG,
		);
		for i in 0..n {
			let who: AccountId = frame_benchmarking::account("member", i, 0);
			pallet_membership::Ledger::<Runtime>::insert(&who, ledger.clone());
			pallet_mining::Miners::<Runtime>::insert(&who, miner);
			<crate::Rwa as OnOrderSettled<_, _, _, _>>::on_order_settled(&rwa_settlement(
				&who,
				3_000_000_000u64.saturating_add(i.into()),
			));
		}
	}
}

/// A settlement that only the RWA pallet is told of: a 100 USD order `order` of `owner`.
fn rwa_settlement(
	owner: &AccountId,
	order: OrderId,
) -> OrderSettlement<AccountId, AssetKind, Balance, BlockNumber> {
	let sale = 100 * USD;
	OrderSettlement {
		product: 0,
		category: 0,
		parts: SettlementParts { merchant: sale, ..Default::default() },
		settled_at: frame_system::Pallet::<Runtime>::block_number(),
		..OrderSettlement::sale(
			order,
			owner.clone(),
			frame_benchmarking::account("merchant", 0, 0),
			USDT,
			sale,
		)
	}
}

impl pallet_mining::BenchmarkHelper<AccountId, BlockNumber> for Helpers {
	fn set_price(price: FixedU128) {
		set_parameter(RuntimeParameters::Oracle(oracle::Parameters::DsgUsdPrice(
			oracle::DsgUsdPrice,
			Some(price),
		)));
	}
	fn set_vesting_period(period: BlockNumber) {
		set_parameter(RuntimeParameters::Mining(mining_params::Parameters::VestingPeriod(
			mining_params::VestingPeriod,
			Some(period),
		)));
	}
	fn set_highest_tier(who: &AccountId) {
		stake_for_tier(who, despend_primitives::MAX_TIER as usize);
	}
}

impl pallet_reviews::BenchmarkHelper<AssetKind> for Helpers {
	fn fee_assets() -> Vec<AssetKind> {
		// A stablecoin first: the benchmarks' main fee asset, dearer to move than DSG.
		let mut assets = payment_assets().to_vec();
		assets.rotate_left(1);
		assets
	}
}

impl pallet_rwa::BenchmarkHelper<AccountId, AssetKind> for Helpers {
	fn listing_asset() -> AssetKind {
		USDT
	}
	fn fund_deposits(who: &AccountId) {
		fund_dsg(who, 1_000 * DSG);
	}
}

impl pallet_dividends::BenchmarkHelper<AccountId, AssetKind> for Helpers {
	fn setup_pool_assets(pool: &AccountId, assets: &[AssetKind]) {
		for asset in assets {
			let minimum = NativeAndAssets::minimum_balance(asset.clone());
			if NativeAndAssets::balance(asset.clone(), pool) < minimum {
				let _ = NativeAndAssets::mint_into(asset.clone(), pool, minimum);
			}
		}
	}
	fn rwa_item(owner: &AccountId, index: u32) -> OrderId {
		let order = 1_000_000_000u64.saturating_add(index.into());
		fund_dsg(&pallet_rwa::Pallet::<Runtime>::account_id(), 1_000 * DSG);
		<crate::Rwa as OnOrderSettled<_, _, _, _>>::on_order_settled(&rwa_settlement(owner, order));
		order
	}
	fn make_elite(who: &AccountId) {
		stake_for_tier(who, <Runtime as pallet_membership::Config>::EliteTier::get() as usize);
	}
}

/// Treasury spends in an asset of the pool to an account made from the seed.
impl pallet_treasury::ArgumentsFactory<AssetKind, AccountId> for Helpers {
	fn create_asset_kind(seed: u32) -> AssetKind {
		NativeOrWithId::WithId(seed)
	}
	fn create_beneficiary(seed: [u8; 32]) -> AccountId {
		AccountId::from(seed)
	}
}

impl pallet_asset_conversion::BenchmarkHelper<AssetKind> for Helpers {
	/// Every pool pairs DSG with another asset: DSG for odd seeds, an asset otherwise.
	fn create_pair(seed1: u32, seed2: u32) -> (AssetKind, AssetKind) {
		let asset = |seed: u32| {
			if seed % 2 == 1 {
				NativeOrWithId::Native
			} else {
				NativeOrWithId::WithId(seed)
			}
		};
		(asset(seed1), asset(seed2))
	}
}

impl pallet_asset_conversion_tx_payment::BenchmarkHelperTrait<AccountId, AssetKind, AssetKind>
	for Helpers
{
	fn create_asset_id_parameter(id: u32) -> (AssetKind, AssetKind) {
		(NativeOrWithId::WithId(id), NativeOrWithId::WithId(id))
	}

	/// Creates `asset` (if needed) and its DSG pool with deep liquidity, and funds `account`
	/// with DSG and the asset.
	fn setup_balances_and_pool(asset: AssetKind, account: AccountId) {
		use frame_support::traits::fungibles::Create;
		let NativeOrWithId::WithId(id) = asset else { return };
		if !crate::Assets::asset_exists(id) {
			let _ = <crate::Assets as Create<AccountId>>::create(id, account.clone(), true, 1);
		}
		let provider: AccountId = frame_benchmarking::account("liquidity", 0, 0);
		fund_dsg(&provider, Balance::MAX / 4);
		let _ = NativeAndAssets::mint_into(asset.clone(), &provider, Balance::MAX / 4);
		let native = alloc::boxed::Box::new(NativeOrWithId::Native);
		let other = alloc::boxed::Box::new(asset.clone());
		if pallet_asset_conversion::Pallet::<Runtime>::get_reserves(
			NativeOrWithId::Native,
			asset.clone(),
		)
		.is_err()
		{
			let _ = pallet_asset_conversion::Pallet::<Runtime>::create_pool(
				RuntimeOrigin::signed(provider.clone()),
				native.clone(),
				other.clone(),
			);
		}
		let _ = pallet_asset_conversion::Pallet::<Runtime>::add_liquidity(
			RuntimeOrigin::signed(provider.clone()),
			native,
			other,
			1_000_000_000 * DSG,
			100_000_000 * USD,
			1,
			1,
			provider,
		);
		fund_dsg(&account, 1_000 * DSG);
		let _ = NativeAndAssets::mint_into(asset, &account, 1_000 * USD);
	}
}
