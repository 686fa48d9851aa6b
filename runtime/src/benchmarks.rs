//! The pallets whose benchmarks the runtime runs (`despend-node benchmark pallet`).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_assets, Assets]
	[pallet_asset_conversion, AssetConversion]
	[pallet_asset_conversion_tx_payment, AssetTxPayment]
	[pallet_nfts, Nfts]
	[pallet_vesting, Vesting]
	[pallet_parameters, Parameters]
	[pallet_orders, Orders]
	[pallet_membership, Membership]
	[pallet_mining, Mining]
	[pallet_referrals, Referrals]
	[pallet_rwa, Rwa]
	[pallet_dividends, Dividends]
	[pallet_reviews, Reviews]
	[pallet_validator_set, ValidatorSet]
);
