#!/usr/bin/env bash
# Runs the runtime benchmarks of DeSpend's pallets and writes each pallet's weights.rs.
# Usage: scripts/benchmark.sh [pallet ...]   (default: every custom pallet)
# Builds `despend-node --features runtime-benchmarks` first (its own, larger build: it includes
# the benchmark CLI). Steps/repeats can be lowered for a quick look: STEPS=2 REPEAT=1.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(orders membership mining referrals rwa dividends reviews validator-set)
scripts/build.sh --features runtime-benchmarks
node_bin="$CARGO_TARGET_DIR/release/despend-node"
for p in "${pallets[@]}"; do
  out="pallets/$p/src/weights.rs"
  echo "==> benchmarking pallet_$p -> $out (steps $STEPS, repeat $REPEAT)"
  "$node_bin" benchmark pallet \
    --chain dev \
    --pallet "pallet_${p//-/_}" \
    --extrinsic '*' \
    --wasm-execution compiled \
    --steps "$STEPS" \
    --repeat "$REPEAT" \
    --heap-pages 4096 \
    --template scripts/templates/pallet-weights.hbs \
    --output "$out"
done
