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
# The upgrade test applies the next runtime: this source with spec_version + 1.
if printf '%s\n' "${tests[@]}" | grep -q upgrade; then
  DESPEND_NEXT_RUNTIME=$(scripts/build-runtime.sh --next | cut -d' ' -f2)
  export DESPEND_NEXT_RUNTIME
  echo "==> next runtime for the upgrade test: $DESPEND_NEXT_RUNTIME"
fi
for t in "${tests[@]}"; do
  echo "==> zombienet test $t"
  # A bounded run: zombienet's own timeouts plus a hard limit.
  timeout 900 "$zombienet" -p native -l text test "$t"
done
