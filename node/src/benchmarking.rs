//! Signed extrinsics for `benchmark extrinsic`: a remark and a DSG transfer, signed by Alice
//! with the runtime's full transaction extensions.

use std::{sync::Arc, time::Duration};

use codec::Encode;
use despend_runtime as runtime;
use frame_benchmarking_cli::ExtrinsicBuilder;
use sc_cli::Result;
use sp_core::{sr25519, Pair};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic, OpaqueExtrinsic, SaturatedConversion};

use crate::service::FullClient;

/// Builds `system.remark` extrinsics.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call = runtime::SystemCall::remark { remark: vec![] };
		Ok(create_benchmark_extrinsic(
			&self.client,
			Sr25519Keyring::Alice.pair(),
			call.into(),
			nonce,
		)
		.into())
	}
}

/// Builds `balances.transferKeepAlive` extrinsics of the existential deposit to `dest`.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: runtime::AccountId,
}

impl TransferKeepAliveBuilder {
	pub fn new(client: Arc<FullClient>, dest: runtime::AccountId) -> Self {
		Self { client, dest }
	}
}

impl ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call = runtime::BalancesCall::transfer_keep_alive {
			dest: self.dest.clone().into(),
			value: runtime::units::EXISTENTIAL_DEPOSIT,
		};
		Ok(create_benchmark_extrinsic(
			&self.client,
			Sr25519Keyring::Alice.pair(),
			call.into(),
			nonce,
		)
		.into())
	}
}

/// A signed extrinsic of `call` by `sender`, with the runtime's transaction extensions (the fee
/// paid in DSG, the metadata hash check off).
pub fn create_benchmark_extrinsic(
	client: &FullClient,
	sender: sr25519::Pair,
	call: runtime::RuntimeCall,
	nonce: u32,
) -> runtime::UncheckedExtrinsic {
	let genesis_hash = client.chain_info().genesis_hash;
	let best_hash = client.chain_info().best_hash;
	let best_block = client.chain_info().best_number;
	let period = runtime::configs::BlockHashCount::get()
		.checked_next_power_of_two()
		.map(|c| c / 2)
		.unwrap_or(2) as u64;
	let extension: runtime::TxExtension = (
		frame_system::CheckNonZeroSender::<runtime::Runtime>::new(),
		frame_system::CheckSpecVersion::<runtime::Runtime>::new(),
		frame_system::CheckTxVersion::<runtime::Runtime>::new(),
		frame_system::CheckGenesis::<runtime::Runtime>::new(),
		frame_system::CheckEra::<runtime::Runtime>::from(generic::Era::mortal(
			period,
			best_block.saturated_into(),
		)),
		frame_system::CheckNonce::<runtime::Runtime>::from(nonce),
		frame_system::CheckWeight::<runtime::Runtime>::new(),
		pallet_asset_conversion_tx_payment::ChargeAssetTxPayment::<runtime::Runtime>::from(0, None),
		frame_metadata_hash_extension::CheckMetadataHash::<runtime::Runtime>::new(false),
		frame_system::WeightReclaim::<runtime::Runtime>::new(),
	);
	let raw_payload = runtime::SignedPayload::from_raw(
		call.clone(),
		extension.clone(),
		(
			(),
			runtime::VERSION.spec_version,
			runtime::VERSION.transaction_version,
			genesis_hash,
			best_hash,
			(),
			(),
			(),
			None,
			(),
		),
	);
	let signature = raw_payload.using_encoded(|e| sender.sign(e));
	runtime::UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::AccountId32::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		extension,
	)
}

/// The inherent data a benchmark block needs: a timestamp.
pub fn inherent_benchmark_data() -> Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let d = Duration::from_millis(0);
	let timestamp = sp_timestamp::InherentDataProvider::new(d.into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
