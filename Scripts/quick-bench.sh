#!/usr/bin/env bash
# A quick release-mode measurement: LRU `Cache<Int, Int>` get-hit and set-with-eviction next to
# a Mutex-guarded Dictionary (FIFO-bounded so that it evicts), called from another module as a
# user would, interleaved over 7 rounds, medians reported. The benchmark suite proper is
# Packages/CacheBenchmarks; this is the one-minute sanity check.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=${QUICK_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$scratch/Sources/QuickBench"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "QuickBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-caching", path: "$repo")],
    targets: [
        .executableTarget(name: "QuickBench", dependencies: [.product(name: "CachePolicies", package: "swift-caching")])
    ]
)
SWIFT
cat > "$scratch/Sources/QuickBench/main.swift" <<'SWIFT'
@_spi(Randomness) import CachePolicies
import Synchronization

/// The baseline: a Dictionary behind a Mutex, bounded by a FIFO ring.
final class LockedDictionary: Sendable {
    struct State { var values: [Int: Int] = [:]; var ring: [Int] = []; var head = 0; let capacity: Int }
    let state: Mutex<State>
    init(capacity: Int) { state = Mutex(State(capacity: capacity)) }
    func get(_ key: Int) -> Int? { state.withLock { @Sendable in $0.values[key] } }
    func set(_ key: Int, _ value: Int) {
        state.withLock { @Sendable state in
            guard state.values.updateValue(value, forKey: key) == nil else { return }
            if state.ring.count < state.capacity {
                state.ring.append(key)
            } else {
                state.values.removeValue(forKey: state.ring[state.head])
                state.ring[state.head] = key
                state.head = (state.head + 1) % state.capacity
            }
        }
    }
}

@inline(never) func consume(_ value: Int) { if value == .min { print(value) } }
func nanoseconds(_ duration: Duration, per count: Int) -> Double {
    (Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9) / Double(count)
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

nonisolated func main() {
    let capacity = 10_000
    var generator = SplitMix64(seed: 42)
    let hits = (0..<2_000_000).map { _ in Int.random(in: 0..<capacity, using: &generator) }
    let inserts: [Int] = (0..<1_000_000).map { (index: Int) -> Int in index &* 2_654_435_761 }
    let clock = ContinuousClock()
    var results: [String: [Double]] = [:]
    for _ in 0..<7 {
        let baseline = LockedDictionary(capacity: capacity)
        let lru = Cache<Int, Int>(maxSize: capacity, policy: .lru)
        for key in 0..<capacity { baseline.set(key, key); lru.set(key, key) }
        var sum = 0
        var start = clock.now
        for key in hits { sum &+= baseline.get(key)! }
        results["get-hit, Mutex+Dictionary", default: []].append(nanoseconds(clock.now - start, per: hits.count))
        start = clock.now
        for key in hits { sum &+= lru.get(key)! }
        results["get-hit, LRU Cache", default: []].append(nanoseconds(clock.now - start, per: hits.count))
        consume(sum)
        let evictingBaseline = LockedDictionary(capacity: capacity)
        let evictingLRU = Cache<Int, Int>(maxSize: capacity, policy: .lru)
        start = clock.now
        for key in inserts { evictingBaseline.set(key, key) }
        results["set with eviction, Mutex+Dictionary", default: []].append(nanoseconds(clock.now - start, per: inserts.count))
        start = clock.now
        for key in inserts { evictingLRU.set(key, key) }
        results["set with eviction, LRU Cache", default: []].append(nanoseconds(clock.now - start, per: inserts.count))
    }
    for operation in ["get-hit", "set with eviction"] {
        let baseline = median(results["\(operation), Mutex+Dictionary"]!)
        let lru = median(results["\(operation), LRU Cache"]!)
        let ratio = (lru / baseline * 100).rounded() / 100
        print("\(operation): LRU Cache \((lru * 10).rounded() / 10) ns/op, Mutex+Dictionary \((baseline * 10).rounded() / 10) ns/op, ratio \(ratio)x")
    }
}
main()
SWIFT
cd "$scratch"
swift build -c release --product QuickBench > build.log 2>&1 || { cat build.log; exit 1; }
./.build/release/QuickBench
