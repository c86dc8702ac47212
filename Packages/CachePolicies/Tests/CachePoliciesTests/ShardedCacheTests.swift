import CacheCore
@_spi(Testing) import CachePolicies
import Synchronization
import Testing
import _CacheTestSupport

@Suite("ShardedCache")
struct ShardedCacheTests {
    @Test func limitsAreSplitSoThatThePartsAddUpToTheWhole() {
        let cache = ShardedCache<Int, Int>(shards: 8, maxSize: 1_003, maxCost: 2_005)
        #expect(cache.shardCount == 8)
        let sizes = cache.shardCaches.map { $0.limits.maxSize ?? -1 }
        let costs = cache.shardCaches.map { $0.limits.maxCost ?? -1 }
        #expect(sizes == [126, 126, 126, 125, 125, 125, 125, 125])
        #expect(costs == [251, 251, 251, 251, 251, 250, 250, 250])
        #expect(cache.limits == CacheLimits(maxSize: 1_003, maxCost: 2_005))
    }

    @Test func smallCachesGetFewerShards() {
        #expect(ShardedCache<Int, Int>(shards: 16, maxSize: 40).shardCount == 2)
        #expect(ShardedCache<Int, Int>(shards: 16, maxSize: 10).shardCount == 1)
        #expect(ShardedCache<Int, Int>(shards: 16, maxSize: 256).shardCount == 16)
        #expect(ShardedCache<Int, Int>(shards: 4, maxSize: nil).shardCount == 4)
    }

    @Test func aFullCacheHoldsExactlyMaxSizeAndEvictsWithinShards() {
        let cache = ShardedCache<Int, Int>(shards: 8, maxSize: 1_000)
        let evicted = LockedArray<Int>()
        cache.onRemoval { key, _, cause in if cause == .evicted { evicted.append(key) } }
        for key in 0..<10_000 { cache.set(key, key) }
        #expect(cache.count == 1_000)
        #expect(evicted.elements.count == 9_000)
        #expect(cache.stats.evictions == 9_000)
        // LRU within each shard: every shard keeps its most recent keys.
        for shard in cache.shardCaches {
            let keys = shard.keys
            #expect(keys == keys.sorted(), "a shard's LRU order is its write order here")
            #expect(keys.count == shard.limits.maxSize)
        }
        #expect(Set(cache.keys).count == 1_000)
    }

    @Test func readsWritesAndDeletesGoToTheKeysShard() {
        let cache = ShardedCache<String, Int>(shards: 4, maxSize: 400)
        for index in 0..<100 { cache["key\(index)"] = index }
        #expect(cache.count == 100)
        #expect(cache.get("key7") == 7)
        #expect(cache["missing"] == nil)
        #expect(cache.get("missing", default: -1) == -1)
        #expect(cache.contains("key99"))
        #expect(cache.add("key7", 70) == false)
        #expect(cache.add("key100", 100))
        #expect(cache.delete("key7"))
        #expect(!cache.delete("key7"))
        cache["key8"] = nil
        #expect(cache.count == 99)
        #expect(cache.getMany(.keys(["key1", "key2", "nope"])) == ["key1": 1, "key2": 2])
        #expect(cache.keys(matching: .glob("key1?")).sorted() == (10...19).map { "key\($0)" })
        #expect(cache.deleteMany(.glob("key1?")) == 10)
        #expect(cache.snapshot().count == 89)
        #expect(cache.items.count == 89)
        #expect(Array(cache).count == 89)
        for (key, value) in cache.items {
            let home = cache.shardCaches[key.hashValue & (cache.shardCount - 1)]
            #expect(home.get(key) == value, "\(key) is not in its shard")
        }
        cache.clear()
        #expect(cache.isEmpty)
    }

    @Test func bulkWritesStoreEveryPair() {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 1_000)
        cache.setMany((0..<200).map { (key: $0, value: $0 * 2) })
        #expect(cache.count == 200)
        #expect(cache.addMany((150..<250).map { (key: $0, value: 0) }) == 50)
        #expect(cache.get(160) == 320)
        #expect(cache.get(240) == 0)
    }

    @Test func statisticsAreSummedOverTheShards() {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 100)
        for key in 0..<50 { cache.set(key, key) }
        for key in 0..<80 { _ = cache.get(key) }
        #expect(cache.stats.hits == 50)
        #expect(cache.stats.misses == 30)
        #expect(cache.stats.sets == 50)
        #expect(cache.stats.entryCount == 50)
        cache.pauseStats()
        #expect(cache.isStatsPaused)
        _ = cache.get(1)
        #expect(cache.stats.hits == 50)
        cache.resumeStats()
        #expect(!cache.isStatsPaused)
        cache.resetStats()
        #expect(cache.stats.hits == 0)
        cache.disableStats()
        #expect(!cache.isRecordingStats)
        cache.enableStats()
        #expect(cache.isRecordingStats)
    }

    @Test func listenersHearEveryShardUntilRemoved() {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 100)
        let sets = LockedArray<Int>()
        let gets = LockedArray<Int>()
        let setID = cache.onSet { key, _, _ in sets.append(key) }
        cache.onGet { key, _, hit in if hit { gets.append(key) } }
        for key in 0..<40 { cache.set(key, key) }
        for key in 0..<40 { _ = cache.get(key) }
        #expect(sets.elements.sorted() == Array(0..<40))
        #expect(gets.elements == Array(0..<40))
        #expect(cache.removeListener(setID))
        #expect(!cache.removeListener(setID))
        cache.set(100, 100)
        #expect(sets.elements.count == 40)
    }

    @Test func entriesExpireOnTheCachesClock() {
        let clock = ManualClock()
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 100, defaultTTL: .seconds(10), clock: .manual(clock))
        for key in 0..<20 { cache.set(key, key) }
        cache.set(100, 100, ttl: .never)
        cache.set(101, 101, ttl: .seconds(1))
        #expect(cache.timeToLive(forKey: 101) == .after(.seconds(1)))
        #expect(cache.timeToLive(forKey: 100) == .never)
        #expect(cache.expirationDeadlines().count == 21)
        clock.advance(by: .seconds(2))
        #expect(cache.get(101) == nil)
        clock.advance(by: .seconds(10))
        #expect(cache.expire() == 20)
        #expect(cache.count == 1)
        #expect(cache.stats.expirations == 21)
    }

    @Test func configureSplitsTheNewLimitsAndEvictsAtOnce() throws {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 400)
        for key in 0..<400 { cache.set(key, key) }
        try cache.configure { $0.maxSize = 100 }
        #expect(cache.count <= 100)
        #expect(cache.limits.maxSize == 100)
        #expect(cache.shardCaches.map { $0.limits.maxSize } == [25, 25, 25, 25])
        #expect(throws: CacheConfigurationError.self) { try cache.configure { $0.maxSize = -1 } }
        #expect(cache.limits.maxSize == 100)
    }

    @Test func popItemTakesTheFullestShardsNextVictim() {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 400)
        for key in 0..<10 { cache.set(key, key) }
        let counts = cache.shardCaches.map(\.count)
        let fullest = counts.firstIndex(of: counts.max()!)!
        let expected = cache.shardCaches[fullest].keys.first
        #expect(cache.popItem()?.key == expected)
        while cache.popItem() != nil {}
        #expect(cache.isEmpty)
        #expect(cache.evict() == 0)
    }

    @Test func loadersRunOnceAndStoreInTheKeysShard() async throws {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 100)
        let runs = AtomicCounter()
        #expect(
            try cache.get(3) { key throws(CacheWriteError) in
                runs.add()
                return key * 3
            } == 9
        )
        #expect(
            try cache.get(3) { key throws(CacheWriteError) in
                runs.add()
                return 0
            } == 9
        )
        #expect(runs.value == 1)
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await cache.value(forKey: 5) { key in
                        runs.add()
                        return key * 5
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 25, count: 8))
        #expect(runs.value == 2)
        #expect(cache.stats.loadSuccesses == 2)
    }

    @Test func itIsACacheProtocol() {
        func roundTrip(_ cache: some CacheProtocol<Int, Int>) -> Int? {
            cache.set(1, 10)
            return cache.get(1)
        }
        #expect(roundTrip(ShardedCache<Int, Int>(maxSize: 100)) == 10)
    }
}
