#!/usr/bin/env bash
# A quick release-mode measurement of a memoized hit against a direct `Cache.get` hit, called
# from another module as a user would: 2,000,000 uniformly random hits on a full 10,000-entry LRU
# cache, interleaved over 7 rounds, medians reported. The benchmark suite proper is
# Packages/CacheBenchmarks; this is the one-minute sanity check (see Docs/PERFORMANCE.md).
#
#   Cache.get                          Cache<Int, Int>.get(key)
#   MemoizationCache.get               what @Memoized expands to for one argument: cache.get(key) { … }
#   memoize, sync                      square(key), a memoize(…) function of one argument
#   Cache.get, ArgumentKey             Cache<ArgumentKey<Int, Int>, Int>.get(ArgumentKey(key, 1))
#   memoize, sync, 2 arguments         product(key, 1), keyed by ArgumentKey<Int, Int>
#   Cache.value(forKey:), async        await cache.value(forKey: key) { … }, the engine's async read
#   memoize, async                     await square(key), an async memoize(…) function
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=${QUICK_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$scratch/Sources/QuickBenchMemoization"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "QuickBenchMemoization",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-caching", path: "$repo")],
    targets: [
        .executableTarget(
            name: "QuickBenchMemoization",
            dependencies: [
                .product(name: "CachePolicies", package: "swift-caching"),
                .product(name: "Memoization", package: "swift-caching"),
            ]
        )
    ]
)
SWIFT
cat > "$scratch/Sources/QuickBenchMemoization/Bench.swift" <<'SWIFT'
@_spi(Randomness) import CachePolicies
import Memoization

@inline(never) func consume(_ value: Int) { if value == .min { print(value) } }
func nanoseconds(_ duration: Duration, per count: Int) -> Double {
    (Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9) / Double(count)
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

@main
struct QuickBenchMemoization {
    static func main() async { await run() }

    /// Runs on the global executor, as server code does: awaited from the main actor, every
    /// async call would hop threads twice.
    nonisolated static func run() async {
        let capacity = 10_000
        var generator = SplitMix64(seed: 42)
        let hits = (0..<2_000_000).map { _ in Int.random(in: 0..<capacity, using: &generator) }
        let clock = ContinuousClock()
        var results: [String: [Double]] = [:]
        let names = [
            "Cache.get", "MemoizationCache.get", "memoize, sync", "Cache.get, ArgumentKey",
            "memoize, sync, 2 arguments", "Cache.value(forKey:), async", "memoize, async",
        ]
        for _ in 0..<7 {
            let plain = Cache<Int, Int>(maxSize: capacity, policy: .lru)
            let table = MemoizationCache<Int, Int>(maxSize: capacity)
            let square = memoize(maxSize: capacity) { (n: Int) in n &* n }
            let keyed = Cache<ArgumentKey<Int, Int>, Int>(maxSize: capacity, policy: .lru)
            let product = memoize(maxSize: capacity) { (n: Int, m: Int) in n &* m }
            let asyncSquare = memoize(maxSize: capacity) { (n: Int) async in n &* n }
            for key in 0..<capacity {
                plain.set(key, key &* key)
                _ = table.get(key) { key &* key }
                _ = square(key)
                keyed.set(ArgumentKey(key, 1), key)
                _ = product(key, 1)
                _ = await asyncSquare(key)
            }
            var sum = 0
            var start = clock.now
            for key in hits { sum &+= plain.get(key)! }
            results[names[0], default: []].append(nanoseconds(clock.now - start, per: hits.count))
            start = clock.now
            for key in hits { sum &+= table.get(key) { key &* key } }
            results[names[1], default: []].append(nanoseconds(clock.now - start, per: hits.count))
            start = clock.now
            for key in hits { sum &+= square(key) }
            results[names[2], default: []].append(nanoseconds(clock.now - start, per: hits.count))
            start = clock.now
            for key in hits { sum &+= keyed.get(ArgumentKey(key, 1))! }
            results[names[3], default: []].append(nanoseconds(clock.now - start, per: hits.count))
            start = clock.now
            for key in hits { sum &+= product(key, 1) }
            results[names[4], default: []].append(nanoseconds(clock.now - start, per: hits.count))
            start = clock.now
            for key in hits { sum &+= (try? await plain.value(forKey: key) { $0 &* $0 }) ?? 0 }
            results[names[5], default: []].append(nanoseconds(clock.now - start, per: hits.count))
            start = clock.now
            for key in hits { sum &+= await asyncSquare(key) }
            results[names[6], default: []].append(nanoseconds(clock.now - start, per: hits.count))
            consume(sum)
        }
        let baseline = median(results[names[0]]!)
        for name in names {
            let value = median(results[name]!)
            let ratio = (value / baseline * 100).rounded() / 100
            print("\(name): \((value * 10).rounded() / 10) ns/hit, \(ratio)x Cache.get")
        }
    }
}
SWIFT
cd "$scratch"
swift build -c release --product QuickBenchMemoization > build.log 2>&1 || { cat build.log; exit 1; }
./.build/release/QuickBenchMemoization
