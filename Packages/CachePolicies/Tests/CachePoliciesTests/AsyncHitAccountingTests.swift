import CacheCore
import CachePolicies
import Synchronization
import Testing

/// `value(forKey:ttl:load:)` reads a hit on an inlined path and hands a miss to the single-flight
/// path: each read must still count and report exactly once.
@Suite("Async loading: hits and misses")
struct AsyncHitAccountingTests {
    @Test func anAsyncHitIsAUseAndCountsAndIsReportedOnce() async throws {
        let cache = Cache<String, Int>(maxSize: 2, policy: .lru)
        let reads = Mutex<[String]>([])
        cache.onGet { key, _, hit in reads.withAnnotatedLock { $0.append("\(key):\(hit)") } }
        cache["a"] = 1
        cache["b"] = 2
        #expect(try await cache.value(forKey: "a") { _ in 9 } == 1)
        cache["c"] = 3  // evicts "b": the read made "a" the most recently used
        #expect(cache.keys == ["a", "c"])
        #expect(cache.stats.hits == 1)
        #expect(cache.stats.misses == 0)
        #expect(cache.stats.loads == 0)
        #expect(reads.withAnnotatedLock { $0 } == ["a:true"])
    }

    @Test func anAsyncMissCountsAndIsReportedOnce() async throws {
        let clock = ManualClock()
        let cache = Cache<String, Int>(maxSize: 2, defaultTTL: .seconds(1), clock: .manual(clock))
        let reads = Mutex<[String]>([])
        cache.onGet { key, _, hit in reads.withAnnotatedLock { $0.append("\(key):\(hit)") } }
        cache["expiring"] = 1
        clock.advance(by: .seconds(1))
        #expect(try await cache.value(forKey: "expiring") { _ in 5 } == 5)
        #expect(try await cache.value(forKey: "missing") { _ in 6 } == 6)
        #expect(cache.stats.hits == 0)
        #expect(cache.stats.misses == 2)
        #expect(cache.stats.loadSuccesses == 2)
        #expect(reads.withAnnotatedLock { $0 } == ["expiring:false", "missing:false"])
    }
}
