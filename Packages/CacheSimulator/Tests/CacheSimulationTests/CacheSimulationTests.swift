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
            ReplayResult(workload: "w", policy: "OPT", capacity: 10, requests: 100, hits: 60, elapsed: .seconds(1)),
            ReplayResult(workload: "w", policy: "lru", capacity: 10, requests: 100, hits: 40, elapsed: .seconds(1)),
            ReplayResult(
                workload: "w",
                policy: "fifo",
                capacity: 10,
                requests: 100,
                hits: 35,
                elapsed: .milliseconds(500)
            ),
            ReplayResult(workload: "w", policy: "lru", capacity: 20, requests: 100, hits: 50, elapsed: .seconds(2)),
        ]
        let report = SimulationReport(
            workloads: [.init(name: "w", requests: 100, distinctKeys: 1_000)],
            results: results
        )
        #expect(
            report.render(.text) == """
                workload: w — 100 requests, 1,000 distinct keys

                cache size 10 entries (1% of keys)
                policy  hit ratio  requests/s
                ------  ---------  ----------  ----
                OPT        60.00%           -
                lru        40.00%         100  best
                fifo       35.00%         200

                cache size 20 entries (2% of keys)
                policy  hit ratio  requests/s
                ------  ---------  ----------  ----
                lru        50.00%          50  best
                """
        )
        #expect(
            report.render(.csv) == """
                workload,requests,distinct_keys,cache_size,policy,hits,hit_ratio,requests_per_second,best
                w,100,1000,10,OPT,60,0.600000,,false
                w,100,1000,10,lru,40,0.400000,100,true
                w,100,1000,10,fifo,35,0.350000,200,false
                w,100,1000,20,lru,50,0.500000,50,true
                """
        )
        #expect(
            report.render(.markdown) == """
                | workload | size (% of keys) | OPT | lru | fifo |
                |---|---:|---:|---:|---:|
                | w | 10 (1%) | 60.00 | **40.00** | 35.00 |
                | w | 20 (2%) |  | **50.00** |  |
                """
        )
        let json = report.render(.json)
        #expect(json.contains("\"cacheSize\" : 20"))
        #expect(json.contains("\"best\" : true"))
        #expect(json.contains("\"distinctKeys\" : 1000"))
    }
}
