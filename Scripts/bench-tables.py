#!/usr/bin/env python3
"""Turns a package-benchmark `histogramPercentiles` export of Packages/CacheBenchmarks into the
Markdown tables of Docs/PERFORMANCE.md (Scripts/bench.sh runs it)."""
import argparse
import os
import re
from collections import defaultdict

PERCENTILE = 25  # the lower quartile: other processes' load on the shared machine pushes the upper half up
BASELINE = "Mutex+Dictionary"
SUFFIX = ".histogram.percentiles.tsv"
WORKLOADS = {
    "a get-hit": "(a) get-hit: 10,000 entries, uniformly random reads that all hit",
    "b set-evict": "(b) set with eviction: capacity 10,000, 1,000,000 distinct keys",
    "c zipf-mixed": "(c) 90% get / 10% set, Zipf(0.99) over 100,000 keys, capacity 10,000",
    "d read-through": "(d) read-through on the stream of (c): get, and set on a miss",
    "e zipf-2-threads": "(e) the stream of (c) from 2 threads sharing one cache",
    "f ttl-churn": "(f) TTL churn: half reads, half writes each with its own TTL (1–20 ms), "
    "20,000 keys, capacity 10,000, the clock advancing 1 µs every 4 operations",
    "g memory": "(g) memory: bytes per entry beyond the key and value, at 1,000,000 entries",
    "h hits-2-threads": "(h) the stream of (a) from 2 threads sharing one cache",
}
# Each 2-thread workload and the 1-thread workload that runs the same stream.
SINGLE_THREADED = {"e zipf-2-threads": "c zipf-mixed", "h hits-2-threads": "a get-hit"}
CONTROL = "Mutex+Dictionary per thread"
KEYS = ["Int", "String"]


def read_runs(folders):
    """The runs merged: for each benchmark and metric, each percentile's best (lowest) value over
    the runs, but the hit ratio's from the first run (it does not depend on the machine)."""
    merged = defaultdict(dict)
    for folder in folders:
        for benchmark, metrics in read_results(folder).items():
            for metric, values in metrics.items():
                if metric not in merged[benchmark]:
                    merged[benchmark][metric] = values
                elif not metric.startswith("hit"):
                    old = merged[benchmark][metric]
                    merged[benchmark][metric] = {p: min(v, old.get(p, v)) for p, v in values.items()}
    return merged


def read_results(folder):
    """{(workload, key, contender): {metric: {percentile: value}}}"""
    results = defaultdict(dict)
    for name in os.listdir(folder):
        if not name.endswith(SUFFIX):
            continue
        stem = name[: -len(SUFFIX)]
        stem = stem.split(".", 2)[2]  # drop "Current_run.CacheBenchmarks."
        benchmark, metric = stem.rsplit(".", 1)
        left, contender = benchmark.split(":_", 1)
        match = re.match(r"^(.*)_(Int|String)$", left)
        if not match:
            continue
        workload = match.group(1).replace("_", " ")
        values = {}
        with open(os.path.join(folder, name)) as tsv:
            next(tsv)
            for line in tsv:
                percentile, value = line.split("\t")
                values[int(percentile)] = float(value)
        results[(workload, match.group(2), contender.replace("_", " "))][metric] = values
    return results


def ns_per_op(metrics):
    if "wallClock" not in metrics or "operations" not in metrics:
        return None
    return metrics["wallClock"][PERCENTILE] / metrics["operations"][50]


def hit_ratio(metrics):
    for metric, values in metrics.items():
        if metric.startswith("hit"):
            return values[50] / 100
    return None


def overhead(metrics):
    for metric, values in metrics.items():
        if metric.startswith("overhead"):
            return values[0] / 1_000_000
    return None


def scaling(results, workload, key, contender):
    """A contender's speed-up from two threads (its 1-thread time over its 2-thread wall time per
    operation) as a share of the control's in the same run; the control's 1-thread counterpart is
    the Mutex+Dictionary baseline."""
    single = SINGLE_THREADED[workload]
    one = ns_per_op(results.get((single, key, BASELINE if contender == CONTROL else contender), {}))
    two = ns_per_op(results.get((workload, key, contender), {}))
    control_one = ns_per_op(results.get((single, key, BASELINE), {}))
    control_two = ns_per_op(results.get((workload, key, CONTROL), {}))
    if not (one and two and control_one and control_two):
        return None
    return (one / two) / (control_one / control_two)


def contender_order(names):
    fixed = ["Dictionary", BASELINE, CONTROL, "NSCache"]
    rest = [n for n in names if n not in fixed]
    return [n for n in fixed if n in names] + rest


def fmt_ns(value):
    if value is None:
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def fmt_ratio(value):
    return "—" if value is None else f"{value:.2f}×"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--date", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--machine", required=True)
    parser.add_argument("--command", required=True)
    args = parser.parse_args()
    results = read_runs(args.folders)
    order = []
    for (workload, key, contender) in sorted(results):
        if contender not in order:
            order.append(contender)
    # Keep the suite's registration order for policies: baselines first, then as registered.
    out = []
    out.append("## Benchmark suite (`Scripts/bench.sh`)")
    out.append("")
    out.append(f"- Date: {args.date}; commit: `{args.commit}`; machine: {args.machine}.")
    out.append(f"- Command: `{args.command}`.")
    out.append(
        f"- Each figure is the lower quartile (p{PERCENTILE}) of a benchmark's iterations (100,000 operations "
        f"each), in ns per operation, the best of {len(args.folders)} run(s); ×base is that figure over the "
        "Mutex+Dictionary baseline's for the same workload and key type. Hit ratios are the median iteration's."
    )
    out.append("")
    for workload, title in WORKLOADS.items():
        rows = sorted({c for (w, k, c) in results if w == workload}, key=lambda c: order.index(c))
        if not rows:
            continue
        rows = contender_order(rows)
        out.append(f"### {title}")
        out.append("")
        if workload == "g memory":
            out.append("| contender | Int → Int | String → String |")
            out.append("|---|---:|---:|")
            for contender in rows:
                cells = []
                for key in KEYS:
                    value = overhead(results.get((workload, key, contender), {}))
                    cells.append("—" if value is None else f"{value:.1f}")
                out.append(f"| {contender} | {' | '.join(cells)} |")
            out.append("")
            continue
        with_hits = workload != "b set-evict"
        concurrent = workload in SINGLE_THREADED
        header = "| contender |"
        rule = "|---|"
        for key in KEYS:
            header += f" {key} ns/op | {key} ×base |"
            rule += "---:|---:|"
            if concurrent:
                header += f" {key} ×1-thread base | {key} scaling |"
                rule += "---:|---:|"
            if with_hits:
                header += f" {key} hit ratio |"
                rule += "---:|"
        out.append(header)
        out.append(rule)
        for contender in rows:
            line = f"| {contender} |"
            for key in KEYS:
                metrics = results.get((workload, key, contender), {})
                value = ns_per_op(metrics)
                base = ns_per_op(results.get((workload, key, BASELINE), {}))
                ratio = value / base if value and base else None
                line += f" {fmt_ns(value)} | {fmt_ratio(ratio)} |"
                if concurrent:
                    one = ns_per_op(results.get((SINGLE_THREADED[workload], key, BASELINE), {}))
                    share = scaling(results, workload, key, contender)
                    line += f" {fmt_ratio(value / one if value and one else None)} |"
                    line += " — |" if share is None else f" {share * 100:.0f}% |"
                if with_hits:
                    hits = hit_ratio(metrics)
                    line += " — |" if hits is None else f" {hits:.1f}% |"
            out.append(line)
        if concurrent:
            single = SINGLE_THREADED[workload]
            out.append("")
            out.append(
                f"×1-thread base: wall time per operation over the single-thread Mutex+Dictionary of ({single[0]}) "
                "in this run (below 1 means the two threads together beat one thread on the baseline). "
                f"Scaling: the contender's speed-up from two threads (its time in ({single[0]}) over its time here) "
                f"as a share of the control's ({CONTROL}: each thread its own, against Mutex+Dictionary in "
                f"({single[0]})); 100% scales as well as threads that share nothing."
            )
        out.append("")
    out += targets(results)
    print("\n".join(out))


TARGETS = [
    # (label, workload, contender, limit, what the figure is)
    ("(a) get-hit, LRU", "a get-hit", "Cache lru", 1.15, "ratio"),
    ("(b) set with eviction, LRU", "b set-evict", "Cache lru", 1.25, "ratio"),
    ("(c) Zipf 90/10, LRU", "c zipf-mixed", "Cache lru", 1.15, "ratio"),
    ("(c) Zipf 90/10, W-TinyLFU", "c zipf-mixed", "Cache tinylfu", 1.3, "ratio"),
    ("(e) 2 threads, ShardedCache LRU", "e zipf-2-threads", "ShardedCache lru", 0.75, "one-thread ratio"),
    ("(h) 2 threads, ShardedCache LRU, scaling", "h hits-2-threads", "ShardedCache lru", 0.85, "scaling"),
    ("(h) 2 threads, ShardedCache W-TinyLFU, scaling", "h hits-2-threads", "ShardedCache tinylfu", 0.85, "scaling"),
    ("(e) 2 threads, ShardedCache LRU, scaling", "e zipf-2-threads", "ShardedCache lru", 0.7, "scaling"),
    ("(h) 2 threads, Cache W-TinyLFU, scaling", "h hits-2-threads", "Cache tinylfu", 0.7, "scaling"),
    ("(g) memory, LRU (bytes per entry)", "g memory", "Cache lru", 48, "bytes"),
]


def targets(results):
    """The issue's targets, checked against this run."""
    out = ["### Targets", "", "| target | limit | Int | String |", "|---|---:|---:|---:|"]
    for label, workload, contender, limit, kind in TARGETS:
        cells = []
        for key in KEYS:
            metrics = results.get((workload, key, contender))
            if metrics is None:
                cells.append("—")
                continue
            if kind == "bytes":
                value = overhead(metrics)
                cells.append(f"{value:.1f} {'met' if value <= limit else 'not met'}")
                continue
            if kind == "scaling":
                share = scaling(results, workload, key, contender)
                cells.append("—" if share is None else f"{share * 100:.0f}% {'met' if share >= limit else 'not met'}")
                continue
            base_workload = "c zipf-mixed" if kind == "one-thread ratio" else workload
            base = ns_per_op(results.get((base_workload, key, BASELINE), {}))
            value = ns_per_op(metrics)
            if not value or not base:
                cells.append("—")
                continue
            ratio = value / base
            cells.append(f"{ratio:.2f}× {'met' if ratio <= limit else 'not met'}")
        if all(cell == "—" for cell in cells):
            continue
        shown = {"bytes": f"≤ {limit}", "scaling": f"≥ {limit * 100:.0f}%"}.get(kind, f"≤ {limit}×")
        out.append(f"| {label} | {shown} | {' | '.join(cells)} |")
    out.append("")
    return out


if __name__ == "__main__":
    main()
