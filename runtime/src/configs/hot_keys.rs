//! The storage every purchase touches whatever the order: the governance rates it reads, the
//! pool and treasury accounts every settlement pays, the stablecoins' asset records, the
//! chain-wide tallies a settlement adds to, and what every transaction's extensions read. A block reads each of them from the database once
//! and writes each once when it commits, however many orders it carries; after the first
//! access they are in the block's cache.
//!
//! So a block pays for them once: their reads and writes are in every block's base weight
//! ([`HOT_READS`], [`HOT_WRITES`], added in `configs/mod.rs`), and the benchmarks leave them out
//! of each extrinsic's count (they are whitelisted, as polkadot-sdk whitelists the block
//! number, the events and the total issuance, and the Polkadot runtime its treasury account
//! and its active configuration). Without this every order would be charged the same forty
//! keys again, although the node reads them once a block.
//!
//! Only keys that do not depend on the order belong here: an account of a buyer, merchant or
//! promoter, an order, a product, a miner's record is charged to the extrinsic that touches it.

use alloc::{vec, vec::Vec};
use frame_support::traits::Get;

use super::{
	assets::{payment_assets, STABLECOINS},
	commerce::{
		DividendPoolAccount, EscrowAccount, ReviewPoolAccount, RwaAccount, TreasuryAccount,
	},
	parameters::{commerce, mining, oracle, referrals, reviews, RuntimeParametersKey},
};
use crate::{AccountId, Runtime};

/// How many hot keys a block reads from the database (every key of [`hot_keys`]).
pub const HOT_READS: u64 = 48;
/// How many of them a block may write (the accounts and tallies; never the rates).
pub const HOT_WRITES: u64 = 22;

/// The hot keys, each with whether a purchase writes it.
pub fn hot_keys() -> Vec<(Vec<u8>, bool)> {
	use commerce::ParametersKey as C;
	let mut keys = Vec::new();

	// The rates a purchase reads (placing, shipping, receipt, the split, mining, commissions,
	// a review round opening): governance changes them, purchases only read them.
	let rates: Vec<RuntimeParametersKey> = vec![
		RuntimeParametersKey::Commerce(C::MinOrderValue(commerce::MinOrderValue)),
		RuntimeParametersKey::Commerce(C::ShipDeadline(commerce::ShipDeadline)),
		RuntimeParametersKey::Commerce(C::AutoConfirmPeriod(commerce::AutoConfirmPeriod)),
		RuntimeParametersKey::Commerce(C::AfterSalesPeriod(commerce::AfterSalesPeriod)),
		RuntimeParametersKey::Commerce(C::CommunityFee(commerce::CommunityFee)),
		RuntimeParametersKey::Commerce(C::ExpertsShare(commerce::ExpertsShare)),
		RuntimeParametersKey::Commerce(C::ReviewersShare(commerce::ReviewersShare)),
		RuntimeParametersKey::Commerce(C::DividendShare(commerce::DividendShare)),
		RuntimeParametersKey::Commerce(C::DsgPaymentDiscount(commerce::DsgPaymentDiscount)),
		RuntimeParametersKey::Commerce(C::MaxDsgDiscount(commerce::MaxDsgDiscount)),
		RuntimeParametersKey::Oracle(oracle::ParametersKey::DsgUsdPrice(oracle::DsgUsdPrice)),
		RuntimeParametersKey::Mining(mining::ParametersKey::InitialRate(mining::InitialRate)),
		RuntimeParametersKey::Mining(mining::ParametersKey::HalvingVolume(mining::HalvingVolume)),
		RuntimeParametersKey::Mining(mining::ParametersKey::MiningCap(mining::MiningCap)),
		RuntimeParametersKey::Mining(mining::ParametersKey::PeriodAccountCap(
			mining::PeriodAccountCap,
		)),
		RuntimeParametersKey::Mining(mining::ParametersKey::MaxRewardToTreasuryRatio(
			mining::MaxRewardToTreasuryRatio,
		)),
		RuntimeParametersKey::Mining(mining::ParametersKey::VestingPeriod(mining::VestingPeriod)),
		RuntimeParametersKey::Referrals(referrals::ParametersKey::DirectRate(
			referrals::DirectRate,
		)),
		RuntimeParametersKey::Referrals(referrals::ParametersKey::IndirectRate(
			referrals::IndirectRate,
		)),
		RuntimeParametersKey::Reviews(reviews::ParametersKey::CommitPhase(reviews::CommitPhase)),
		RuntimeParametersKey::Reviews(reviews::ParametersKey::RevealPhase(reviews::RevealPhase)),
	];
	for rate in rates {
		keys.push((pallet_parameters::Parameters::<Runtime>::hashed_key_for(rate), false));
	}

	// The accounts every settlement pays (treasury, review pool, dividend pool) and the escrow
	// every order pays into and every settlement pays out of, in DSG and in each stablecoin, and
	// the stablecoins' asset records.
	let pools: [AccountId; 4] = [
		TreasuryAccount::get(),
		ReviewPoolAccount::get(),
		DividendPoolAccount::get(),
		EscrowAccount::get(),
	];
	for pool in &pools {
		keys.push((frame_system::Account::<Runtime>::hashed_key_for(pool), true));
		for id in STABLECOINS {
			keys.push((pallet_assets::Account::<Runtime>::hashed_key_for(id, pool), true));
		}
	}
	for id in STABLECOINS {
		keys.push((pallet_assets::Asset::<Runtime>::hashed_key_for(id), true));
	}

	// The chain-wide tallies: DSG issuance (mining mints), the mining schedule, the dividend
	// pool's shares and per-asset accumulators, the RWA collection (its id, pallet-nfts' record
	// of it and its configuration), and the next order id.
	keys.push((pallet_balances::TotalIssuance::<Runtime>::hashed_key().to_vec(), true));
	keys.push((pallet_mining::Schedule::<Runtime>::hashed_key().to_vec(), true));
	// The tier table (a tier's DSG discount and mining bonus).
	keys.push((pallet_membership::Tiers::<Runtime>::hashed_key().to_vec(), false));
	keys.push((pallet_dividends::TotalShares::<Runtime>::hashed_key().to_vec(), false));
	for asset in payment_assets() {
		keys.push((pallet_dividends::Acc::<Runtime>::hashed_key_for(asset), true));
	}
	keys.push((pallet_rwa::Collection::<Runtime>::hashed_key().to_vec(), false));
	if let Some(collection) = pallet_rwa::Collection::<Runtime>::get() {
		keys.push((pallet_nfts::Collection::<Runtime>::hashed_key_for(collection), true));
		keys.push((pallet_nfts::CollectionConfigOf::<Runtime>::hashed_key_for(collection), false));
	}
	keys.push((pallet_orders::NextOrderId::<Runtime>::hashed_key().to_vec(), true));
	// The genesis hash, which every transaction's `CheckGenesis` reads (frame-system
	// whitelists the block's own tallies: its weight, length, events).
	keys.push((frame_system::BlockHash::<Runtime>::hashed_key_for(0), false));
	// The RWA pallet's account pays each item's deposit.
	keys.push((frame_system::Account::<Runtime>::hashed_key_for(RwaAccount::get()), true));
	keys
}

/// [`hot_keys`] as the benchmarks' whitelist.
#[cfg(feature = "runtime-benchmarks")]
pub fn whitelist() -> Vec<sp_storage::TrackedStorageKey> {
	hot_keys().into_iter().map(|(key, _)| key.into()).collect()
}
