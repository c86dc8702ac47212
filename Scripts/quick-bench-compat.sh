#!/usr/bin/env bash
# A quick release-mode measurement of the layers built on `Cache`: `WeakValueCache` and
# `ExpiringDict` next to the `Cache` operations they wrap, called from another module as a user
# would, interleaved over 7 rounds, medians reported. Their methods that use the engine's
# `CachingInternals` SPI cannot be `@inlinable`; this shows what that and the layering cost.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=${QUICK_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$scratch/Sources/QuickBenchCompat"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "QuickBenchCompat",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-caching", path: "$repo")],
    targets: [
        .executableTarget(
            name: "QuickBenchCompat",
            dependencies: [
                .product(name: "CachePolicies", package: "swift-caching"),
                .product(name: "WeakValueStore", package: "swift-caching"),
                .product(name: "ExpiringDictCompat", package: "swift-caching"),
            ]
        )
    ]
)
SWIFT
cat > "$scratch/Sources/QuickBenchCompat/main.swift" <<'SWIFT'
@_spi(Randomness) import CachePolicies
import ExpiringDictCompat
import WeakValueStore

final class Object: Sendable {
    let number: Int
    init(_ number: Int) { self.number = number }
}

@inline(never) func consume(_ value: Int) { if value == .min { print(value) } }
func nanoseconds(_ duration: Duration, per count: Int) -> Double {
    (Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9) / Double(count)
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

nonisolated func main() {
    let capacity = 10_000
    var generator = SplitMix64(seed: 42)
    let keys = (0..<1_000_000).map { _ in Int.random(in: 0..<capacity, using: &generator) }
    let objects = (0..<capacity).map(Object.init)
    let clock = ContinuousClock()
    var results: [(String, Double)] = []
    func measure(_ name: String, _ body: () -> Int) {
        let start = clock.now
        consume(body())
        results.append((name, nanoseconds(clock.now - start, per: keys.count)))
    }
    for _ in 0..<7 {
        let cache = Cache<Int, Object>(maxSize: nil, policy: .fifo)
        let weak = WeakValueCache<Int, Object>()
        let weakKeepAlive = WeakValueCache<Int, Object>(keepAlive: capacity / 10)
        let ttlCache = Cache<Int, Int>(maxSize: capacity, defaultTTL: .seconds(600), policy: .fifo)
        let dict = try! ExpiringDict<Int, Int>(maxLen: capacity, maxAgeSeconds: 600)
        for key in 0..<capacity {
            cache[key] = objects[key]
            weak[key] = objects[key]
            weakKeepAlive[key] = objects[key]
            ttlCache[key] = key
            dict[key] = key
        }
        measure("get-hit   Cache<Int, Object> (FIFO)") { keys.reduce(0) { $0 &+ cache[$1]!.number } }
        measure("get-hit   WeakValueCache") { keys.reduce(0) { $0 &+ weak[$1]!.number } }
        measure("get-hit   WeakValueCache, keepAlive 1000 (LRU)") { keys.reduce(0) { $0 &+ weakKeepAlive[$1]!.number } }
        measure("set       Cache<Int, Object> (FIFO, replace)") {
            for key in keys { cache[key] = objects[key] }
            return 0
        }
        measure("set       WeakValueCache (replace)") {
            for key in keys { weak[key] = objects[key] }
            return 0
        }
        measure("get-hit   Cache<Int, Int> (FIFO, TTL)") { keys.reduce(0) { $0 &+ ttlCache[$1]! } }
        measure("get-hit   ExpiringDict<Int, Int>") { keys.reduce(0) { $0 &+ dict[$1]! } }
        measure("set       Cache<Int, Int> (FIFO, TTL, replace)") {
            for key in keys { ttlCache[key] = key }
            return 0
        }
        measure("set       ExpiringDict<Int, Int> (replace)") {
            for key in keys { dict[key] = key }
            return 0
        }
    }
    var seen: [String] = []
    for (name, _) in results where !seen.contains(name) { seen.append(name) }
    for name in seen {
        let value = median(results.filter { $0.0 == name }.map(\.1))
        print("\(name): \((value * 10).rounded() / 10) ns/op")
    }
}
main()
SWIFT
cd "$scratch"
swift build -c release --product QuickBenchCompat > build.log 2>&1 || { cat build.log; exit 1; }
./.build/release/QuickBenchCompat
