import CachePolicies
import CacheSimulation
import Testing

/// Replays the traces of `Traces/` and checks the results against the reference hit counts
/// (ReferenceHitCounts.swift): the deterministic policies and OPT must reproduce them exactly;
/// W-TinyLFU must meet the target of Docs/HIT-RATIOS.md.
///
/// They run with `CACHE_FULL_TRACES=1` in a release build (Scripts/test.sh's last step), where
/// replaying all eight traces takes about a minute on two cores; a debug build with the engine's
/// invariant checks would take an hour. (The debug run replays a slice of each trace instead:
/// ModelAgreementTests.)
@Suite("Reference hit counts")
struct ReferenceHitCountTests {
    static let exactPolicies = ["OPT", "lru", "fifo", "s3fifo", "s3fifo-1", "sieve", "arc"]
    /// The policies the target compares W-TinyLFU with (Caffeine 2.6.2 from the reference).
    static let rivals = ["caffeine-2.6.2", "lru", "s3fifo", "s3fifo-1", "sieve", "arc"]
    static let smallTraces = ["lirs-gli", "corda-vaultservice"]
    static let largeTraces = ["arc-oltp", "arc-p3", "cache2k-orm-busy", "cloudphysics-w106", "zipf-0.99", "zipf-0.7"]

    /// Replays `trace` at every size the reference has, through `policies` (and OPT).
    static func replay(_ trace: String, policies: [CachePolicy]) throws -> [ReplayResult] {
        let workload = Workload(name: trace, keys: try TraceFiles.keys(trace))
        var sizes: [Int] = []
        for entry in ReferenceHitCounts.entries where entry.trace == trace && !sizes.contains(entry.cacheSize) {
            sizes.append(entry.cacheSize)
        }
        let simulation = Simulation(
            workloads: [workload],
            capacities: [sizes],
            policies: policies,
            includesOptimal: true
        )
        return simulation.run(concurrency: 2)
    }

    static func checkExactCounts(_ trace: String) throws {
        let policies = exactPolicies.dropFirst().map { CachePolicy.named($0)! }
        let results = try replay(trace, policies: policies)
        let expected = ReferenceHitCounts.entries.filter { $0.trace == trace && exactPolicies.contains($0.policy) }
        #expect(!expected.isEmpty)
        for entry in expected {
            let result = results.first { $0.policy == entry.policy && $0.capacity == entry.cacheSize }
            #expect(result?.requests == entry.requests, "\(entry)")
            #expect(result?.hits == entry.hits, "\(entry): \(result?.hits ?? -1) hits, the reference \(entry.hits)")
        }
    }

    @Test(
        .enabled(if: TraceFiles.fullTracesEnabled, "set CACHE_FULL_TRACES=1 (in a release build) to replay the traces"),
        arguments: smallTraces + largeTraces
    )
    func tracesReproduceTheReference(trace: String) throws {
        try ReferenceHitCountTests.checkExactCounts(trace)
    }

    /// The target of every cell: the best of the rivals less one point, or, on the 6,015-request
    /// loop trace lirs-gli, where both Caffeine's random admissions and the hash seed move
    /// W-TinyLFU by points from run to run, the lower of that and Caffeine's worst run, less one
    /// point.
    static func target(trace: String, cacheSize: Int) -> Double {
        let cell = ReferenceHitCounts.entries.filter { $0.trace == trace && $0.cacheSize == cacheSize }
        let best = cell.filter { rivals.contains($0.policy) }.map { Double($0.hits) / Double($0.requests) }.max()!
        guard trace == "lirs-gli" else { return best - 0.01 }
        let caffeineWorst = ["lirs-gli": [253: 0.1483, 506: 0.2733, 1_012: 0.4048]][trace]![cacheSize]!
        return min(best, caffeineWorst) - 0.01
    }

    /// The cells of the reference table (arc-oltp also has the ARC paper's sizes, for the exact
    /// counts only).
    static func isTableCell(_ result: ReplayResult) -> Bool {
        result.workload != "arc-oltp" || [1_869, 9_344, 18_688].contains(result.capacity)
    }

    static func checkTinyLFU(_ results: [ReplayResult]) {
        // lirs-gli depends on the hash seed by points: its target holds for the median of many
        // seeds (tinyLFUMeetsTheTargetOnLirsGliForTheMedianHashSeed), not for one.
        for result in results where result.policy == "tinylfu" && isTableCell(result) && result.workload != "lirs-gli" {
            let target = target(trace: result.workload, cacheSize: result.capacity)
            #expect(
                result.hitRatio >= target,
                "\(result.workload) at \(result.capacity): \(result.hitRatio), the target \(target)"
            )
        }
    }

    /// A trace key with a salt in its hash: replaying a trace with salt *s* gives W-TinyLFU the
    /// hash values of another process's hash seed, in one process.
    struct SaltedKey: Hashable {
        let key: UInt64
        let salt: Int

        func hash(into hasher: inout Hasher) {
            hasher.combine(key)
            hasher.combine(salt)
        }
    }

    /// On lirs-gli (6,015 requests in loops longer than the cache) one admission decision more or
    /// less shifts a whole pass, and which keys win the sketch's ties depends on the hash seed:
    /// W-TinyLFU moves by up to 10 points between seeds at 40% (Docs/HIT-RATIOS.md). So the
    /// target is held to the median of 21 seeds rather than to whichever one a process has.
    @Test(
        .enabled(if: TraceFiles.fullTracesEnabled, "set CACHE_FULL_TRACES=1 (in a release build) to replay the traces")
    )
    func tinyLFUMeetsTheTargetOnLirsGliForTheMedianHashSeed() throws {
        let keys = try TraceFiles.keys("lirs-gli")
        for size in [253, 506, 1_012] {
            let ratios = (0..<21).map { salt in
                let cache = Cache<SaltedKey, UInt64>(maxSize: size, policy: .tinyLFU(seed: 1))
                var hits = 0
                for key in keys {
                    let salted = SaltedKey(key: key, salt: salt)
                    if cache.get(salted) != nil { hits += 1 } else { cache.set(salted, key) }
                }
                return Double(hits) / Double(keys.count)
            }
            let median = ratios.sorted()[ratios.count / 2]
            let target = ReferenceHitCountTests.target(trace: "lirs-gli", cacheSize: size)
            #expect(median >= target, "lirs-gli at \(size): median \(median) of \(ratios), the target \(target)")
        }
    }

    @Test(
        .enabled(if: TraceFiles.fullTracesEnabled, "set CACHE_FULL_TRACES=1 (in a release build) to replay the traces")
    )
    func tinyLFUMeetsTheTargetEverywhereAndIsClosestToOPT() throws {
        var gaps: [String: [Double]] = [:]
        for trace in ReferenceHitCountTests.smallTraces + ReferenceHitCountTests.largeTraces {
            let results = try ReferenceHitCountTests.replay(trace, policies: [.tinyLFU(seed: 1)])
            ReferenceHitCountTests.checkTinyLFU(results)
            for ours in results where ours.policy == "tinylfu" && ReferenceHitCountTests.isTableCell(ours) {
                let cell = ReferenceHitCounts.entries.filter { $0.trace == trace && $0.cacheSize == ours.capacity }
                let optimal = cell.first { $0.policy == "OPT" }!
                let optimalRatio = Double(optimal.hits) / Double(optimal.requests)
                for entry in cell where ReferenceHitCountTests.rivals.contains(entry.policy) {
                    gaps[entry.policy, default: []].append(optimalRatio - Double(entry.hits) / Double(entry.requests))
                }
                gaps["tinylfu", default: []].append(optimalRatio - ours.hitRatio)
            }
        }
        let meanGaps = gaps.mapValues { $0.reduce(0, +) / Double($0.count) }
        #expect(gaps["tinylfu"]?.count == 24)
        for rival in ReferenceHitCountTests.rivals {
            #expect(
                meanGaps["tinylfu"]! < meanGaps[rival]!,
                "mean gap to OPT: tinylfu \(meanGaps["tinylfu"]!), \(rival) \(meanGaps[rival]!)"
            )
        }
    }
}
