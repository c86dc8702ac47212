import CacheCore
import CachePolicies
import Testing

@Suite("Statistics")
struct StatsTests {
    @Test func countsEveryKindOfActivity() {
        let clock = ManualClock()
        let cache = Cache<Int, Int>(maxSize: 2, policy: .fifo, clock: .manual(clock))
        cache[1] = 1
        cache[2] = 2
        _ = cache[1]
        _ = cache[9]
        cache[3] = 3
        cache.delete(2)
        cache.set(4, 4, ttl: .seconds(1))
        clock.advance(by: .seconds(1))
        _ = cache.count
        let stats = cache.stats
        #expect(stats.hits == 1)
        #expect(stats.misses == 1)
        #expect(stats.sets == 4)
        #expect(stats.evictions == 1)
        #expect(stats.deletes == 1)
        #expect(stats.expirations == 1)
        #expect(stats.entryCount == 1)
        #expect(stats.requests == 2)
        #expect(stats.hitRate == 0.5)
        #expect(stats.missRate == 0.5)
        #expect(stats.evictionRate == 0.5)
    }

    @Test func pausingFreezesAndDisablingResets() {
        let cache = Cache<Int, Int>(maxSize: 10)
        cache[1] = 1
        _ = cache[1]
        #expect(!cache.isStatsPaused)
        cache.pauseStats()
        #expect(cache.isStatsPaused)
        #expect(cache.isRecordingStats, "paused is still enabled")
        _ = cache[1]
        #expect(cache.stats.hits == 1)
        cache.resumeStats()
        #expect(!cache.isStatsPaused)
        _ = cache[1]
        #expect(cache.stats.hits == 2)
        cache.disableStats()
        #expect(cache.isRecordingStats == false)
        _ = cache[1]
        #expect(cache.stats.hits == 0)
        cache.enableStats()
        _ = cache[1]
        #expect(cache.stats.hits == 1)
        cache.resetStats()
        #expect(cache.stats == CacheStats(entryCount: 1, totalCost: 1))
    }

    @Test func statsCanStartDisabled() {
        let cache = Cache<Int, Int>(maxSize: 10, recordsStats: false)
        cache[1] = 1
        _ = cache[1]
        #expect(cache.stats.hits == 0)
        #expect(cache.stats.sets == 0)
    }

    @Test func snapshotsSubtractAndDescribeThemselves() {
        let earlier = CacheStats(hits: 1, misses: 1, sets: 1, totalLoadTime: .seconds(1), entryCount: 1)
        let later = CacheStats(hits: 4, misses: 2, sets: 3, loadSuccesses: 2, totalLoadTime: .seconds(3), entryCount: 5)
        let delta = later.subtracting(earlier)
        #expect(
            delta
                == CacheStats(hits: 3, misses: 1, sets: 2, loadSuccesses: 2, totalLoadTime: .seconds(2), entryCount: 5)
        )
        #expect(delta.averageLoadTime == .seconds(1))
        #expect(CacheStats().hitRate == 0)
        #expect(delta.description.hasPrefix("CacheStats(hits: 3, misses: 1, hitRate: 75.00%"))
    }
}
