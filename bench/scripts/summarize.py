#!/usr/bin/env python3
"""Turns one run of bench/run-workloads.sh into the RESULTS.md tables.

usage: summarize.py <dir with jmh.json and memory_idle.txt>

Every figure is the median over all measurement iterations of all forks (JMH prints the mean;
the issue's reference figures are medians). Ratios divide Weft's median by the baseline's
median from the same run: below 1.0 Weft is faster (or smaller).
"""
import json
import re
import statistics
import sys
from pathlib import Path

# (workload label, JMH benchmark, unit, goal) in the issue's order
JMH = [
    ("spawn_many, ns/task", "dev.weft.bench.workloads.SpawnMany.spawnMany", 100),
    ("yield_many, ns/yield", "dev.weft.bench.workloads.YieldMany.yieldMany", 30),
    ("chained_spawn, ns/hop", "dev.weft.bench.workloads.ChainedSpawn.chainedSpawn", 80),
    ("deep_yield (depth 50), ns/yield", "dev.weft.bench.workloads.DeepYield.deepYield", 200),
]
RUNTIMES = ["weft", "vthreads", "kotlinx", "cf"]
MEM_GOALS = {"bytes": 160, "wake": 200}


def median_raw(metric):
    values = [v for fork in metric.get("rawData", []) for v in fork]
    return statistics.median(values) if values else None


def fmt(x, digits=1):
    if x is None:
        return "—"
    return f"{x:,.{digits}f}" if x < 1000 else f"{x:,.0f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.2f}"


def verdict(weft, goal):
    if weft is None:
        return "not measured"
    if weft <= goal:
        return "met"
    return f"missed by {weft - goal:,.0f} ({weft / goal:.1f}×)"


def main():
    d = Path(sys.argv[1])
    runs = json.loads((d / "jmh.json").read_text())
    score, alloc = {}, {}
    for r in runs:
        key = (r["benchmark"], r["params"]["runtime"])
        score[key] = median_raw(r["primaryMetric"])
        norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc[key] = median_raw(norm) if norm else None

    mem = {}
    text = (d / "memory_idle.txt").read_text() if (d / "memory_idle.txt").exists() else ""
    for m in re.finditer(r"memory_idle (\w+) tasks=\d+ rounds=\d+: median ([\d.]+) bytes/task.*?"
                         r"wake-all median ([\d.]+) ns/task", text):
        mem[m.group(1)] = (float(m.group(2)), float(m.group(3)))

    print("| workload | Weft | VT | kotlinx | CF/FJP(2) | Weft/VT | Weft/CF | Weft goal | goal |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, bench, goal in JMH:
        v = {rt: score.get((bench, rt)) for rt in RUNTIMES}
        print(f"| {label} | {fmt(v['weft'])} | {fmt(v['vthreads'])} | {fmt(v['kotlinx'])} | {fmt(v['cf'])}"
              f" | {ratio(v['weft'], v['vthreads'])} | {ratio(v['weft'], v['cf'])} | ≤ {goal} | {verdict(v['weft'], goal)} |")
    for label, idx, goal in [("memory_idle, bytes/task", 0, MEM_GOALS["bytes"]),
                             ("memory_idle wake-all, ns/task", 1, MEM_GOALS["wake"])]:
        v = {rt: (mem[rt][idx] if rt in mem else None) for rt in RUNTIMES}
        print(f"| {label} | {fmt(v['weft'])} | {fmt(v['vthreads'])} | {fmt(v['kotlinx'])} | {fmt(v['cf'])}"
              f" | {ratio(v['weft'], v['vthreads'])} | {ratio(v['weft'], v['cf'])} | ≤ {goal} | {verdict(v['weft'], goal)} |")

    print()
    print("Allocation (`-prof gc`, gc.alloc.rate.norm, median bytes per task/yield/hop):")
    print()
    print("| workload | Weft | VT | kotlinx | CF/FJP(2) |")
    print("|---|---|---|---|---|")
    for label, bench, _ in JMH:
        v = {rt: alloc.get((bench, rt)) for rt in RUNTIMES}
        print(f"| {label.split(',')[0]} | {fmt(v['weft'], 0)} | {fmt(v['vthreads'], 0)} | {fmt(v['kotlinx'], 0)} | {fmt(v['cf'], 0)} |")

    print()
    print("Spread (min–max of the iterations, ns):")
    print()
    for label, bench, _ in JMH:
        parts = []
        for rt in RUNTIMES:
            r = next((x for x in runs if x["benchmark"] == bench and x["params"]["runtime"] == rt), None)
            if r:
                vals = [v for f in r["primaryMetric"]["rawData"] for v in f]
                parts.append(f"{rt} {min(vals):,.0f}–{max(vals):,.0f} (n={len(vals)})")
        print(f"- {label.split(',')[0]}: " + "; ".join(parts))


if __name__ == "__main__":
    main()
