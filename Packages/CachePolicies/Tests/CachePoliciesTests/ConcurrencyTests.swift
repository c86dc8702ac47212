import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// Threads hammering one cache. Run under the thread sanitizer by `Scripts/tsan.sh`.
@Suite("Concurrency")
struct ConcurrencyTests {
    /// ``ContentionStress`` on one cache, for each kind of policy.
    @Test(arguments: ["lru", "lfu", "fifo", "random"])
    func invariantsHoldUnderContention(policyName: String) async {
        let clock = ManualClock()
        let cache = Cache<Int, Int64>(
            name: "stress-\(policyName)",
            maxSize: 64,
            maxCost: 150,
            cost: { key, _ in key % 4 + 1 },
            defaultTTL: .milliseconds(50),
            policy: CachePolicy.named(policyName)!,
            clock: .manual(clock)
        )
        let stress = ContentionStress(
            phases: 40,
            operationsPerPhase: 500,
            keyCount: 200,
            maxSize: 64,
            maxCost: 150,
            phaseSeed: 77
        )
        await stress.run(on: cache, clock: clock)
        cache.checkInvariants()
    }

    @Test func singleFlightHoldsAcrossThreads() async throws {
        let cache = Cache<Int, Int>(maxSize: 1_000)
        let runs = AtomicCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for key in 0..<500 {
                        let value = try await cache.value(forKey: key) { key in
                            runs.add()
                            await Task.yield()
                            return key * 2
                        }
                        #expect(value == key * 2)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(runs.value == 500)
        #expect(cache.stats.loadSuccesses == 500)
    }
}
