import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// `defaultValue:`: cacheout's `Cache(default=callable)`.
@Suite("Default value")
struct DefaultValueTests {
    @Test func aMissStoresAndReturnsTheDefault() {
        let made = LockedArray<String>()
        let cache = Cache<String, Int>(
            maxSize: 10,
            defaultValue: { key in
                made.append(key)
                return key.count
            }
        )
        cache["kept"] = 99
        #expect(cache["kept"] == 99)
        #expect(cache.get("four") == 4)
        #expect(cache["three"] == 5)
        #expect(cache["four"] == 4, "stored: made once")
        #expect(made.elements == ["four", "three"])
        let stats = cache.stats
        #expect(stats.hits == 2 && stats.misses == 2 && stats.loadSuccesses == 2)
        #expect(cache.count == 3)
    }

    @Test func theDefaultTakesTheTTLRules() {
        let clock = ManualClock()
        let cache = Cache<String, Int>(
            maxSize: 10,
            defaultTTL: .seconds(5),
            clock: .manual(clock),
            defaultValue: { _ in 0 }
        )
        #expect(cache["a"] == 0)
        #expect(cache.timeToLive(forKey: "a") == .after(.seconds(5)))
    }

    @Test func withoutOneAMissIsNil() {
        let cache = Cache<String, Int>(maxSize: 10)
        #expect(cache["missing"] == nil)
        #expect(cache.count == 0)
    }

    @Test func shardedCachesUseItInEveryShard() {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 400, defaultValue: { $0 * 2 })
        #expect((0..<40).map { cache[$0] } == (0..<40).map { $0 * 2 })
        #expect(cache.count == 40)
    }
}
