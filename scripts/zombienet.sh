#!/usr/bin/env bash
# Runs the zombienet network tests (native provider: local processes on loopback).
# Usage: scripts/zombienet.sh [zombienet/<test>.zndsl ...]   (default: every test)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
export DESPEND_NODE="${DESPEND_NODE:-$CARGO_TARGET_DIR/release/despend-node}"
[ -x "$DESPEND_NODE" ] || { echo "no node at $DESPEND_NODE: run scripts/build.sh" >&2; exit 1; }
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(zombienet/*.zndsl)
zombienet="$PWD/tests/node_modules/.bin/zombienet"
for t in "${tests[@]}"; do
  echo "==> zombienet test $t"
  # A bounded run: zombienet's own timeouts plus a hard limit.
  timeout 600 "$zombienet" -p native -l text test "$t"
done
