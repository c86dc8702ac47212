import CachePolicies
import CacheSimulation
import Foundation
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

    /// Reads that miss count in W-TinyLFU's sketch: without them a key read often while absent
    /// looked cold when it was finally written, and W-TinyLFU fell below LRU on this mix (the
    /// blind-write mix of Docs/HIT-RATIOS.md, scaled down).
    @Test func tinyLFUBeatsLRUWithBlindWrites() {
        let keys = ZipfWorkload(keyCount: 100_000, exponent: 0.99, requestCount: 1_000_000, seed: 1).makeKeys()
        let workload = Workload(name: "zipf", keys: keys, writeShare: 0.1, seed: 1)
        func hitRatio(_ policy: CachePolicy) -> Double {
            Replay.run(keys, writes: workload.writes, policy: policy, capacity: 10_000).hitRatio
        }
        let tinyLFU = hitRatio(.tinyLFU(seed: 1))
        let lru = hitRatio(.lru)
        #expect(tinyLFU > lru + 0.003, "W-TinyLFU \(tinyLFU), LRU \(lru)")
    }

    static func result(_ policy: String, _ capacity: Int, hits: Int, elapsed: Duration = .seconds(1)) -> ReplayResult {
        ReplayResult(workload: "w", policy: policy, capacity: capacity, requests: 10_000, hits: hits, elapsed: elapsed)
    }

    /// Two sizes: at 10 entries lru and s3fifo are 0.04 points apart (a tie), fifo 0.15 behind.
    static let report = SimulationReport(
        workloads: [.init(name: "w", requests: 10_000, distinctKeys: 1_000)],
        results: [
            result("OPT", 10, hits: 6_000),
            result("lru", 10, hits: 4_004),
            result("s3fifo", 10, hits: 4_000, elapsed: .milliseconds(500)),
            result("fifo", 10, hits: 3_990),
            result("OPT", 20, hits: 7_000),
            result("lru", 20, hits: 5_000),
            result("s3fifo", 20, hits: 5_500),
            result("fifo", 20, hits: 4_500),
        ]
    )

    @Test func textReportGivesGapsTiesAndAVerdict() {
        #expect(
            CacheSimulationTests.report.render(.text) == """
                workload: w — 10,000 requests, 1,000 distinct keys
                gap to OPT: percentage points below Belady's optimal hit ratio; best (*): within 0.1 point of the highest
                requests/s: each replay alone on one thread

                cache size 10 entries (1% of keys)
                policy  hit ratio  gap to OPT  requests/s  best
                ------  ---------  ----------  ----------  ----
                OPT        60.00%           -           -
                lru        40.04%       19.96       10.0K  *
                s3fifo     40.00%       20.00       20.0K  *
                fifo       39.90%       20.10       10.0K

                cache size 20 entries (2% of keys)
                policy  hit ratio  gap to OPT  requests/s  best
                ------  ---------  ----------  ----------  ----
                OPT        70.00%           -           -
                lru        50.00%       20.00       10.0K
                s3fifo     55.00%       15.00       10.0K  *
                fifo       45.00%       25.00       10.0K

                verdict for w: s3fifo wins, best at 2 of 2 sizes, mean hit ratio 47.50%, 2.48 points over lru \
                (-0.04 to +5.00 by size); runner-up lru, 2.48 points behind
                """
        )
    }

    @Test func verdictNamesTheWinnerAndItsMarginOverLRU() throws {
        let verdict = try #require(CacheSimulationTests.report.verdicts().first)
        #expect(verdict.winner == "s3fifo")
        #expect(verdict.sizes == 2)
        #expect(verdict.sizesWon == 2)
        #expect(abs(verdict.meanHitRatio - 0.475) < 1e-9)
        #expect(verdict.overLRU?.policy == "lru")
        #expect(abs(verdict.overLRU!.smallestGain - -0.0004) < 1e-9)
        #expect(abs(verdict.overLRU!.largestGain - 0.05) < 1e-9)
        #expect(verdict.overRunnerUp?.policy == "lru")

        let lruOnly = SimulationReport(
            workloads: [.init(name: "w", requests: 10_000, distinctKeys: 1_000)],
            results: [CacheSimulationTests.result("lru", 10, hits: 4_000)]
        )
        #expect(lruOnly.verdicts().map(\.description) == ["w: lru is the only policy replayed: mean hit ratio 40.00%"])
        let withoutLRU = SimulationReport(
            workloads: [.init(name: "w", requests: 10_000, distinctKeys: 1_000)],
            results: [
                CacheSimulationTests.result("fifo", 10, hits: 4_000),
                CacheSimulationTests.result("sieve", 10, hits: 4_500),
            ]
        )
        #expect(
            withoutLRU.verdicts().map(\.description) == [
                "w: sieve wins, best at 1 of 1 size, mean hit ratio 45.00%; runner-up fifo, 5.00 points behind"
            ]
        )
    }

    @Test func otherFormatsCarryTheSameMarks() {
        let report = CacheSimulationTests.report
        #expect(
            report.render(.csv) == """
                workload,requests,distinct_keys,cache_size,policy,hits,hit_ratio,gap_to_opt,requests_per_second,best
                w,10000,1000,10,OPT,6000,0.600000,0.000000,,false
                w,10000,1000,10,lru,4004,0.400400,0.199600,10000,true
                w,10000,1000,10,s3fifo,4000,0.400000,0.200000,20000,true
                w,10000,1000,10,fifo,3990,0.399000,0.201000,10000,false
                w,10000,1000,20,OPT,7000,0.700000,0.000000,,false
                w,10000,1000,20,lru,5000,0.500000,0.200000,10000,false
                w,10000,1000,20,s3fifo,5500,0.550000,0.150000,10000,true
                w,10000,1000,20,fifo,4500,0.450000,0.250000,10000,false
                """
        )
        #expect(
            report.render(.markdown) == """
                | workload | size (% of keys) | OPT | lru | s3fifo | fifo |
                |---|---:|---:|---:|---:|---:|
                | w | 10 (1%) | 60.00 | **40.04** | **40.00** | 39.90 |
                | w | 20 (2%) | 70.00 | 50.00 | **55.00** | 45.00 |

                - Verdict for w: s3fifo wins, best at 2 of 2 sizes, mean hit ratio 47.50%, 2.48 points over lru \
                (-0.04 to +5.00 by size); runner-up lru, 2.48 points behind.
                """
        )
        let json = report.render(.json)
        #expect(json.contains("\"cacheSize\" : 20"))
        #expect(json.contains("\"gapToOptimal\" : 0.15"))
        #expect(json.contains("\"verdict\" : \"w: s3fifo wins"))
        #expect(json.components(separatedBy: "\"best\" : true").count == 4)
    }
}
