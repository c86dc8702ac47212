import Benchmark

/// The workloads of the suite, in table order.
enum Workload: String, CaseIterable {
    case getHit = "a get-hit"
    case setWithEviction = "b set-evict"
    case zipfMixed = "c zipf-mixed"
    case readThrough = "d read-through"
    case zipfTwoThreads = "e zipf-2-threads"
    case expiryChurn = "f ttl-churn"
    case memory = "g memory"
    case hitsTwoThreads = "h hits-2-threads"

    /// Whether the workload runs from several threads (only thread-safe contenders take part).
    var isConcurrent: Bool { self == .zipfTwoThreads || self == .hitsTwoThreads }

    /// Whether the 1-thread figures of this workload are the base of a 2-thread workload's
    /// speed-up ((a) for (h), (c) for (e); Scripts/bench-tables.py pairs them), so that every
    /// policy of `ShardedCache` runs in it.
    var isSingleThreadedBase: Bool { self == .getHit || self == .zipfMixed }

    /// Whether the workload writes entries with TTLs.
    var usesTTL: Bool { self == .expiryChurn }
}

/// The custom metrics the workloads record; Scripts/bench.sh reads them from the export.
enum Metrics {
    /// The operations of one iteration: ns/op is the iteration's wall time over this.
    static let operations = BenchmarkMetric.custom("operations", polarity: .prefersLarger, useScalingFactor: false)
    /// Reads that hit, in basis points of all reads (10,000 = 100%).
    static let hitRatio = BenchmarkMetric.custom("hit ratio (bp)", polarity: .prefersLarger, useScalingFactor: false)
    /// Bytes allocated for `Shape.memoryEntries` entries beyond their keys and values, in total.
    static let overheadBytes = BenchmarkMetric.custom(
        "overhead bytes",
        polarity: .prefersSmaller,
        useScalingFactor: false
    )

    /// Plain counts for the custom metrics (not scaled to K or M), so exports keep every digit.
    static var units: [BenchmarkMetric: BenchmarkUnits] {
        [operations: .count, hitRatio: .count, overheadBytes: .count]
    }
}
