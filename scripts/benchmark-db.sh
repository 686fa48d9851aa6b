#!/usr/bin/env bash
# Measures the weights the pallet benchmarks build on, on this machine and this node's database
# (ParityDB), and writes them into runtime/src/weights/:
#   paritydb_weights.rs  `benchmark storage`: the cost of a storage read and write;
#   block_weights.rs     `benchmark overhead`: BlockExecutionWeight (an empty block);
#   extrinsic_weights.rs `benchmark overhead`: ExtrinsicBaseWeight (a no-op extrinsic).
# Run it before scripts/benchmark.sh, which reads them through the runtime.
# The state is grown first: the dev chain with FILLERS (default 100,000) more funded accounts,
# each with a DSG and a USDT balance, so reads walk a trie as deep as a live chain's and the
# average is not decided by a handful of cold reads (the bare dev state has about 150 keys).
# A write is measured as block import does it, amortised over the tool's batch of 100,000 keys.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/build.sh --features runtime-benchmarks
node_bin="$CARGO_TARGET_DIR/release/despend-node"
out=runtime/src/weights
FILLERS="${FILLERS:-100000}"
base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
scripts/setup.sh >/dev/null
echo "==> grown state: the dev chain and $FILLERS funded accounts"
"$node_bin" build-spec --chain dev --disable-default-bootnode 2>/dev/null >"$base/dev.json"
(cd tests && node load/spec.js 0 "$FILLERS" <"$base/dev.json") >"$base/grown.json"
"$node_bin" build-spec --chain "$base/grown.json" --raw 2>/dev/null >"$base/grown-raw.json"
echo "==> benchmark storage (ParityDB, grown state) -> $out/paritydb_weights.rs"
"$node_bin" benchmark storage --chain "$base/grown-raw.json" --base-path "$base/db" \
  --database paritydb --state-version 1 --warmups 2 --weight-path "$out"
echo "==> benchmark overhead (grown state) -> $out/block_weights.rs, $out/extrinsic_weights.rs"
"$node_bin" benchmark overhead --chain "$base/grown-raw.json" --base-path "$base/db" \
  --database paritydb --warmup 5 --repeat 50 --weight-path "$out"
# The generated files name `sp_weights`, which the runtime reaches through frame-support; and
# they are kept in the workspace's format.
sed -i 's/\bsp_weights::/frame_support::weights::/g' "$out"/paritydb_weights.rs "$out"/block_weights.rs "$out"/extrinsic_weights.rs
rustfmt --edition 2021 "$out"/paritydb_weights.rs "$out"/block_weights.rs "$out"/extrinsic_weights.rs
# The template documents the struct's fields with `///`, which rustc warns about in an
# expression, and calls ParityDB experimental: it is this node's only database. (After rustfmt,
# which indents with tabs.)
sed -i -E -e 's|^(\t\t\t)///|\1//|' \
  -e 's|`ParityDB` can be enabled with a feature flag, but is still experimental. These weights|Measured on this node'"'"'s database (ParityDB) on a state grown by scripts/benchmark-db.sh.|' \
  -e '/are available for brave runtime engineers who may want to try this out as default./d' \
  "$out"/paritydb_weights.rs
