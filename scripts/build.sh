#!/usr/bin/env bash
# Builds the release node with its Wasm runtime (metadata hash embedded for CheckMetadataHash).
# Extra arguments go to cargo, e.g. `scripts/build.sh --features runtime-benchmarks`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
echo "==> cargo build --release -p despend-node $* (target: $CARGO_TARGET_DIR)"
cargo build --locked --release -p despend-node "$@"
echo "==> built $CARGO_TARGET_DIR/release/despend-node"
