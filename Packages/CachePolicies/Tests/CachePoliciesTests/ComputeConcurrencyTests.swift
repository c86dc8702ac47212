import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// Threads computing on shared keys while others read, write and evict. Run under the thread
/// sanitizer by `Scripts/tsan.sh`.
@Suite("Compute concurrency")
struct ComputeConcurrencyTests {
    static let tasks = 8
    static let roundsPerTask = 2_000
    static let counterKeys = 4

    /// Counters incremented by `compute` from many tasks add up to exactly the number of
    /// increments, while other keys churn through the full cache: what the counters hold at the
    /// end plus what they held when evicted (a counter evicted starts again from zero).
    @Test(arguments: [CachePolicy.lru, .tinyLFU, .fifo])
    func noIncrementIsLost(policy: CachePolicy) async {
        let cache = Cache<Int, Int>(name: "counters", maxSize: 64, policy: policy)
        let evictedCounts = AtomicCounter()
        cache.addListener(for: .removal) { event in
            if case .removal(let key, let value, .evicted) = event, key < Self.counterKeys {
                evictedCounts.add(value)
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<Self.tasks {
                group.addTask {
                    for round in 0..<Self.roundsPerTask {
                        let counter = (task + round) % Self.counterKeys
                        cache.compute(counter, ttl: .never) { ($0 ?? 0) + 1 }
                        // Other keys come and go around the counters.
                        let churn = 1_000 + (task * Self.roundsPerTask + round) % 200
                        if round % 2 == 0 {
                            cache.set(churn, round)
                        } else {
                            cache.compute(churn) { $0 == nil ? round : nil }
                        }
                    }
                }
            }
        }
        let total = (0..<Self.counterKeys).reduce(0) { $0 + (cache.get($1) ?? 0) }
        #expect(total + evictedCounts.value == Self.tasks * Self.roundsPerTask)
        #expect(total > 0)
        // The churn filled the cache and evicted (how full it ends depends on the interleaving:
        // a computation removes the churn key it finds).
        #expect(cache.count <= 64)
        #expect(cache.stats.evictions > 0)
        cache.checkInvariants()
    }

    /// A `ShardedCache` spreads counters over its shards; none loses an increment.
    @Test func shardedCountersAddUp() async {
        let cache = ShardedCache<Int, Int>(shards: 8, maxSize: 10_000)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<Self.tasks {
                group.addTask {
                    for round in 0..<Self.roundsPerTask {
                        cache.compute((task * 7 + round) % 100) { ($0 ?? 0) + 1 }
                    }
                }
            }
        }
        let total = (0..<100).reduce(0) { $0 + (cache.get($1) ?? 0) }
        #expect(total == Self.tasks * Self.roundsPerTask)
    }
}
