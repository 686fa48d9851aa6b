#!/usr/bin/env bash
# Load test on one dev node: pre-funded senders (a load-test chain spec), one pre-signed
# transaction per sender and phase, rates counted from finalized blocks. The node runs on core
# 0 and the client on core 1 (`taskset`), so they do not compete for one core.
# Usage: SENDERS=8598 scripts/load-test.sh   (whole run bounded to 10 minutes)
# SIGNED (default `auto`: what fits in one block) of the orders are settled by signed `settle`
# calls, the rest by `on_idle`. About two blocks of transfers' worth of senders lets every phase
# fill whole blocks rather than end in a mostly empty one.
# PIPELINE=W runs two blocks of transfers, then the life cycle as a stream: every block W new
# orders, the shipping and receipts of the two waves before, `on_idle` settling (SENDERS / W
# waves), e.g.
#   PIPELINE=1200 SENDERS=28800 scripts/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
SENDERS="${SENDERS:-8598}"
SIGNED="${SIGNED:-auto}"
PHASE_TIMEOUT="${PHASE_TIMEOUT:-90}"
PIPELINE="${PIPELINE:-0}"
node_bin="$CARGO_TARGET_DIR/release/despend-node"
[ -x "$node_bin" ] || scripts/build.sh
scripts/setup.sh >/dev/null
work=$(mktemp -d)
node_pid=""
cleanup() { [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
echo "==> load-test chain spec with $SENDERS pre-funded senders"
"$node_bin" build-spec --chain dev --disable-default-bootnode 2>/dev/null >"$work/dev.json"
(cd tests && node load/spec.js "$SENDERS" <"$work/dev.json") >"$work/load.json"
"$node_bin" build-spec --chain "$work/load.json" --raw 2>/dev/null >"$work/load-raw.json"
port=9955
echo "==> node on core 0 (ws://127.0.0.1:$port)"
taskset -c 0 "$node_bin" --chain "$work/load-raw.json" --alice --validator --tmp \
  --node-key 0000000000000000000000000000000000000000000000000000000000000001 \
  --rpc-port "$port" --no-prometheus --no-telemetry --no-mdns \
  --listen-addr /ip4/127.0.0.1/tcp/0 --pool-limit 20000 --pool-kbytes 100000 \
  --rpc-max-connections 1000 >"$work/node.log" 2>&1 &
node_pid=$!
ready=0
for _ in $(seq 1 60); do grep -q "Running JSON-RPC server" "$work/node.log" && { ready=1; break; }; sleep 1; done
[ "$ready" = 1 ] || { tail -20 "$work/node.log"; echo "the node did not start within 60 s" >&2; exit 1; }
echo "==> client on core 1"
(cd tests && timeout 600 taskset -c 1 node load/load-test.js --url "ws://127.0.0.1:$port" \
  --senders "$SENDERS" --signed "$SIGNED" --phase-timeout "$PHASE_TIMEOUT" --pipeline "$PIPELINE")
