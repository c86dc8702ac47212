#!/usr/bin/env bash
# Instructions per get-hit, counted by valgrind's callgrind (unlike wall-clock time, the count
# does not move with the load of a shared machine): a full 10,000-entry `Cache<Int, Int>` read
# 1,000,000 times at random keys, from another module as a user reads it, for each policy
# asked for, and the same loop on a Dictionary behind a Mutex (the baseline). The figures of
# Docs/PERFORMANCE.md that say "callgrind" come from here.
#
#   Scripts/callgrind-hit.sh [POLICY|dict ...]     default: tinylfu lru fifo dict
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
modes=("$@")
((${#modes[@]})) || modes=(tinylfu lru fifo dict)
command -v valgrind > /dev/null || { apt-get update && apt-get install -y valgrind; }
scratch=${CALLGRIND_DIR:-$(mktemp -d)}
mkdir -p "$scratch/Sources/HitLoop"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "HitLoop",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-caching", path: "$repo")],
    targets: [
        .executableTarget(name: "HitLoop", dependencies: [.product(name: "CachePolicies", package: "swift-caching")])
    ]
)
SWIFT
cat > "$scratch/Sources/HitLoop/main.swift" <<'SWIFT'
import CachePolicies
import Synchronization

// HitLoop POLICY|dict HITS: fills 10,000 entries, reads each once, then HITS random hits in
// `timedCacheReads` or `timedBaselineReads`, whose inclusive instruction count the script
// divides by HITS. (No closures: one made at the top level would be isolated to the main actor
// and checked on every call.)
let mode = CommandLine.arguments[1]
let hits = Int(CommandLine.arguments[2])!
let size = 10_000
var generator = SplitMix64(seed: 1)
let keys = (0..<hits).map { _ in Int.random(in: 0..<size, using: &generator) }

@inline(never) func timedCacheReads(_ cache: Cache<Int, Int>, _ keys: [Int]) -> Int {
    var sum = 0
    for key in keys { sum &+= cache.get(key)! }
    return sum
}

@inline(never) func timedBaselineReads(_ baseline: borrowing Mutex<[Int: Int]>, _ keys: [Int]) -> Int {
    var sum = 0
    for key in keys { sum &+= baseline.withLock { $0[key] }! }
    return sum
}

if mode == "dict" {
    let baseline = Mutex<[Int: Int]>(Dictionary(uniqueKeysWithValues: (0..<size).map { ($0, $0) }))
    print(timedBaselineReads(baseline, keys))
} else {
    guard let policy = CachePolicy.named(mode, seed: 1) else { fatalError("no policy named \(mode)") }
    let cache = Cache<Int, Int>(maxSize: size, policy: policy)
    for key in 0..<size { cache[key] = key }
    for key in 0..<size { precondition(cache[key] == key) }
    print(timedCacheReads(cache, keys))
}
SWIFT
(cd "$scratch" && swift build -c release --product HitLoop 2>&1 | grep -E "error|warning: " >&2 || true)
[[ -x "$scratch/.build/release/HitLoop" ]] || { echo "callgrind-hit.sh: the loop did not build" >&2; exit 1; }
hits=1000000
printf '%-10s %s\n' mode "instructions per hit"
for mode in "${modes[@]}"; do
    out="$scratch/callgrind.$mode"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$scratch/.build/release/HitLoop" "$mode" "$hits" \
        > /dev/null 2>&1
    # The loop function's own line (main.swift), inclusive of everything it calls.
    callgrind_annotate --inclusive=yes "$out" > "$out.txt"
    loop=$(awk '/main\.swift:.*timed(Cache|Baseline)Reads/ { gsub(",", "", $1); print $1; exit }' "$out.txt")
    printf '%-10s %s\n' "$mode" "$((loop / hits))"
done
