#!/usr/bin/env bash
# Instructions per operation, counted by valgrind's callgrind (unlike wall-clock time, the count
# does not move with the load of a shared machine), for each policy asked for and for the
# baseline (`dict`: a Dictionary behind a Mutex, bounded FIFO-style by a ring of its keys):
#   get-hit       a full 10,000-entry `Cache<Int, Int>` read 1,000,000 times at random keys;
#   evicting set  the same full cache written 1,000,000 keys it has never seen, each evicting one.
# Both loops call the cache from another module, as a user does. `sharded-POLICY` runs them on a
# `ShardedCache` of 16 shards instead. The figures of Docs/PERFORMANCE.md that say "callgrind"
# come from here.
#
#   Scripts/callgrind-hit.sh [POLICY|sharded-POLICY|dict ...]   default: every built-in policy and dict
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
modes=("$@")
((${#modes[@]})) || modes=(tinylfu tinylfu-hill tinylfu-static sieve s3fifo s3fifo-1 arc lru fifo lifo mru lfu random dict)
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
@_spi(Randomness) import CachePolicies
import Synchronization

// HitLoop POLICY|dict get|set OPERATIONS: fills 10,000 entries and reads each once, then runs
// OPERATIONS random hits (get) or writes of new keys (set) in one of the `timed…` functions, whose
// inclusive instruction count the script divides by OPERATIONS. (No closures: one made at the
// top level would be isolated to the main actor and checked on every call.)
let mode = CommandLine.arguments[1]
let operation = CommandLine.arguments[2]
let operations = Int(CommandLine.arguments[3])!
let size = 10_000
var generator = SplitMix64(seed: 1)
let keys =
    operation == "get"
    ? (0..<operations).map { _ in Int.random(in: 0..<size, using: &generator) }
    : Array(size..<(size + operations))

/// A Dictionary that keeps its `size` newest keys: the baseline.
struct BoundedDictionary {
    var values: [Int: Int] = [:]
    var ring: [Int] = []
    var oldest = 0

    mutating func set(_ key: Int, _ value: Int) {
        if values.updateValue(value, forKey: key) != nil { return }
        if ring.count < size {
            ring.append(key)
        } else {
            values[ring[oldest]] = nil
            ring[oldest] = key
            oldest = oldest + 1 == size ? 0 : oldest + 1
        }
    }
}

@inline(never) func timedCacheReads(_ cache: Cache<Int, Int>, _ keys: [Int]) -> Int {
    var sum = 0
    for key in keys { sum &+= cache.get(key)! }
    return sum
}

@inline(never) func timedCacheWrites(_ cache: Cache<Int, Int>, _ keys: [Int]) -> Int {
    for key in keys { cache.set(key, key) }
    return cache.count
}

@inline(never) func timedShardedReads(_ cache: ShardedCache<Int, Int>, _ keys: [Int]) -> Int {
    var sum = 0
    for key in keys { sum &+= cache.get(key) ?? 0 }
    return sum
}

@inline(never) func timedShardedWrites(_ cache: ShardedCache<Int, Int>, _ keys: [Int]) -> Int {
    for key in keys { cache.set(key, key) }
    return cache.count
}

@inline(never) func timedBaselineReads(_ baseline: borrowing Mutex<BoundedDictionary>, _ keys: [Int]) -> Int {
    var sum = 0
    for key in keys { sum &+= baseline.withLock { $0.values[key] }! }
    return sum
}

@inline(never) func timedBaselineWrites(_ baseline: borrowing Mutex<BoundedDictionary>, _ keys: [Int]) -> Int {
    for key in keys { baseline.withLock { $0.set(key, key) } }
    return baseline.withLock { $0.values.count }
}

if mode == "dict" {
    let baseline = Mutex(BoundedDictionary())
    for key in 0..<size { baseline.withLock { $0.set(key, key) } }
    for key in 0..<size { precondition(baseline.withLock { $0.values[key] } == key) }
    print(operation == "get" ? timedBaselineReads(baseline, keys) : timedBaselineWrites(baseline, keys))
} else if mode.hasPrefix("sharded-") {
    // Keys spread unevenly over the shards, so a few reads miss (the shards' limits are a 16th
    // each): the loop reads with `?? 0`.
    guard let policy = CachePolicy.named(String(mode.dropFirst(8)), seed: 1) else { fatalError("no policy in \(mode)") }
    let cache = ShardedCache<Int, Int>(shards: 16, maxSize: size, policy: policy)
    for key in 0..<size { cache[key] = key }
    print(operation == "get" ? timedShardedReads(cache, keys) : timedShardedWrites(cache, keys))
} else {
    guard let policy = CachePolicy.named(mode, seed: 1) else { fatalError("no policy named \(mode)") }
    let cache = Cache<Int, Int>(maxSize: size, policy: policy)
    for key in 0..<size { cache[key] = key }
    for key in 0..<size { precondition(cache[key] == key) }
    print(operation == "get" ? timedCacheReads(cache, keys) : timedCacheWrites(cache, keys))
}
SWIFT
(cd "$scratch" && swift build -c release --product HitLoop 2>&1 | grep -E "error|warning: " >&2 || true)
[[ -x "$scratch/.build/release/HitLoop" ]] || { echo "callgrind-hit.sh: the loop did not build" >&2; exit 1; }
count=1000000

# Instructions per operation of `mode` doing `operation` (get or set).
per_operation() {
    local mode=$1 operation=$2 out="$scratch/callgrind.$1.$2"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$scratch/.build/release/HitLoop" \
        "$mode" "$operation" "$count" > /dev/null 2>&1
    # The loop function's own line (main.swift), inclusive of everything it calls.
    callgrind_annotate --inclusive=yes "$out" > "$out.txt"
    local loop
    loop=$(awk '/main\.swift:.*timed(Cache|Sharded|Baseline)(Reads|Writes)/ { gsub(",", "", $1); print $1; exit }' "$out.txt")
    echo $((loop / count))
}

printf '%-16s %8s %13s\n' mode get-hit "evicting set"
for mode in "${modes[@]}"; do
    printf '%-16s %8s %13s\n' "$mode" "$(per_operation "$mode" get)" "$(per_operation "$mode" set)"
done
