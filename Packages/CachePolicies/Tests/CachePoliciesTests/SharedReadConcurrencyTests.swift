import CacheCore
@_spi(Testing) @_spi(Randomness) import CachePolicies
import Testing
import _CacheTestSupport

/// Threads reading and writing caches with no TTL and no read listener, so that reads share the
/// lock (see `CacheStorageLock`): every value read is the one written for its key, the limit
/// holds, the statistics count every read exactly once, and the engine's invariants hold at the
/// end. Run under the thread sanitizer by `Scripts/tsan.sh` (its filter matches "Concurrency").
@Suite("Concurrency, shared reads")
struct SharedReadConcurrencyTests {
    static let workers = 4
    static let operationsPerWorker = 20_000
    static let keyCount = 600
    static let maxSize = 256

    /// Runs the workers against `read`, `write` and `delete`; returns the reads made and the
    /// number of wrong values seen.
    func hammer(
        read: @escaping @Sendable (Int) -> Int?,
        write: @escaping @Sendable (Int) -> Void,
        delete: @escaping @Sendable (Int) -> Void
    ) async -> (reads: Int, wrongValues: Int) {
        let reads = AtomicCounter()
        let wrongValues = AtomicCounter()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<Self.workers {
                group.addTask {
                    var generator = SplitMix64(seed: UInt64(worker + 1))
                    for _ in 0..<Self.operationsPerWorker {
                        let draw = generator.next()
                        let key = Int(draw % UInt64(Self.keyCount))
                        switch (draw >> 32) % 100 {
                        case 0..<85:
                            reads.add()
                            if let value = read(key), value != key &* 31 { wrongValues.add() }
                        case 85..<97: write(key)
                        default: delete(key)
                        }
                    }
                }
            }
        }
        return (reads.value, wrongValues.value)
    }

    @Test(arguments: ["tinylfu", "lru", "sieve", "s3fifo", "lfu", "fifo"])
    func readersAndWritersAgree(policyName: String) async {
        let cache = Cache<Int, Int>(maxSize: Self.maxSize, policy: CachePolicy.named(policyName)!)
        let sizes = LockedArray<Int>()
        let (reads, wrongValues) = await hammer(
            read: { cache[$0] },
            write: { key in
                cache[key] = key &* 31
                sizes.append(cache.count)
            },
            delete: { cache.delete($0) }
        )
        #expect(wrongValues == 0)
        #expect(sizes.elements.allSatisfy { $0 <= Self.maxSize })
        let stats = cache.stats
        #expect(stats.hits + stats.misses == reads)
        #expect(stats.hits > 0 && stats.misses > 0)
        cache.checkInvariants()
    }

    @Test(arguments: ["tinylfu", "lru"])
    func shardedReadersAndWritersAgree(policyName: String) async {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: Self.maxSize, policy: CachePolicy.named(policyName)!)
        let (reads, wrongValues) = await hammer(
            read: { cache[$0] },
            write: { cache[$0] = $0 &* 31 },
            delete: { cache.delete($0) }
        )
        #expect(wrongValues == 0)
        #expect(cache.count <= Self.maxSize)
        let stats = cache.stats
        #expect(stats.hits + stats.misses == reads)
        for shard in cache.shardCaches { shard.checkInvariants() }
    }
}
