#!/usr/bin/env bash
# Measures the weights the pallet benchmarks build on, on this machine and this node's database
# (ParityDB), and writes them into runtime/src/weights/:
#   paritydb_weights.rs  `benchmark storage`: the cost of a storage read and write;
#   block_weights.rs     `benchmark overhead`: BlockExecutionWeight (an empty block);
#   extrinsic_weights.rs `benchmark overhead`: ExtrinsicBaseWeight (a no-op extrinsic).
# Run it before scripts/benchmark.sh, which reads them through the runtime.
# A write is measured as block import does it, amortised over a batch of 50 keys (the dev state
# has about 150 keys, fewer than the tool's default batch of 100,000).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/build.sh --features runtime-benchmarks
node_bin="$CARGO_TARGET_DIR/release/despend-node"
out=runtime/src/weights
base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
echo "==> benchmark storage (ParityDB, dev state) -> $out/paritydb_weights.rs"
"$node_bin" benchmark storage --chain dev --base-path "$base" --database paritydb \
  --state-version 1 --warmups 2 --batch-size 50 --weight-path "$out"
echo "==> benchmark overhead -> $out/block_weights.rs, $out/extrinsic_weights.rs"
"$node_bin" benchmark overhead --chain dev --base-path "$base" --database paritydb \
  --warmup 5 --repeat 50 --weight-path "$out"
# The generated files name `sp_weights`, which the runtime reaches through frame-support; and
# they are kept in the workspace's format.
sed -i 's/\bsp_weights::/frame_support::weights::/g' "$out"/paritydb_weights.rs "$out"/block_weights.rs "$out"/extrinsic_weights.rs
rustfmt --edition 2021 "$out"/paritydb_weights.rs "$out"/block_weights.rs "$out"/extrinsic_weights.rs
