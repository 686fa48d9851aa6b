#!/usr/bin/env bash
# Regenerates chain-specs/*.json from the runtime's genesis presets, with the node's
# `build-spec`: a readable spec and a raw one (what `--chain <file>` loads) per network.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
node_bin="$CARGO_TARGET_DIR/release/despend-node"
[ -x "$node_bin" ] || scripts/build.sh
mkdir -p chain-specs
for chain in dev local staging; do
  echo "==> chain-specs/$chain.json and chain-specs/$chain-raw.json"
  "$node_bin" build-spec --chain "$chain" --disable-default-bootnode >"chain-specs/$chain.json" 2>/dev/null
  "$node_bin" build-spec --chain "$chain" --disable-default-bootnode --raw >"chain-specs/$chain-raw.json" 2>/dev/null
done
