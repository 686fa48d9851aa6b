#!/usr/bin/env bash
# One command for all tests: installs prerequisites, builds the release node, then runs
#   0. the committed raw chain specs carry the runtime this commit builds (reproducibly),
#   1. Rust tests of the runtime (release, sharing the node's build),
#   2. Rust tests of every custom pallet, with their benchmarks as tests (runtime-benchmarks),
#   3. the end-to-end tests: polkadot.js against a real `despend-node --dev`,
#   4. the load test's smoke run: a small stream of purchases, every one settled by `on_idle`,
#   5. the zombienet network tests (four validators; one upgrades the runtime by referendum).
# Set SKIP_ZOMBIENET=1 to leave out step 5.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
started=$(date +%s)
step() { printf '\n==> [%ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

step "setup"
scripts/setup.sh
step "build the release node"
scripts/build.sh

step "the committed chain specs hold the runtime this commit builds"
scripts/check-chain-specs.sh

step "runtime tests"
cargo test --locked --release -p despend-runtime

pallets=$(cargo metadata --locked --no-deps --format-version 1 \
  | python3 -c 'import json,sys; print(" ".join("-p " + p["name"] for p in json.load(sys.stdin)["packages"] if p["manifest_path"].find("/pallets/") >= 0 or p["name"] == "despend-primitives"))')
if [ -n "$pallets" ]; then
  step "pallet tests, benchmarks included ($pallets)"
  # shellcheck disable=SC2086
  SKIP_WASM_BUILD=1 cargo test --locked $pallets --features runtime-benchmarks,try-runtime
fi

step "try-runtime checks: migrations on a live dev state, and a bounded fuzzing run of the runtime"
# One build for both (the fuzzer's features are the migration test's).
SKIP_WASM_BUILD=1 FUZZ_SECONDS="${FUZZ_SECONDS:-120}" cargo test --locked -p despend-runtime -p despend-fuzz \
  --features runtime-benchmarks,try-runtime --test migrations --test bounded -- --nocapture

step "end-to-end tests (polkadot.js against a dev node)"
(cd tests && node --test --test-concurrency=3 --test-timeout=900000 e2e/)

step "load test, smoke: 12 blocks of 30 purchases as a stream (scripts/load-test.sh)"
PIPELINE=30 SENDERS=360 scripts/load-test.sh >"${TMPDIR:-/tmp}/despend-load-smoke.log" 2>&1 \
  || { tail -40 "${TMPDIR:-/tmp}/despend-load-smoke.log"; exit 1; }
python3 -c 'import json,sys
r = json.loads([l for l in sys.stdin if l.startswith("{\"ceilings\"")][-1])["result"]["pipeline"]
print({k: r[k] for k in ("placed", "settledByOnIdle", "steadyBlocks", "settledPerSecond")})' \
  <"${TMPDIR:-/tmp}/despend-load-smoke.log"

if [ "${SKIP_ZOMBIENET:-0}" != "1" ]; then
  step "zombienet network tests"
  scripts/zombienet.sh
fi
step "all tests passed"
