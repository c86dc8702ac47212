import CacheCore
@_spi(Testing) import CachePolicies
import Synchronization
import Testing
import _CacheTestSupport

/// Threads hammering one cache. Run under the thread sanitizer by `Scripts/tsan.sh`.
@Suite("Concurrency")
struct ConcurrencyTests {
    static let workers = 4
    static let phases = 40
    static let operationsPerPhase = 500

    /// Workers hammer one cache with reads, writes with TTLs, and deletes; between phases the
    /// clock moves, so entries expire while the next phase's workers race to read them. Within a
    /// phase time stands still, which makes "a dead value was returned" exactly checkable: values
    /// are their own deadlines.
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
        let inserts = AtomicCounter()
        let removals = AtomicCounter()
        let violations = LockedArray<String>()
        cache.addListener(for: [.set, .removal]) { event in
            switch event {
            case .set(_, _, nil): inserts.add()
            case .removal(_, _, let cause) where cause != .replaced: removals.add()
            default: break
            }
        }
        let reads = AtomicCounter()
        var phaseGenerator = SplitMix64(seed: 77)
        for phase in 0..<Self.phases {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<Self.workers {
                    group.addTask {
                        var generator = SplitMix64(seed: UInt64(phase * Self.workers + worker + 1))
                        let now = clock.now
                        for _ in 0..<Self.operationsPerPhase {
                            let key = Int.random(in: 0..<200, using: &generator)
                            switch Int.random(in: 0..<10, using: &generator) {
                            case 0..<5:
                                reads.add()
                                if let deadline = cache.get(key), deadline <= now.nanoseconds {
                                    violations.append("read \(key): dead since \(deadline), now \(now)")
                                }
                            case 5..<8:
                                let ttl = Duration.milliseconds(Int.random(in: 1...80, using: &generator))
                                cache.set(key, now.advanced(by: ttl).nanoseconds, ttl: .after(ttl))
                            case 8:
                                cache.delete(key)
                            default:
                                let count = cache.count
                                let cost = cache.totalCost
                                if count > 64 || cost > 150 {
                                    violations.append("over limits: \(count) entries, cost \(cost)")
                                }
                            }
                        }
                    }
                }
            }
            clock.advance(by: .milliseconds(Int.random(in: 0...20, using: &phaseGenerator)))
        }
        #expect(violations.elements.isEmpty, "\(violations.elements.prefix(5))")
        cache.checkInvariants()
        let stats = cache.stats
        #expect(stats.hits + stats.misses == reads.value)
        #expect(inserts.value - removals.value == cache.count)
        #expect(stats.sets >= inserts.value)
        #expect(stats.expirations > 0)
        #expect(stats.evictions > 0)
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
