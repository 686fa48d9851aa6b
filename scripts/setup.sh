#!/usr/bin/env bash
# Installs everything a fresh machine needs to build and test DeSpend Chain.
# Idempotent: every step checks before it acts, so running it again is cheap.
# The Wasm steps follow docs/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

say() { printf '==> %s\n' "$*"; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo -E"

# 1. Debian packages: Debian's rustc (for the Wasm runtime), its std sources, rust-lld, protoc.
APT_PACKAGES=(rustc-web cargo-web rust-web-src lld-22 protobuf-compiler)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${APT_PACKAGES[@]}"
else
  say "Debian packages present"
fi

# 2. Debian's compiler as the rustup toolchain `debian`.
if ! rustup toolchain list | grep -q '^debian'; then
  say "linking /usr as rustup toolchain 'debian'"
  rustup toolchain link debian /usr
fi

# 3. A wasm32v1-none standard library for that toolchain, built once from its own sources.
WASM_STD_DIR=/usr/lib/rustlib/wasm32v1-none/lib
if ! ls "$WASM_STD_DIR"/libcore-*.rlib >/dev/null 2>&1; then
  say "building core/alloc for wasm32v1-none (about a minute)"
  work=$(mktemp -d)
  mkdir -p "$work/src"
  cat >"$work/Cargo.toml" <<'TOML'
[package]
name = "wasm-std-seed"
version = "0.0.0"
edition = "2021"
[lib]
path = "src/lib.rs"
[profile.release]
panic = "abort"
TOML
  printf '#![no_std]\nextern crate alloc;\n' >"$work/src/lib.rs"
  (cd "$work" && RUSTFLAGS="-Cembed-bitcode=yes" RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$work/target" \
    rustup run debian cargo build --release -Zbuild-std=core,alloc \
    -Zbuild-std-features=compiler-builtins-mem --target wasm32v1-none)
  $SUDO mkdir -p "$WASM_STD_DIR"
  deps="$work/target/wasm32v1-none/release/deps"
  $SUDO cp "$deps"/libcore-*.rlib "$deps"/liballoc-*.rlib "$deps"/libcompiler_builtins-*.rlib "$WASM_STD_DIR"/
  rm -rf "$work"
  # A rebuilt std invalidates any runtime built against the old one (docs/toolchain.md, step 5).
  rm -rf "$CARGO_TARGET_DIR"/*/wbuild
else
  say "wasm32v1-none std present"
fi

# 4. npm packages of the end-to-end and network tests (exact versions from package-lock.json).
if [ -f tests/package-lock.json ]; then
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    say "installing npm packages of tests/"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  else
    say "npm packages present"
  fi
fi
say "setup done"
