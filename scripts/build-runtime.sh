#!/usr/bin/env bash
# Builds the runtime Wasm reproducibly (the same bytes from any checkout path, user or machine
# with this project's toolchain: see scripts/env.sh) and prints what a voter checks a runtime
# upgrade proposal against: the blake2-256 hash that `system.authorizeUpgrade` takes.
# Usage: scripts/build-runtime.sh          prints "<hash> <path of the Wasm>"
#        scripts/build-runtime.sh --next   the same for this source with `spec_version + 1`: the
#                                          runtime the upgrade test (zombienet/0004) applies
set -euo pipefail
cd "$(dirname "$0")/.."

hash_of() {
  python3 - "$1" <<'PY'
import hashlib, sys
path = sys.argv[1]
code = open(path, "rb").read()
print("0x" + hashlib.blake2b(code, digest_size=32).hexdigest(), path)
PY
}

if [ "${1:-}" != "--next" ]; then
  . scripts/env.sh
  echo "==> cargo build --locked --release -p despend-runtime (target: $CARGO_TARGET_DIR)" >&2
  cargo build --locked --release -p despend-runtime >&2
  hash_of "$CARGO_TARGET_DIR/release/wbuild/despend-runtime/despend_runtime.compact.compressed.wasm"
  exit 0
fi

# The next runtime is built from a copy of this checkout with `spec_version + 1`, under its own
# fixed build root, into the same target directory. The copy is kept between runs and only
# files whose content changed are rewritten, so cargo rebuilds only what changed. Its Wasm gets
# its own file name, so the two runtimes never overwrite each other in the target directory.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/despend/target}"
next_src="${DESPEND_NEXT_SRC:-$HOME/.cache/despend/next-src}"
python3 - "$PWD" "$next_src" <<'PY'
import os, re, subprocess, sys
src, dst = sys.argv[1], sys.argv[2]
files = subprocess.run(["git", "-C", src, "ls-files", "-z", "--cached", "--others",
                        "--exclude-standard"], check=True, capture_output=True).stdout
files = {f for f in files.decode().split("\0") if f and os.path.isfile(os.path.join(src, f))}

def read(path):
    with open(path, "rb") as f:
        return f.read()

def patch(rel, data):
    text = data.decode()
    if rel == "runtime/src/lib.rs":
        version = re.search(r"spec_version: (\d+),", text)
        if not version:
            sys.exit("runtime/src/lib.rs: no `spec_version: N,` to raise")
        text = text.replace(version.group(0), f"spec_version: {int(version.group(1)) + 1},", 1)
        text = text.replace('"/wasm_binary.rs"', '"/despend_runtime_next"', 1)
    elif rel == "runtime/build.rs":
        text = text.replace("WasmBuilder::init_with_defaults()",
                            'WasmBuilder::init_with_defaults().set_file_name("despend_runtime_next")')
        text = text.replace("WasmBuilder::build_using_defaults();",
                            'WasmBuilder::init_with_defaults().set_file_name("despend_runtime_next").build();')
        if text.count("despend_runtime_next") != 2:
            sys.exit("runtime/build.rs: cannot name the next runtime's Wasm")
    return text.encode()

for rel in sorted(files):
    data = read(os.path.join(src, rel))
    data = patch(rel, data) if rel in ("runtime/src/lib.rs", "runtime/build.rs") else data
    out = os.path.join(dst, rel)
    if os.path.isfile(out) and read(out) == data:
        continue
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(data)
    os.chmod(out, os.stat(os.path.join(src, rel)).st_mode)
for root, dirs, names in os.walk(dst):
    dirs[:] = [d for d in dirs if d not in (".git", "node_modules")]
    for name in names:
        rel = os.path.relpath(os.path.join(root, name), dst)
        if rel not in files:
            os.remove(os.path.join(root, name))
PY
(
  unset WASM_BUILD_RUSTFLAGS WASM_BUILD_WORKSPACE_HINT
  export DESPEND_BUILD_ROOT=/tmp/despend-next-src
  . "$next_src/scripts/env.sh"
  echo "==> next runtime (spec_version + 1) from $next_src (target: $CARGO_TARGET_DIR)" >&2
  cargo build --locked --release -p despend-runtime >&2
)
hash_of "$CARGO_TARGET_DIR/release/wbuild/despend-runtime/despend_runtime_next.compact.compressed.wasm"
