import CacheCore
@_spi(Testing) import CachePolicies
import Synchronization
import Testing
import _CacheTestSupport

/// Threads hammering one `ShardedCache`. Run under the thread sanitizer by `Scripts/tsan.sh`
/// (its filter matches "Concurrency").
@Suite("Concurrency, sharded")
struct ShardedConcurrencyTests {
    static let workers = 4
    static let phases = 30
    static let operationsPerPhase = 600

    /// As ``ConcurrencyTests/invariantsHoldUnderContention(policyName:)``, on a sharded cache:
    /// no dead value is ever read, the global limits hold after every operation a worker sees,
    /// listeners see every insert and removal, and the summed statistics count every read.
    @Test(arguments: ["lru", "lfu", "fifo", "random"])
    func invariantsHoldUnderContention(policyName: String) async {
        let clock = ManualClock()
        let cache = ShardedCache<Int, Int64>(
            name: "sharded-stress-\(policyName)",
            shards: 4,
            maxSize: 96,
            maxCost: 200,
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
        var phaseGenerator = SplitMix64(seed: 91)
        for phase in 0..<Self.phases {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<Self.workers {
                    group.addTask {
                        var generator = SplitMix64(seed: UInt64(phase * Self.workers + worker + 1))
                        let now = clock.now
                        for _ in 0..<Self.operationsPerPhase {
                            let key = Int.random(in: 0..<300, using: &generator)
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
                                if count > 96 || cost > 200 {
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
        for shard in cache.shardCaches { shard.checkInvariants() }
        let stats = cache.stats
        #expect(stats.hits + stats.misses == reads.value)
        #expect(inserts.value - removals.value == cache.count)
        #expect(stats.expirations > 0)
        #expect(stats.evictions > 0)
    }
}
