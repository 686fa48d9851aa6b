# Sourced by every script: one target directory for all builds, and the Wasm toolchain recipe.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/despend/target}"
export WASM_BUILD_TOOLCHAIN="${WASM_BUILD_TOOLCHAIN:-debian}"
# The runtime Wasm must not depend on where it is built. Panic locations embed source paths,
# and cargo hashes a path dependency's absolute path into its crate metadata (symbol names,
# type ids), and substrate-wasm-builder's project names the runtime by absolute path. So every
# cargo call of the scripts goes through one fixed path, a symlink to this checkout
# ($DESPEND_BUILD_ROOT, re-pointed here; one checkout builds at a time), and the registry and
# target directory are mapped to fixed names. Two checkouts of one commit then build the same
# bytes (scripts/build-runtime.sh prints the hash).
_despend_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export DESPEND_BUILD_ROOT="${DESPEND_BUILD_ROOT:-/tmp/despend-src}"
if [ -e "$DESPEND_BUILD_ROOT" ] && [ ! -L "$DESPEND_BUILD_ROOT" ]; then
  echo "$DESPEND_BUILD_ROOT exists and is not a symlink: move it away, or set DESPEND_BUILD_ROOT" >&2
  return 1
fi
ln -sfn "$_despend_root" "$DESPEND_BUILD_ROOT"
cargo() {
  local sub=$1
  shift
  command cargo "$sub" --manifest-path "$DESPEND_BUILD_ROOT/Cargo.toml" "$@"
}
_cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export WASM_BUILD_RUSTFLAGS="${WASM_BUILD_RUSTFLAGS:--C link-arg=--allow-undefined \
--remap-path-prefix=$DESPEND_BUILD_ROOT=/despend --remap-path-prefix=$_despend_root=/despend \
--remap-path-prefix=$_cargo_home=/cargo --remap-path-prefix=$CARGO_TARGET_DIR=/target}"
# The runtime's Wasm build must use this workspace's Cargo.lock; with the target directory
# outside the repository, substrate-wasm-builder cannot find it without this hint.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$DESPEND_BUILD_ROOT}"
# frame-benchmarking-cli (runtime-benchmarks builds only) embeds a test runtime for
# `benchmark storage --validate`; its Wasm build cannot resolve under our workspace hint and we
# do not use that mode, so skip it.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
