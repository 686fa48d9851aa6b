#!/usr/bin/env bash
# One command for a newcomer: installs prerequisites, builds, and starts a development chain
# whose RPC listens on ws://127.0.0.1:9944 (polkadot.js apps, @polkadot/api).
# Extra arguments go to the node, e.g. `scripts/start-dev.sh --base-path /tmp/despend` to keep
# the chain between runs (without it the chain lives in a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
scripts/setup.sh
scripts/build.sh
echo "==> starting despend-node --dev (RPC ws://127.0.0.1:9944, Ctrl-C stops it)"
exec "$CARGO_TARGET_DIR/release/despend-node" --dev --rpc-port 9944 "$@"
