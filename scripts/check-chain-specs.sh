#!/usr/bin/env bash
# Fails if a committed raw chain spec's runtime (`:code`) is not the runtime this commit builds:
# a stale spec, or a build that is not reproducible. Needs the runtime built (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
wasm="$CARGO_TARGET_DIR/release/wbuild/despend-runtime/despend_runtime.compact.compressed.wasm"
python3 - "$wasm" chain-specs/*-raw.json <<'PY'
import hashlib, json, sys
wasm = open(sys.argv[1], "rb").read()
built = hashlib.blake2b(wasm, digest_size=32).hexdigest()
stale = []
for spec in sys.argv[2:]:
    code = json.load(open(spec))["genesis"]["raw"]["top"]["0x3a636f6465"]
    in_spec = hashlib.blake2b(bytes.fromhex(code[2:]), digest_size=32).hexdigest()
    print(f"{spec}: runtime 0x{in_spec}")
    if in_spec != built:
        stale.append(spec)
print(f"built runtime: 0x{built}")
if stale:
    sys.exit("stale chain specs (run scripts/chain-specs.sh and commit them): " + ", ".join(stale))
PY
