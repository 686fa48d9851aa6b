#!/usr/bin/env python3
"""Prints the weight of a settlement, part by part, from the generated weights.rs files and the
measured database weights (runtime/src/weights/paritydb_weights.rs), as a Markdown table.

Usage: scripts/weight-breakdown.py   (run after scripts/benchmark-db.sh and scripts/benchmark.sh)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PICO_PER_NANO = 1000


def db_weights():
    text = (ROOT / "runtime/src/weights/paritydb_weights.rs").read_text()
    read = int(re.search(r"read:\s*([\d_]+)", text).group(1).replace("_", ""))
    write = int(re.search(r"write:\s*([\d_]+)", text).group(1).replace("_", ""))
    return read * PICO_PER_NANO, write * PICO_PER_NANO


def base_weight(name):
    text = (ROOT / f"runtime/src/weights/{name}_weights.rs").read_text()
    return int(re.search(r"saturating_mul\(([\d_]+)\)", text).group(1).replace("_", "")) * PICO_PER_NANO


def functions(pallet):
    """name -> body of the weight function in the runtime's impl (`SubstrateWeight`)."""
    text = (ROOT / f"pallets/{pallet}/src/weights.rs").read_text()
    impl = text.split("impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T>", 1)[1]
    impl = impl.split("\nimpl WeightInfo for ()", 1)[0]
    out = {}
    for m in re.finditer(r"fn (\w+)\(([^)]*)\) -> Weight \{(.*?)\n\t\}", impl, re.S):
        out[m.group(1)] = m.group(3)
    return out


def evaluate(body, components):
    """(ref_time, proof, reads, writes) of a weight function at the given component values."""
    ref = proof = reads = writes = 0
    for m in re.finditer(r"Weight::from_parts\(([\d_]+), ([\d_]+)\)(\.saturating_mul\((\w+)\.into\(\)\))?", body):
        k = components.get(m.group(4), 0) if m.group(3) else 1
        ref += int(m.group(1).replace("_", "")) * k
        proof += int(m.group(2).replace("_", "")) * k
    for kind, m in [(k, m) for k in ("reads", "writes") for m in re.finditer(
            r"DB\.%s\(\(?([\d_]+)_u64\)?(\.saturating_mul\((\w+)\.into\(\)\))?\)" % k, body)]:
        k = components.get(m.group(3), 0) if m.group(2) else 1
        n = int(m.group(1).replace("_", "")) * k
        if kind == "reads":
            reads += n
        else:
            writes += n
    return ref, proof, reads, writes


def main():
    read, write = db_weights()
    parts = [
        ("orders: split, payouts, close (settle, own part)", "orders", "settle", {}),
        ("mining: reward, vested (no halving crossed)", "mining", "on_order_settled_vested", {"h": 0}),
        ("mining: reward, vested (charged: 64 halvings)", "mining", "on_order_settled_vested", {"h": 64}),
        ("rwa: NFT mint and record", "rwa", "on_order_settled", {}),
        ("dividends: income", "dividends", "on_order_settled", {}),
        ("reviews: fees and ticket", "reviews", "on_order_settled", {}),
        ("referrals: commission record (2 promoters)", "referrals", "on_order_settled", {"n": 2}),
        ("referrals: commissions lookup (2 promoters)", "referrals", "commissions", {"n": 2}),
    ]
    print(f"Database weights: read {read / 1e6:.1f} µs, write {write / 1e6:.1f} µs "
          f"(runtime/src/weights/paritydb_weights.rs); ExtrinsicBaseWeight "
          f"{base_weight('extrinsic') / 1e6:.1f} µs.\n")
    print("| part | reads | writes | exec µs | db µs | total µs | proof bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    cache = {}
    for label, pallet, fn, comps in parts:
        fns = cache.setdefault(pallet, functions(pallet))
        if fn not in fns:
            print(f"| {label} | missing `{pallet}::{fn}` | | | | | |")
            continue
        ref, proof, r, w = evaluate(fns[fn], comps)
        db = r * read + w * write
        print(f"| {label} | {r} | {w} | {ref / 1e6:.0f} | {db / 1e6:.0f} | {(ref + db) / 1e6:.0f} | {proof} |")


if __name__ == "__main__":
    sys.exit(main())
