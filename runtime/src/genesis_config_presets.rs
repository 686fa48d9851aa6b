//! Named genesis presets: `development` (one validator, Alice), `local_testnet` (four
//! validators) and `staging` (four validators, no sudo: only governance changes anything).
//! Chain specs in `chain-specs/` are generated from these (`scripts/chain-specs.sh`).
//!
//! Every preset creates the two stablecoins as sufficient assets with their metadata, opens the
//! pallets' pool accounts in every payment asset, and starts the validators through
//! pallet-session (their Aura and GRANDPA keys are session keys). The development presets fund
//! the well-known development accounts with DSG, USDT and USDC, set Alice as the sudo key, and
//! shorten the governance-set periods (orders, unbonding, review rounds, dividend epochs,
//! referendum tracks, sessions) to blocks so whole cycles run in minutes. The staging preset
//! keeps the production periods, has no sudo key, funds no development key, and gives the
//! stablecoins to [`stablecoin_authority`], an account only root (a referendum) can act as.
//! Its validators and allocations are placeholders an operator replaces before a launch
//! ([`STAGING_VALIDATORS`], [`STAGING_ALLOCATIONS`]; see `docs/launch.md`).

use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	configs::{
		commerce::{pool_accounts, EscrowAccount},
		parameters::{commerce, dividends, governance, membership, reviews, RuntimeParameters},
	},
	opaque::SessionKeys,
	units::{DSG, EXISTENTIAL_DEPOSIT, STABLECOIN_MIN_BALANCE, USD, USDC_ID, USDT_ID},
	AccountId, AssetId, AssetsConfig, Balance, BalancesConfig, BlockNumber,
	GenesisParametersConfig, GenesisPoolsConfig, RuntimeGenesisConfig, SessionConfig, SudoConfig,
	ValidatorSetConfig,
};

/// The name of the staging preset (no sudo; production periods).
pub const STAGING_RUNTIME_PRESET: &str = "staging";

/// DSG given to each funded account of the development presets.
pub const DEV_ENDOWMENT_DSG: Balance = 1_000_000 * DSG;
/// USDT and USDC given to each funded account of the development presets.
pub const DEV_ENDOWMENT_USD: Balance = 1_000_000 * USD;
/// DSG each pool account starts with: the RWA pallet pays NFT deposits from it.
pub const POOL_ENDOWMENT_DSG: Balance = 1_000 * DSG;

/// A stablecoin created at genesis: id, name, symbol (6 decimals each).
pub const STABLECOINS: [(AssetId, &str, &str); 2] =
	[(USDT_ID, "Tether USD", "USDT"), (USDC_ID, "USD Coin", "USDC")];
/// Decimals of every stablecoin.
pub const STABLECOIN_DECIMALS: u8 = 6;

/// The account that owns, issues and administers the stablecoins on the staging network. It
/// has no key: only root can act as it (`utility.dispatch_as` in a root-track referendum),
/// so minting or freezing a stablecoin is a governance decision.
pub fn stablecoin_authority() -> AccountId {
	use sp_runtime::traits::AccountIdConversion;
	frame_support::PalletId(*b"dsp/stbl").into_account_truncating()
}

/// A placeholder key: 32 copies of `byte`. Nobody holds its secret, so nothing signs with it
/// until an operator replaces it.
const fn placeholder(byte: u8) -> [u8; 32] {
	[byte; 32]
}

/// The staging network's validators: (account, Aura sr25519 key, GRANDPA ed25519 key), all
/// placeholders. Replace each with the operator's own public keys before a launch.
pub const STAGING_VALIDATORS: [([u8; 32], [u8; 32], [u8; 32]); 4] = [
	(placeholder(0x11), placeholder(0x12), placeholder(0x13)),
	(placeholder(0x21), placeholder(0x22), placeholder(0x23)),
	(placeholder(0x31), placeholder(0x32), placeholder(0x33)),
	(placeholder(0x41), placeholder(0x42), placeholder(0x43)),
];

/// DSG each staging validator starts with: its session-key deposit and a K3 stake, so the
/// validators can propose the first referenda.
pub const STAGING_VALIDATOR_DSG: Balance = 1_000 * DSG;

/// The staging network's DSG allocations besides the validators' (placeholder accounts and
/// amounts: the launch distribution an operator writes in).
pub const STAGING_ALLOCATIONS: [([u8; 32], Balance); 2] =
	[(placeholder(0x51), 10_000_000 * DSG), (placeholder(0x52), 10_000_000 * DSG)];

/// The account that seeds the development presets' DSG/stablecoin pools. It has no key, so
/// the genesis liquidity stays in the pools for good.
pub fn liquidity_account() -> AccountId {
	use sp_runtime::traits::AccountIdConversion;
	frame_support::PalletId(*b"dsp/lqty").into_account_truncating()
}

/// DSG of each development pool: at the oracle's default 0.10 USD per DSG, against
/// [`POOL_USD`] of the stablecoin.
pub const POOL_DSG: Balance = 10_000_000 * DSG;
/// The stablecoin of each development pool.
pub const POOL_USD: Balance = 1_000_000 * USD;

/// What distinguishes one network's genesis from another's.
struct NetworkGenesis {
	/// The initial validators: account, Aura key, GRANDPA key.
	validators: Vec<(AccountId, AuraId, GrandpaId)>,
	/// Accounts funded with DSG and both stablecoins.
	endowed: Vec<AccountId>,
	/// Accounts funded with DSG only, and how much.
	allocations: Vec<(AccountId, Balance)>,
	/// The account that issues the stablecoins (their pallet-assets owner).
	stablecoin_issuer: AccountId,
	/// The sudo key; `None` means no sudo at all.
	sudo: Option<AccountId>,
	/// Dynamic parameters that differ from the production defaults.
	parameters: Vec<RuntimeParameters>,
	/// Whether to create and seed a DSG pool of each stablecoin (by [`liquidity_account`]).
	pools: bool,
}

fn build_genesis(network: NetworkGenesis) -> Value {
	let NetworkGenesis {
		validators,
		endowed,
		mut allocations,
		stablecoin_issuer,
		sudo,
		parameters,
		pools,
	} = network;
	let liquidity = liquidity_account();
	let mut pool_seeds = Vec::new();
	if pools {
		// The pools' setup fees and existential deposits on top of the pools' DSG.
		let dsg = POOL_DSG * STABLECOINS.len() as Balance + 1_000 * DSG;
		allocations.push((liquidity.clone(), dsg));
		pool_seeds = STABLECOINS
			.iter()
			.map(|(id, ..)| (liquidity.clone(), *id, POOL_DSG, POOL_USD))
			.collect();
	}
	let pools = pool_accounts();
	let stablecoin_accounts = STABLECOINS
		.iter()
		.flat_map(|(id, ..)| {
			endowed
				.iter()
				.map(move |who| (*id, who.clone(), DEV_ENDOWMENT_USD))
				.chain(pools.iter().map(move |who| (*id, who.clone(), STABLECOIN_MIN_BALANCE)))
				// The escrow keeps a minimum of its own (see `pallet_orders::Config::EscrowAccount`).
				.chain([(*id, EscrowAccount::get(), STABLECOIN_MIN_BALANCE)])
		})
		// The provider keeps its accounts alive after seeding: one dollar more than it adds.
		.chain(pool_seeds.iter().map(|(who, id, _, usd)| (*id, who.clone(), *usd + USD)))
		.collect::<Vec<_>>();
	let balances = endowed
		.iter()
		.cloned()
		.map(|who| (who, DEV_ENDOWMENT_DSG))
		.chain(pools.iter().cloned().map(|who| (who, POOL_ENDOWMENT_DSG.max(EXISTENTIAL_DEPOSIT))))
		.chain([(EscrowAccount::get(), EXISTENTIAL_DEPOSIT)])
		.chain(allocations)
		.collect::<Vec<_>>();

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|(who, ..)| who.clone()).collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|(who, aura, grandpa)| {
					(
						who.clone(),
						who.clone(),
						SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() },
					)
				})
				.collect::<Vec<_>>(),
		},
		assets: AssetsConfig {
			assets: STABLECOINS
				.iter()
				.map(|(id, ..)| (*id, stablecoin_issuer.clone(), true, STABLECOIN_MIN_BALANCE))
				.collect::<Vec<_>>(),
			metadata: STABLECOINS
				.iter()
				.map(|(id, name, symbol)| {
					(*id, name.as_bytes().to_vec(), symbol.as_bytes().to_vec(), STABLECOIN_DECIMALS)
				})
				.collect::<Vec<_>>(),
			accounts: stablecoin_accounts,
		},
		genesis_parameters: GenesisParametersConfig {
			parameters: parameters.iter().map(|p| p.encode().into()).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: sudo },
		genesis_pools: GenesisPoolsConfig { pools: pool_seeds },
	})
}

/// Periods of minutes instead of days, so a dev or test network runs whole cycles quickly.
pub fn short_periods() -> Vec<RuntimeParameters> {
	fn blocks(n: BlockNumber) -> Option<BlockNumber> {
		Some(n)
	}
	vec![
		RuntimeParameters::Governance(governance::Parameters::FastTracks(
			governance::FastTracks,
			Some(true),
		)),
		RuntimeParameters::Governance(governance::Parameters::SessionPeriod(
			governance::SessionPeriod,
			blocks(10),
		)),
		RuntimeParameters::Commerce(commerce::Parameters::ShipDeadline(
			commerce::ShipDeadline,
			blocks(100),
		)),
		RuntimeParameters::Commerce(commerce::Parameters::AutoConfirmPeriod(
			commerce::AutoConfirmPeriod,
			blocks(20),
		)),
		RuntimeParameters::Commerce(commerce::Parameters::AfterSalesPeriod(
			commerce::AfterSalesPeriod,
			blocks(5),
		)),
		RuntimeParameters::Commerce(commerce::Parameters::RefundResponsePeriod(
			commerce::RefundResponsePeriod,
			blocks(10),
		)),
		RuntimeParameters::Commerce(commerce::Parameters::DisputeWindow(
			commerce::DisputeWindow,
			blocks(10),
		)),
		RuntimeParameters::Commerce(commerce::Parameters::ArbitrationPeriod(
			commerce::ArbitrationPeriod,
			blocks(30),
		)),
		RuntimeParameters::Membership(membership::Parameters::UnbondingPeriod(
			membership::UnbondingPeriod,
			blocks(10),
		)),
		RuntimeParameters::Reviews(reviews::Parameters::CommitPhase(
			reviews::CommitPhase,
			blocks(20),
		)),
		RuntimeParameters::Reviews(reviews::Parameters::RevealPhase(
			reviews::RevealPhase,
			blocks(10),
		)),
		RuntimeParameters::Reviews(reviews::Parameters::AppealPeriod(
			reviews::AppealPeriod,
			blocks(5),
		)),
		RuntimeParameters::Reviews(reviews::Parameters::AppealRulingPeriod(
			reviews::AppealRulingPeriod,
			blocks(30),
		)),
		RuntimeParameters::Dividends(dividends::Parameters::EpochLength(
			dividends::EpochLength,
			blocks(5),
		)),
		RuntimeParameters::Dividends(dividends::Parameters::StandardWithdrawDelay(
			dividends::StandardWithdrawDelay,
			blocks(10),
		)),
		RuntimeParameters::Dividends(dividends::Parameters::MinRwaStakePeriod(
			dividends::MinRwaStakePeriod,
			blocks(10),
		)),
	]
}

fn dev_validator(keyring: Sr25519Keyring) -> (AccountId, AuraId, GrandpaId) {
	let grandpa = match keyring {
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		_ => Ed25519Keyring::Alice,
	};
	(keyring.to_account_id(), keyring.public().into(), grandpa.public().into())
}

fn four_validators() -> Vec<(AccountId, AuraId, GrandpaId)> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
		.into_iter()
		.map(dev_validator)
		.collect()
}

fn well_known_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// One validator (Alice): blocks and finality from a single node.
pub fn development_config_genesis() -> Value {
	build_genesis(NetworkGenesis {
		validators: vec![dev_validator(Sr25519Keyring::Alice)],
		endowed: well_known_accounts(),
		allocations: Vec::new(),
		stablecoin_issuer: Sr25519Keyring::Alice.to_account_id(),
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		parameters: short_periods(),
		pools: true,
	})
}

/// Four validators (Alice, Bob, Charlie, Dave), for zombienet and local multi-node networks.
pub fn local_testnet_genesis() -> Value {
	build_genesis(NetworkGenesis {
		validators: four_validators(),
		endowed: well_known_accounts(),
		allocations: Vec::new(),
		stablecoin_issuer: Sr25519Keyring::Alice.to_account_id(),
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		parameters: short_periods(),
		pools: true,
	})
}

/// A network run by governance from its first block: no sudo key, production periods, no
/// development key anywhere. Validators and allocations are the placeholders above; the
/// stablecoins belong to the [`stablecoin_authority`].
pub fn staging_genesis() -> Value {
	let validators: Vec<(AccountId, AuraId, GrandpaId)> = STAGING_VALIDATORS
		.iter()
		.map(|(account, aura, grandpa)| {
			(
				AccountId::from(*account),
				AuraId::from(sp_core::sr25519::Public::from_raw(*aura)),
				GrandpaId::from(sp_core::ed25519::Public::from_raw(*grandpa)),
			)
		})
		.collect();
	let allocations = validators
		.iter()
		.map(|(who, ..)| (who.clone(), STAGING_VALIDATOR_DSG))
		.chain(STAGING_ALLOCATIONS.iter().map(|(who, dsg)| (AccountId::from(*who), *dsg)))
		.collect();
	build_genesis(NetworkGenesis {
		validators,
		endowed: Vec::new(),
		allocations,
		stablecoin_issuer: stablecoin_authority(),
		sudo: None,
		parameters: Vec::new(),
		pools: false,
	})
}

/// The JSON of the preset called `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		STAGING_RUNTIME_PRESET => staging_genesis(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).ok()?.into_bytes())
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(STAGING_RUNTIME_PRESET),
	]
}
