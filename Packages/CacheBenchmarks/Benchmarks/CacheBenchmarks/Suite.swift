import Benchmark
import CacheCore
import CachePolicies
import Foundation

/// Registers every workload for every contender, for `Int` and for `String` keys and values.
///
/// Within a workload the baselines come first, then every policy in `CachePolicy.builtIn`
/// (policies added to the engine appear here by themselves), then `ShardedCache` (every policy in
/// the 2-thread workload, LRU in the others), so that the contenders a ratio compares run close
/// together in time.
enum Suite {
    static func register() {
        Benchmark.defaultConfiguration = .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal, Metrics.operations, Metrics.hitRatio],
            timeUnits: .nanoseconds,
            units: Metrics.units,
            warmupIterations: 1,
            maxDuration: .milliseconds(500),
            maxIterations: 1_000
        )
        for workload in Workload.allCases {
            register(workload, streams: { intStreams })
            register(workload, streams: { stringStreams })
        }
    }

    static func register<K: BenchmarkKey>(_ workload: Workload, streams: @escaping @Sendable () -> Streams<K>) {
        let prefix = "\(workload.rawValue) \(K.label)"
        let same: (K) -> K = { $0 }
        if !workload.isConcurrent {
            register(
                workload,
                "\(prefix): Dictionary",
                streams,
                key: same,
                value: same,
                make: UnlockedDictionary<K, K>.init
            )
        }
        register(
            workload,
            "\(prefix): Mutex+Dictionary",
            streams,
            key: same,
            value: same,
            make: LockedDictionary<K, K>.init
        )
        if workload.isConcurrent {
            register(
                workload,
                "\(prefix): Mutex+Dictionary per thread",
                streams,
                key: same,
                value: same,
                make: PrivateDictionaries<K, K>.init
            )
        }
        register(
            workload,
            "\(prefix): NSCache",
            streams,
            key: { $0.object },
            value: { ObjectBox($0) },
            make: FoundationCache<K>.init
        )
        for policy in CachePolicy.builtIn {
            register(
                workload,
                "\(prefix): Cache \(policy.name)",
                streams,
                key: same,
                value: same,
                make: { capacity, clock in
                    Cache<K, K>(maxSize: capacity, policy: policy, clock: clock.map { .manual($0) } ?? .system)
                }
            )
        }
        // Sharded: every policy from 2 threads and in their 1-thread bases, LRU elsewhere.
        for policy in CachePolicy.builtIn
        where workload.isConcurrent || workload.isSingleThreadedBase || policy.name == "lru" {
            register(
                workload,
                "\(prefix): ShardedCache \(policy.name)",
                streams,
                key: same,
                value: same,
                make: { capacity, clock in
                    ShardedCache<K, K>(maxSize: capacity, policy: policy, clock: clock.map { .manual($0) } ?? .system)
                }
            )
        }
    }

    static func register<K: BenchmarkKey, C: BenchmarkedCache>(
        _ workload: Workload,
        _ name: String,
        _ streams: @escaping @Sendable () -> Streams<K>,
        key: @escaping (K) -> C.Key,
        value: @escaping (K) -> C.Value,
        make: @escaping (_ capacity: Int, _ clock: ManualClock?) -> C
    ) {
        if workload == .memory {
            Benchmark(
                name,
                configuration: .init(
                    metrics: [.wallClock, .throughput, Metrics.overheadBytes],
                    units: Metrics.units,
                    warmupIterations: 0,
                    maxIterations: 1
                )
            ) { benchmark in
                let keys = streams().distinctKeys.prefix(Shape.memoryEntries)
                let convertedKeys = keys.map(key)
                let convertedValues = keys.map(value)
                let overhead = overheadBytes(
                    of: { make(Shape.memoryEntries, nil) },
                    keys: convertedKeys,
                    values: convertedValues
                )
                benchmark.measurement(Metrics.overheadBytes, overhead)
            }
            return
        }
        let holder = RunHolder()
        Benchmark(name) { benchmark in
            holder.iterate?(benchmark)
        } setup: {
            holder.iterate = prepare(workload, streams(), key: key, value: value, make: make)
        } teardown: {
            holder.iterate = nil
        }
    }

    static func prepare<K: BenchmarkKey, C: BenchmarkedCache>(
        _ workload: Workload,
        _ streams: Streams<K>,
        key: (K) -> C.Key,
        value: (K) -> C.Value,
        make: (_ capacity: Int, _ clock: ManualClock?) -> C
    ) -> (Benchmark) -> Void {
        // Each run is called through a closure made here, where its type is concrete, so that
        // the timed loop is specialised for the contender (a call through a protocol witness of
        // a generic class would run unspecialised generic code, 10× slower).
        switch workload {
        case .getHit, .hitsTwoThreads:
            let cache = make(Shape.capacity, nil)
            for resident in streams.residentKeys { cache.set(key(resident), value(resident)) }
            let run = UniformRun(
                cache: cache,
                keys: streams.hits.map(key),
                values: [],
                writes: false,
                threads: workload.isConcurrent ? 2 : 1
            )
            return { run.runIteration($0) }
        case .setWithEviction:
            let run = UniformRun(
                cache: make(Shape.capacity, nil),
                keys: streams.distinctKeys.map(key),
                values: streams.distinctKeys.map(value),
                writes: true
            )
            return { run.runIteration($0) }
        case .zipfMixed, .readThrough, .zipfTwoThreads, .expiryChurn:
            let clock = workload.usesTTL ? ManualClock() : nil
            let cache = make(Shape.capacity, clock)
            let converted = ConvertedStreams<C>(
                keys: streams.zipfKeyTable.map(key),
                values: streams.zipfKeyTable.map(value),
                operations: workload.usesTTL ? streams.expiring : streams.mixed
            )
            // Start full, with keys of uniformly drawn ranks (not the popular ones).
            if !workload.usesTTL {
                for index in streams.prefill { cache.set(converted.keys[index], converted.values[index]) }
            }
            let run = MixedRun(cache: cache, streams: converted, workload: workload, clock: clock)
            return { run.runIteration($0) }
        case .memory:
            preconditionFailure("the memory workload is not iterated")
        }
    }
}

/// The prepared run of a benchmark, made by its setup and dropped by its teardown.
final class RunHolder: @unchecked Sendable {
    var iterate: ((Benchmark) -> Void)?
}

let benchmarks: @Sendable () -> Void = {
    Suite.register()
    ObserverSuite.register()
}
