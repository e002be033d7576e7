#!/usr/bin/env python3
"""Turns one run of bench/run-io-sync.sh into the RESULTS.md tables.

usage: summarize_io_sync.py <dir with jmh.json>

Every figure is the median over all measurement iterations of all forks (JMH prints the mean;
the issues' reference figures are medians). Ratios divide Weft's median by the baseline's
median from the same run. For timers and ping_pong (time) below 1.0 means Weft is faster; for
echo (round trips per second) above 1.0 means Weft is faster.
"""
import json
import statistics
import sys
from pathlib import Path

P = "dev.weft.bench.workloads."
# (label, benchmark, higher is better, goal, per-op divisor for allocation, alloc unit)
ROWS = [
    ("timers, ms (ideal 10)", P + "Timers.timers", False, 35, 100_000, "B/task"),
    ("echo, round trips/s", P + "Echo.echo", True, 240_000, 1, "B/round trip"),
    ("ping_pong_1, ns/round trip", P + "PingPong.pingPong1", False, 250, 1, "B/round trip"),
    ("ping_pong_many, ns/round trip", P + "PingPong.pingPongMany", False, 120, 1, "B/round trip"),
]
RUNTIMES = ["weft", "vthreads", "kotlinx", "cf", "netty"]
NAMES = {"weft": "Weft", "vthreads": "VT", "kotlinx": "kotlinx", "cf": "CF/FJP(2)", "netty": "Netty NIO"}


def raw(metric):
    return [v for fork in metric.get("rawData", []) for v in fork]


def fmt(x, digits=1):
    if x is None:
        return "—"
    return f"{x:,.{digits}f}" if x < 1000 else f"{x:,.0f}"


def verdict(weft, goal, higher, netty):
    if weft is None:
        return "not measured"
    if higher:
        parts = []
        parts.append("met" if weft >= goal else f"missed by {goal - weft:,.0f} ({goal / weft:.1f}×)")
        if netty is not None:
            parts.append("ahead of Netty" if weft > netty else f"behind Netty ({netty / weft:.2f}×)")
        return "; ".join(parts)
    return "met" if weft <= goal else f"missed by {weft - goal:,.0f} ({weft / goal:.1f}×)"


def main():
    d = Path(sys.argv[1])
    runs = json.loads((d / "jmh.json").read_text())
    score, alloc, spread = {}, {}, {}
    for r in runs:
        key = (r["benchmark"], r["params"]["runtime"])
        vals = raw(r["primaryMetric"])
        score[key] = statistics.median(vals) if vals else None
        spread[key] = (min(vals), max(vals), len(vals)) if vals else None
        norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc[key] = statistics.median(raw(norm)) if norm and raw(norm) else None

    print("| workload | " + " | ".join(NAMES[rt] for rt in RUNTIMES)
          + " | Weft/VT | Weft/kotlinx | Weft/CF | Weft/Netty | Weft goal | goal |")
    print("|---|" + "---|" * (len(RUNTIMES) + 6))
    for label, bench, higher, goal, _, _ in ROWS:
        v = {rt: score.get((bench, rt)) for rt in RUNTIMES}
        ratios = []
        for rt in ["vthreads", "kotlinx", "cf", "netty"]:
            ratios.append("—" if v["weft"] is None or not v[rt] else f"{v['weft'] / v[rt]:.2f}")
        g = f"≥ {goal:,}" if higher else f"≤ {goal}"
        print(f"| {label} | " + " | ".join(fmt(v[rt]) for rt in RUNTIMES) + " | " + " | ".join(ratios)
              + f" | {g} | {verdict(v['weft'], goal, higher, v['netty'])} |")

    print()
    print("Allocation (`-prof gc`, gc.alloc.rate.norm, median):")
    print()
    print("| workload | unit | " + " | ".join(NAMES[rt] for rt in RUNTIMES) + " |")
    print("|---|---|" + "---|" * len(RUNTIMES))
    for label, bench, _, _, div, unit in ROWS:
        v = {rt: alloc.get((bench, rt)) for rt in RUNTIMES}
        print(f"| {label.split(',')[0]} | {unit} | "
              + " | ".join(fmt(v[rt] / div if v[rt] is not None else None, 0) for rt in RUNTIMES) + " |")

    print()
    print("Spread (min–max of the iterations):")
    print()
    for label, bench, _, _, _, _ in ROWS:
        parts = [f"{rt} {fmt(spread[(bench, rt)][0], 0)}–{fmt(spread[(bench, rt)][1], 0)} (n={spread[(bench, rt)][2]})"
                 for rt in RUNTIMES if spread.get((bench, rt))]
        print(f"- {label}: " + "; ".join(parts))


if __name__ == "__main__":
    main()
