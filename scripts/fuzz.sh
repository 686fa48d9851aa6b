#!/usr/bin/env bash
# Coverage-guided fuzzing of the runtime (libFuzzer through cargo-fuzz; the harness is fuzz/src/lib.rs).
# Usage: scripts/fuzz.sh [seconds]          default 600; 0 runs until stopped (Ctrl-C)
#        scripts/fuzz.sh --replay <file>    runs one input again, e.g. a crash it saved
# Inputs that crash are saved under fuzz/artifacts/runtime/, the corpus under fuzz/corpus/runtime/.
# The bounded run of the test command (fuzz/tests/bounded.rs) uses the same harness without
# coverage guidance.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
command -v cargo-fuzz >/dev/null 2>&1 || command cargo install cargo-fuzz --locked
# Instrumented builds differ in their flags from every other build: their own target directory,
# so they never evict the shared one. The Wasm runtime is not needed.
export CARGO_TARGET_DIR="$HOME/.cache/despend/fuzz-target"
export SKIP_WASM_BUILD=1
# cargo-fuzz's coverage flags are unstable rustc options; the project's stable toolchain takes
# them with RUSTC_BOOTSTRAP. No sanitizer: the runtime has no unsafe code of its own to check.
export RUSTC_BOOTSTRAP=1
run() { command cargo fuzz run --fuzz-dir fuzz --features libfuzzer --sanitizer none runtime "$@"; }
if [ "${1:-}" = "--replay" ]; then
  run "$2"
else
  mkdir -p fuzz/corpus/runtime
  # Longer inputs from the start (`-len_control=0`): an input is a sequence of extrinsics and
  # blocks, and libFuzzer's default lets it grow by a few bytes an hour (11 bytes after 30
  # minutes in the first long run), which keeps sequences to a handful of calls.
  run fuzz/corpus/runtime -- -max_total_time="${1:-600}" -max_len=2048 -len_control=0 -print_final_stats=1
fi
