#!/usr/bin/env bash
# Builds the runtime Wasm reproducibly (the same bytes from any checkout path, user or machine
# with this project's toolchain: see scripts/env.sh) and prints what a voter checks a runtime
# upgrade proposal against: the blake2-256 hash that `system.authorizeUpgrade` takes.
# Usage: scripts/build-runtime.sh            (prints "<hash>  <path of the Wasm>")
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
echo "==> cargo build --locked --release -p despend-runtime (target: $CARGO_TARGET_DIR)" >&2
cargo build --locked --release -p despend-runtime >&2
wasm="$CARGO_TARGET_DIR/release/wbuild/despend-runtime/despend_runtime.compact.compressed.wasm"
python3 - "$wasm" <<'PY'
import hashlib, sys
path = sys.argv[1]
code = open(path, "rb").read()
print("0x" + hashlib.blake2b(code, digest_size=32).hexdigest(), path)
PY
