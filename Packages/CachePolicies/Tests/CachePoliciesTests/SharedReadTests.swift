import CacheCore
import Synchronization
import Testing

@testable import CachePolicies

/// Quiet reads share the cache's lock (``CacheStorageLock``): they buffer their hits and misses
/// in their thread's stripe, and a writer applies the buffers before it runs. These tests pin
/// down what a user can observe of that: nothing, unless a buffer overflows.
@Suite("Shared reads")
struct SharedReadTests {
    /// An LRU cache of `count` keys, written in order (key 0 is the least recently used).
    func filledLRU(_ count: Int) -> Cache<Int, Int> {
        let cache = Cache<Int, Int>(maxSize: count, policy: .lru)
        for key in 0..<count { cache[key] = key * 10 }
        return cache
    }

    @Test func bufferedHitsReachThePolicyBeforeTheNextWrite() {
        let cache = filledLRU(4)
        #expect(cache[0] == 0)
        #expect(cache[1] == 10)
        cache[4] = 40  // Evicts the least recently used: 2, not the keys just read.
        #expect(cache.keys == [3, 0, 1, 4])
    }

    @Test func readsBeyondOneBufferKeepTheirOrder() {
        let cache = filledLRU(64)
        // More reads than several stripe buffers hold, so buffers fill and are applied midway.
        let order = (0..<64).map { ($0 * 37) % 64 }
        for key in order { #expect(cache[key] == key * 10) }
        #expect(cache.keys == order)
    }

    @Test func statisticsCountEveryBufferedHitAndMiss() {
        let cache = filledLRU(10)
        for round in 0..<7 {
            for key in 0..<10 { #expect(cache[key] == key * 10) }
            #expect(cache[100 + round] == nil)
        }
        #expect(cache.stats.hits == 70)
        #expect(cache.stats.misses == 7)
    }

    @Test func missesReachWTinyLFUsSketch() {
        // A key missed often enough before it is written is admitted over a key read once.
        let cache = Cache<Int, Int>(maxSize: 100, policy: .tinyLFU)
        for key in 0..<100 { cache[key] = key }
        for _ in 0..<5 { #expect(cache[1_000] == nil) }
        let sketch = cache.storage.withAnnotatedLock { @Sendable storage in
            storage.policy.tinyLFU.sketch.frequency(of: Int(SlotIndex.tag(of: 1_000.hashValue)))
        }
        #expect(sketch >= 5)
    }

    @Test func readsFindingTheBufferFullAndTheLockBusyAreCountedButNotApplied() {
        let cache = filledLRU(100)
        let capacity = ReadStripes.bufferCapacity
        // Holding the writer lock (without shutting readers out) keeps the reader that fills its
        // stripe's buffer from applying it: the reads after it are dropped.
        cache.storage.writer.withLock { _ in
            for key in 50..<(50 + capacity + 14) { #expect(cache[key] == key * 10) }
        }
        let applied = Array(50..<(50 + capacity))
        let dropped = Array((50 + capacity)..<(50 + capacity + 14))
        #expect(cache.keys == Array(0..<50) + dropped + Array((50 + capacity + 14)..<100) + applied)
        #expect(cache.stats.hits == capacity + 14)
    }
}
