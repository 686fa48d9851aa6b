//! The runtime APIs: what the node, wallets and tools may ask of the runtime.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use super::{
	configs::assets::AssetKind, opaque::SessionKeys, AccountId, AssetConversion, Aura, Balance,
	Block, BlockNumber, Executive, Grandpa, InherentDataExt, Nonce, Runtime, RuntimeCall,
	RuntimeGenesisConfig, System, TransactionPayment, VERSION,
};

sp_api::decl_runtime_apis! {
	/// DeSpend's views for wallets and shops: what an order would cost, a member's standing,
	/// dividends waiting, mining status and a product's quality score. polkadot.js reads its
	/// types from the metadata and calls it as `api.call.despendApi.<method>`.
	pub trait DespendApi {
		/// What `buyer` would pay for `quantity` units of `product` in `asset` (DSG prices at
		/// the oracle price with the DSG and tier discounts).
		fn order_quote(
			buyer: AccountId,
			product: despend_primitives::ProductId,
			quantity: u32,
			asset: AssetKind,
		) -> Result<pallet_orders::Quote<Balance>, sp_runtime::DispatchError>;

		/// `who`'s tier, stake, unbonding chunks and what the tier gives.
		fn member_info(who: AccountId) -> pallet_membership::MemberInfo<Balance, BlockNumber>;

		/// Income `who` could claim now from the dividend pool, per asset.
		fn pending_income(who: AccountId) -> Vec<(AssetKind, Balance)>;

		/// Claimed income waiting for its release, per asset.
		fn queued_withdrawals(who: AccountId) -> Vec<(AssetKind, Balance)>;

		/// DSG mined per USD now, and the DSG still to be mined under the cap.
		fn mining_status() -> (sp_runtime::FixedU128, Balance);

		/// The published quality score of `product`: per criterion and overall.
		fn product_score(product: despend_primitives::ProductId) -> Option<pallet_reviews::ProductScore<Runtime>>;

		/// The DSG a swap of `amount` of `asset` would give now on its DSG pool, the pool's fee
		/// included (`assetConversion.swapExactTokensForTokens`); `None` without a pool.
		fn swap_quote(asset: AssetKind, amount: Balance) -> Option<Balance>;

		/// What the fee of the signed `extrinsic` (its SCALE encoding, as submitted) costs in
		/// `asset` if its signer names that asset: the DSG fee, bought on the asset's pool.
		/// `None` without a pool, or if the bytes are not exactly one extrinsic of this runtime.
		fn fee_in_asset(extrinsic: Vec<u8>, asset: AssetKind) -> Option<Balance>;
	}
}

impl_runtime_apis! {
	impl self::DespendApi<Block> for Runtime {
		fn order_quote(
			buyer: AccountId,
			product: despend_primitives::ProductId,
			quantity: u32,
			asset: AssetKind,
		) -> Result<pallet_orders::Quote<Balance>, sp_runtime::DispatchError> {
			crate::Orders::order_quote(buyer, product, quantity, asset)
		}

		fn member_info(who: AccountId) -> pallet_membership::MemberInfo<Balance, BlockNumber> {
			crate::Membership::member_info(who)
		}

		fn pending_income(who: AccountId) -> Vec<(AssetKind, Balance)> {
			crate::Dividends::pending_income(who)
		}

		fn queued_withdrawals(who: AccountId) -> Vec<(AssetKind, Balance)> {
			crate::Dividends::queued_withdrawals(who)
		}

		fn mining_status() -> (sp_runtime::FixedU128, Balance) {
			(crate::Mining::current_rate(), crate::Mining::remaining_to_mine())
		}

		fn product_score(product: despend_primitives::ProductId) -> Option<pallet_reviews::ProductScore<Runtime>> {
			crate::Reviews::product_score(product)
		}

		fn swap_quote(asset: AssetKind, amount: Balance) -> Option<Balance> {
			AssetConversion::quote_price_exact_tokens_for_tokens(
				asset,
				AssetKind::Native,
				amount,
				true,
			)
		}

		fn fee_in_asset(extrinsic: Vec<u8>, asset: AssetKind) -> Option<Balance> {
			use codec::DecodeLimit;
			let len = u32::try_from(extrinsic.len()).ok()?;
			// As the pool decodes it: nesting bounded, and no bytes left over (a quote for a
			// shorter extrinsic than the one given would be wrong, not refused).
			let extrinsic = <Block as BlockT>::Extrinsic::decode_all_with_depth_limit(
				frame_support::MAX_EXTRINSIC_DEPTH,
				&mut &extrinsic[..],
			)
			.ok()?;
			let fee = TransactionPayment::query_info(extrinsic, len).partial_fee;
			if asset == AssetKind::Native {
				return Some(fee);
			}
			AssetConversion::quote_price_tokens_for_exact_tokens(asset, AssetKind::Native, fee, true)
		}
	}

	impl pallet_asset_conversion::AssetConversionApi<Block, Balance, AssetKind> for Runtime {
		fn quote_price_exact_tokens_for_tokens(
			asset1: AssetKind,
			asset2: AssetKind,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_exact_tokens_for_tokens(asset1, asset2, amount, include_fee)
		}

		fn quote_price_tokens_for_exact_tokens(
			asset1: AssetKind,
			asset2: AssetKind,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_tokens_for_exact_tokens(asset1, asset2, amount, include_fee)
		}

		fn get_reserves(a: AssetKind, b: AssetKind) -> Option<(Balance, Balance)> {
			AssetConversion::get_reserves(a, b).ok()
		}
	}

	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block)
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block.into())
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocation reports need key-ownership proofs (pallet-session historical), which
			// this runtime does not keep.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use super::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use sp_storage::TrackedStorageKey;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use super::*;

			impl frame_system_benchmarking::Config for Runtime {}
			impl baseline::Config for Runtime {}

			use frame_support::traits::WhitelistedStorageKeys;
			let mut whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			// What every block pays for once (its base weight), not each extrinsic.
			whitelist.extend(crate::configs::hot_keys::whitelist());

			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failed check must stop it with a backtrace.
			#[allow(clippy::unwrap_used)]
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect
		) -> Weight {
			#[allow(clippy::expect_used)]
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
