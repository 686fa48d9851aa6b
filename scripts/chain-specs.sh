#!/usr/bin/env bash
# Regenerates chain-specs/*.json from the runtime's genesis presets, with the node's
# `build-spec`: a readable spec and a raw one (what `--chain <file>` loads) per network.
# Refuses to write a staging spec that holds a development key (their secret keys are public):
# the staging preset's placeholders must be replaced by real keys, never by //Alice & co.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
node_bin="$CARGO_TARGET_DIR/release/despend-node"
[ -x "$node_bin" ] || scripts/build.sh
mkdir -p chain-specs

# Fails if the raw spec $1 contains the public key of any development keyring account in its
# state. The runtime's code is left out of the search: the Wasm holds the development presets,
# and its compressed bytes may carry a key verbatim without the state holding it.
refuse_dev_keys() {
  local raw=$1 name scheme derivation public state
  state=$(mktemp)
  python3 - "$raw" >"$state" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
spec["genesis"]["raw"]["top"].pop("0x3a636f6465", None)
json.dump(spec, sys.stdout)
PY
  for name in Alice Bob Charlie Dave Eve Ferdie One Two; do
    for derivation in "//$name" "//$name//stash"; do
      for scheme in sr25519 ed25519; do
        public=$("$node_bin" key inspect --scheme "$scheme" --output-type json "$derivation" \
          | python3 -c 'import json,sys; print(json.load(sys.stdin)["publicKey"][2:])')
        if grep -qi "$public" "$state"; then
          rm -f "$state"
          echo "refusing $raw: it holds the development key $derivation ($scheme)" >&2
          return 1
        fi
      done
    done
  done
  rm -f "$state"
}

for chain in dev local staging; do
  echo "==> chain-specs/$chain.json and chain-specs/$chain-raw.json"
  "$node_bin" build-spec --chain "$chain" --disable-default-bootnode >"chain-specs/$chain.json.tmp" 2>/dev/null
  "$node_bin" build-spec --chain "$chain" --disable-default-bootnode --raw >"chain-specs/$chain-raw.json.tmp" 2>/dev/null
  if [ "$chain" = staging ]; then
    refuse_dev_keys "chain-specs/$chain-raw.json.tmp" || { rm -f chain-specs/*.tmp; exit 1; }
    for spec in "chain-specs/$chain.json.tmp" "chain-specs/$chain-raw.json.tmp"; do
      python3 - "$spec" scripts/staging-bootnodes.txt <<'PY'
import json, sys
spec_path, list_path = sys.argv[1], sys.argv[2]
nodes = [l.strip() for l in open(list_path) if l.strip() and not l.lstrip().startswith("#")]
spec = json.load(open(spec_path))
spec["bootNodes"] = nodes
json.dump(spec, open(spec_path, "w"), indent=2)
open(spec_path, "a").write("\n")
PY
    done
  fi
  mv "chain-specs/$chain.json.tmp" "chain-specs/$chain.json"
  mv "chain-specs/$chain-raw.json.tmp" "chain-specs/$chain-raw.json"
done
