import CachePolicies
import CacheSimulation
import Testing

@Suite("Cache simulation")
struct CacheSimulationTests {
    @Test func zipfWorkloadsAreReproducibleAndSkewed() {
        let workload = ZipfWorkload(keyCount: 1_000, exponent: 0.99, requestCount: 50_000, seed: 3)
        let keys = workload.makeKeys()
        #expect(keys == workload.makeKeys())
        #expect(keys != ZipfWorkload(keyCount: 1_000, exponent: 0.99, requestCount: 50_000, seed: 4).makeKeys())
        #expect(keys.allSatisfy { $0 < 1_000 })
        var counts: [UInt64: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        let sorted = counts.values.sorted(by: >)
        // Rank 1 of Zipf(0.99) over 1,000 keys draws ~13% of requests; rank 10 about a tenth of that.
        #expect((5_500...7_500).contains(sorted[0]), "top key drew \(sorted[0])")
        #expect(Double(sorted[0]) / Double(sorted[9]) > 6)
    }

    @Test func uniformWorkloadSpreadsRequests() {
        let keys = ZipfWorkload(keyCount: 10, exponent: 0, requestCount: 10_000, seed: 1).makeKeys()
        var counts: [UInt64: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        #expect(counts.count == 10)
        #expect(counts.values.allSatisfy { (800...1_200).contains($0) })
    }

    @Test func replayCountsHitsThroughTheRealCache() {
        // a b a c b a with 2 entries: LRU hits the second a, b misses after c evicted it... spelled out:
        // a miss, b miss, a hit, c miss (evicts b), b miss (evicts a), a miss → 1 hit.
        let keys: [UInt64] = [1, 2, 1, 3, 2, 1]
        #expect(Replay.run(keys, policy: .lru, capacity: 2).hits == 1)
        // FIFO: a miss, b miss, a hit, c miss (evicts a), b hit, a miss → 2 hits.
        #expect(Replay.run(keys, policy: .fifo, capacity: 2).hits == 2)
        let result = Replay.run(keys, policy: .lru, capacity: 2)
        #expect(result.requests == 6)
        #expect(result.hitRatio == 1.0 / 6.0)
    }

    @Test func lruHitRatioMatchesTheReferenceOnZipf() {
        // A 100-entry LRU over Zipf(0.99) on 1,000 keys hits more than FIFO and less than all.
        let keys = ZipfWorkload(keyCount: 1_000, exponent: 0.99, requestCount: 100_000, seed: 1).makeKeys()
        let lru = Replay.run(keys, policy: .lru, capacity: 100).hitRatio
        let fifo = Replay.run(keys, policy: .fifo, capacity: 100).hitRatio
        let lfu = Replay.run(keys, policy: .lfu, capacity: 100).hitRatio
        #expect(lru > fifo)
        #expect(lfu > lru, "static Zipf favours frequency")
        #expect((0.4...0.7).contains(lru), "LRU hit ratio \(lru)")
    }

    @Test func reportMarksTheBestPolicyPerSize() {
        let results = [
            ReplayResult(policy: "lru", capacity: 10, requests: 100, hits: 40, elapsed: .seconds(1)),
            ReplayResult(policy: "fifo", capacity: 10, requests: 100, hits: 35, elapsed: .milliseconds(500)),
            ReplayResult(policy: "lru", capacity: 20, requests: 100, hits: 50, elapsed: .seconds(2)),
        ]
        let report = SimulationReport.render(results, title: "test")
        #expect(
            report == """
                test

                cache size 10 entries
                policy  hit ratio  requests/s
                ------  ---------  ----------  ----
                lru        40.00%         100  best
                fifo       35.00%         200

                cache size 20 entries
                policy  hit ratio  requests/s
                ------  ---------  ----------  ----
                lru        50.00%          50  best
                """
        )
    }
}
