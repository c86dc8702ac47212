#!/usr/bin/env bash
# Runs the benchmark suite (Packages/CacheBenchmarks, package-benchmark) and writes its tables into
# Docs/PERFORMANCE.md, between the "bench.sh" markers (replacing the previous run's tables).
#
#   Scripts/bench.sh                  the whole suite, 3 times (about 20 minutes on 2 cores)
#   Scripts/bench.sh --runs N         N times: each figure is the best of the N runs' figures
#   Scripts/bench.sh --filter REGEX   only the benchmarks whose whole names match (e.g. 'a get-hit Int.*')
#   Scripts/bench.sh --no-write       print the tables instead of writing them into the doc
#
# Every figure is the lower quartile (p25) of a benchmark's iterations, in ns per operation, the
# best of the runs, and its ratio to the Mutex+Dictionary baseline of the same workload and key
# type. The machine is shared: other processes' load comes and goes within a run, and the best
# of several runs is what is left when it went.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
filters=()
write=1
runs=3
while (($#)); do
    case "$1" in
        --filter) filters+=(--filter "$2"); shift 2 ;;
        --no-write) write=0; shift ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: Scripts/bench.sh [--filter REGEX]... [--runs N] [--no-write]" >&2; exit 2 ;;
    esac
done
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
command="swift package benchmark --no-progress --format histogramPercentiles ${filters[*]:-}"
for run in $(seq 1 "$runs"); do
    mkdir -p "$results/run$run"
    (
        cd "$repo/Packages/CacheBenchmarks"
        swift package benchmark --no-progress --format histogramPercentiles --path "$results/run$run" \
            "${filters[@]}" < /dev/null > "$results/run$run.log" 2>&1
    ) || { cat "$results/run$run.log"; exit 1; }
done

commit=$(git -C "$repo" rev-parse --short HEAD)
if [[ -n $(git -C "$repo" status --porcelain -- Packages) ]]; then commit+=" (with uncommitted changes)"; fi
machine="$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(swift --version 2>&1 | head -1 | sed 's/ (.*//')"

python3 "$repo/Scripts/bench-tables.py" "$results"/run*/ \
    --date "$(date -u +%Y-%m-%d)" --commit "$commit" --machine "$machine" \
    --command "Scripts/bench.sh --runs $runs${filters[*]:+ ${filters[*]}}  (runs $runs × $command)" \
    > "$results/tables.md"

if ((write)); then
    python3 - "$repo/Docs/PERFORMANCE.md" "$results/tables.md" <<'PY'
import sys
doc_path, tables_path = sys.argv[1], sys.argv[2]
begin, end = "<!-- bench.sh: begin -->", "<!-- bench.sh: end -->"
doc = open(doc_path).read()
tables = open(tables_path).read().rstrip("\n")
block = f"{begin}\n{tables}\n{end}"
if begin in doc and end in doc:
    doc = doc[: doc.index(begin)] + block + doc[doc.index(end) + len(end):]
else:
    doc = doc.rstrip("\n") + "\n\n" + block + "\n"
open(doc_path, "w").write(doc)
PY
    echo "bench.sh: wrote the tables into Docs/PERFORMANCE.md"
else
    cat "$results/tables.md"
fi
