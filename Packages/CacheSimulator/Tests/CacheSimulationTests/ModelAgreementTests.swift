@_spi(Randomness) import CachePolicies
import CacheSimulation
import Testing

/// The policies, replayed through the real `Cache`, against the obviously correct models of
/// ReadThroughModels.swift: on random workloads at small sizes (where a policy's edge cases live),
/// and on a slice of each trace in `Traces/`.
@Suite("Policies agree with their models")
struct ModelAgreementTests {
    static func models(capacity: Int) -> [(CachePolicy, any ReadThroughModel)] {
        [
            (.lru, QueueModel(capacity: capacity, refreshesOnHit: true)),
            (.fifo, QueueModel(capacity: capacity, refreshesOnHit: false)),
            (.sieve, SieveModel(capacity: capacity)),
            (.s3fifo, S3FIFOModel(capacity: capacity, threshold: 2)),
            (.s3fifo(promotionThreshold: 1), S3FIFOModel(capacity: capacity, threshold: 1)),
            (.arc, ARCModel(capacity: capacity)),
        ]
    }

    static func randomKeys(count: Int, keySpace: UInt64, seed: UInt64) -> [UInt64] {
        var generator = SplitMix64(seed: seed)
        // Half the requests from a small hot set, half uniform: both recency and frequency matter.
        return (0..<count).map { _ in
            Bool.random(using: &generator)
                ? UInt64.random(in: 0..<max(1, keySpace / 8), using: &generator)
                : UInt64.random(in: 0..<keySpace, using: &generator)
        }
    }

    @Test(arguments: [1, 2, 3, 5, 9, 10, 11, 20, 37, 64])
    func randomWorkloads(capacity: Int) {
        let keys = ModelAgreementTests.randomKeys(
            count: 5_000,
            keySpace: UInt64(capacity * 4 + 4),
            seed: UInt64(capacity)
        )
        for (policy, model) in ModelAgreementTests.models(capacity: capacity) {
            var model = model
            let expected = model.hits(replaying: keys)
            let measured = Replay.run(keys, policy: policy, capacity: capacity).hits
            #expect(measured == expected, "\(policy.name) at \(capacity): \(measured) hits, the model \(expected)")
        }
    }

    @Test(arguments: [1, 2, 7, 30])
    func optimalMatchesBruteForceBelady(capacity: Int) {
        for seed in UInt64(0)..<40 {
            let keys = ModelAgreementTests.randomKeys(count: 300, keySpace: UInt64(capacity * 3 + 3), seed: seed)
            let expected = BeladyModel(capacity: capacity).hits(replaying: keys)
            let measured = OptimalReplay.run(Workload(name: "random", keys: keys), capacity: capacity).hits
            #expect(measured == expected, "seed \(seed): \(measured) hits, brute force \(expected)")
        }
    }

    /// OPT against an exhaustive search of every choice a cache could make (which the greedy
    /// brute force above does not check: that the greedy choice is the best).
    @Test(arguments: [1, 2, 3])
    func optimalMatchesExhaustiveSearch(capacity: Int) {
        for seed in UInt64(0)..<60 {
            var generator = SplitMix64(seed: seed &+ 1_000)
            let keys = (0..<36).map { _ in UInt64.random(in: 0..<UInt64(capacity * 2 + 2), using: &generator) }
            let measured = OptimalReplay.run(Workload(name: "random", keys: keys), capacity: capacity).hits
            let expected = ExhaustiveOptimalModel(capacity: capacity).hits(replaying: keys)
            #expect(measured == expected, "seed \(seed): \(measured) hits, exhaustive search \(expected)")
        }
    }

    /// With blind writes, a read that misses stores nothing and only writes bring keys in.
    @Test func blindWritesStoreOnlyOnWrites() {
        var generator = SplitMix64(seed: 7)
        let keys = (0..<5_000).map { _ in UInt64.random(in: 0..<40, using: &generator) }
        let workload = Workload(name: "random", keys: keys, writeShare: 0.25, seed: 3)
        #expect(workload.writes.count == keys.count)
        #expect(abs(workload.writeShare - 0.25) < 0.02)
        var model = QueueModel(capacity: 8, refreshesOnHit: true)
        var expected = 0
        for (key, isWrite) in zip(keys, workload.writes) {
            if isWrite {
                model.write(key)
            } else if model.read(key) {
                expected += 1
            }
        }
        let measured = Replay.run(keys, writes: workload.writes, policy: .lru, capacity: 8)
        #expect(measured.requests == workload.readCount)
        #expect(measured.hits == expected)
        let simulation = Simulation(workloads: [workload], capacities: [[8]], policies: [.lru], includesOptimal: true)
        #expect(simulation.jobs.map(\.policy?.name) == ["lru"], "no OPT for blind writes")
    }

    @Test(arguments: ["arc-oltp", "arc-p3", "cache2k-orm-busy", "cloudphysics-w106", "zipf-0.99", "zipf-0.7"])
    func traceSlices(trace: String) throws {
        let keys = try TraceFiles.keys(trace, limit: 2_000)
        #expect(keys.count == 2_000)
        for capacity in [64] {
            for (policy, model) in ModelAgreementTests.models(capacity: capacity) {
                var model = model
                let expected = model.hits(replaying: keys)
                let measured = Replay.run(keys, policy: policy, capacity: capacity).hits
                #expect(measured == expected, "\(policy.name) at \(capacity): \(measured) hits, the model \(expected)")
            }
        }
    }
}
