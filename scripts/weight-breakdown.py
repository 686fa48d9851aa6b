#!/usr/bin/env python3
"""Prints where the weight of a purchase goes, part by part, from the generated weights files
and the measured database weights (runtime/src/weights/), as Markdown tables: each extrinsic of
the life cycle, the settlement's own part and each handler's, the overhead every transaction
pays (its base and its extensions), a transfer for comparison, and what a block pays once for
the keys every purchase shares (runtime/src/configs/hot_keys.rs).

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


def functions(path):
    """name -> body of each weight function of the file's runtime implementation."""
    text = (ROOT / path).read_text()
    if "for SubstrateWeight<T>" in text:
        text = text.split("for SubstrateWeight<T>", 1)[1].split("\nimpl WeightInfo for ()", 1)[0]
    out = {}
    for m in re.finditer(r"fn (\w+)\(([^)]*)\) -> Weight \{(.*?)\n\t\}", text, re.S):
        out[m.group(1)] = m.group(3)
    return out


def evaluate(body, components):
    """(ref_time, proof, reads, writes) of a weight function at the given component values."""
    ref = proof = reads = writes = 0
    for m in re.finditer(r"Weight::from_parts\(([\d_]+), ([\d_]+)\)(\.saturating_mul\((\w+)\.into\(\)\))?", body):
        k = components.get(m.group(4), 0) if m.group(3) else 1
        ref += int(m.group(1).replace("_", "")) * k
        proof += int(m.group(2).replace("_", "")) * k
    pattern = r"(?:DB|T::DbWeight::get\(\))\.%s\(\(?([\d_]+)(?:_u64)?\)?(\.saturating_mul\((\w+)\.into\(\)\))?\)"
    for kind in ("reads", "writes"):
        for m in re.finditer(pattern % kind, body):
            k = components.get(m.group(3), 0) if m.group(2) else 1
            n = int(m.group(1).replace("_", "")) * k
            if kind == "reads":
                reads += n
            else:
                writes += n
    return ref, proof, reads, writes


def hot_keys():
    text = (ROOT / "runtime/src/configs/hot_keys.rs").read_text()
    reads = int(re.search(r"HOT_READS: u64 = (\d+)", text).group(1))
    writes = int(re.search(r"HOT_WRITES: u64 = (\d+)", text).group(1))
    return reads, writes


def main():
    read, write = db_weights()
    cache = {}

    def weight(path, fn, comps=None):
        fns = cache.setdefault(path, functions(path))
        ref, proof, r, w = evaluate(fns[fn], comps or {})
        return {"ref": ref, "proof": proof, "r": r, "w": w, "db": r * read + w * write}

    def row(label, parts):
        total = {k: sum(p[k] for p in parts) for k in ("ref", "proof", "r", "w", "db")}
        print(f"| {label} | {total['r']} | {total['w']} | {total['ref'] / 1e6:.0f} | "
              f"{total['db'] / 1e6:.0f} | {(total['ref'] + total['db']) / 1e6:.0f} | {total['proof']} |")
        return total

    orders = "pallets/orders/src/weights.rs"
    ext = "runtime/src/weights/frame_system_extensions.rs"
    base = base_weight("extrinsic")
    print(f"Database weights: read {read / 1e6:.2f} µs, write {write / 1e6:.2f} µs; "
          f"ExtrinsicBaseWeight {base / 1e6:.1f} µs (runtime/src/weights/).\n")

    print("| part | reads | writes | exec µs | db µs | total µs | proof bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    extensions = [weight(ext, f) for f in (
        "check_non_zero_sender", "check_spec_version", "check_tx_version", "check_genesis",
        "check_mortality_immortal_transaction", "check_nonce", "check_weight", "weight_reclaim")]
    extensions.append(weight("runtime/src/weights/pallet_asset_conversion_tx_payment.rs",
                             "charge_asset_tx_payment_native"))
    overhead = row("transaction extensions (immortal, fee in DSG)", extensions)
    transfer = row("balances.transfer_keep_alive (call)",
                   [weight("runtime/src/weights/pallet_balances.rs", "transfer_keep_alive")])
    place = row("orders.place_order (call)", [weight(orders, "place_order")])
    ship = row("orders.mark_shipped (call)", [weight(orders, "mark_shipped")])
    confirm = row("orders.confirm_receipt (call)", [weight(orders, "confirm_receipt")])
    own = row("settle: orders' own part (split, payouts, close)", [weight(orders, "settle")])
    handlers = [
        ("settle: mining, liquid reward (64 halvings charged)", "pallets/mining/src/weights.rs", "on_order_settled_liquid", {"h": 64}),
        ("settle: rwa, NFT mint and record", "pallets/rwa/src/weights.rs", "on_order_settled", {}),
        ("settle: dividends, income", "pallets/dividends/src/weights.rs", "on_order_settled", {}),
        ("settle: reviews, fees and ticket (a round opens)", "pallets/reviews/src/weights.rs", "on_order_settled", {}),
    ]
    handler_totals = [row(label, [weight(path, fn, comps)]) for label, path, fn, comps in handlers]
    vested = row("(mining, vested reward, while `VestingPeriod` is set)",
                 [weight("pallets/mining/src/weights.rs", "on_order_settled_vested", {"h": 64})])
    settle_call = own["ref"] + own["db"] + sum(h["ref"] + h["db"] for h in handler_totals)

    per_tx = base + overhead["ref"] + overhead["db"]
    t = per_tx + transfer["ref"] + transfer["db"]
    calls = {
        "place_order": place["ref"] + place["db"],
        "mark_shipped": ship["ref"] + ship["db"],
        "confirm_receipt": confirm["ref"] + confirm["db"],
        "settle": settle_call,
    }
    print("\nWhat a block carries for each (base + extensions + call), against a transfer:\n")
    print("| extrinsic | µs | × transfer |")
    print("|---|---:|---:|")
    print(f"| transfer_keep_alive | {t / 1e6:.0f} | 1.00 |")
    for name, call in calls.items():
        print(f"| {name} | {(per_tx + call) / 1e6:.0f} | {(per_tx + call) / t:.2f} |")
    life = 4 * per_tx + sum(calls.values())
    print(f"| life cycle (the four) | {life / 1e6:.0f} | {life / t:.2f} |")
    vested_extra = vested["ref"] + vested["db"] - (handler_totals[0]["ref"] + handler_totals[0]["db"])
    print(f"\nWith a vesting period set, settle is charged the vested reward: "
          f"{(per_tx + settle_call + vested_extra) / 1e6:.0f} µs "
          f"({(per_tx + settle_call + vested_extra) / t:.2f} × a transfer).")
    hr, hw = hot_keys()
    print(f"Every block pays once for the {hr} keys all purchases share ({hw} of them written): "
          f"{(hr * read + hw * write) / 1e6:.0f} µs.")


if __name__ == "__main__":
    sys.exit(main())
