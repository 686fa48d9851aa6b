#!/usr/bin/env bash
# Runs the runtime benchmarks and writes the weights the runtime uses:
#   DeSpend's pallets         -> pallets/<name>/src/weights.rs (our template: the pallet's
#                                `WeightInfo` trait, `SubstrateWeight<T>` and `()`);
#   polkadot-sdk's pallets on  -> runtime/src/weights/<pallet>.rs (the CLI's own template: a
#   the transaction path         `WeightInfo<T>` the runtime plugs into the pallet's config).
# Usage: scripts/benchmark.sh [pallet ...]   (default: all of both; names as in the lists below)
# Builds `despend-node --features runtime-benchmarks` first (its own, larger build: it includes
# the benchmark CLI). Steps/repeats can be lowered for a quick look: STEPS=2 REPEAT=1.
# `pallet_orders::settle_at_scale` shows that a settlement's work does not grow with the state;
# it charges nothing, so it is run on its own (docs/measurements.md), not here.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
ours=(orders membership mining referrals rwa dividends reviews validator-set)
# Every extrinsic pays these (transaction extensions, the fee), and a transfer is what the
# others are measured against: their weights come from this machine too, not upstream's.
upstream=(frame_system frame_system_extensions pallet_balances pallet_asset_conversion_tx_payment pallet_utility)
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=("${ours[@]}" "${upstream[@]}")
scripts/build.sh --features runtime-benchmarks
node_bin="$CARGO_TARGET_DIR/release/despend-node"
for p in "${pallets[@]}"; do
  if [[ " ${upstream[*]} " == *" $p "* ]]; then
    out="runtime/src/weights/$p.rs"
    template=()
  else
    out="pallets/$p/src/weights.rs"
    template=(--template scripts/templates/pallet-weights.hbs)
    p="pallet_${p//-/_}"
  fi
  echo "==> benchmarking $p -> $out (steps $STEPS, repeat $REPEAT)"
  "$node_bin" benchmark pallet \
    --chain dev \
    --pallet "$p" \
    --extrinsic '*' \
    --wasm-execution compiled \
    --steps "$STEPS" \
    --repeat "$REPEAT" \
    --heap-pages 4096 \
    --exclude-extrinsics pallet_orders::settle_at_scale \
    "${template[@]}" \
    --output "$out"
  if [ "$p" = frame_system_extensions ]; then
    # The CLI names the trait after the benchmark; the extensions' trait lives in frame-system.
    sed -i 's/frame_system_extensions::WeightInfo/frame_system::ExtensionsWeightInfo/' "$out"
  fi
done
