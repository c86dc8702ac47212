import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// `expireAfterAccess`: an idle timeout that reads and writes restart.
@Suite("Expire after access")
struct IdleExpiryTests {
    let clock = ManualClock()

    func makeCache(ttl: TimeToLive? = nil, idle: TimeToLive? = .seconds(10)) -> Cache<String, Int> {
        Cache(maxSize: 100, defaultTTL: ttl, expireAfterAccess: idle, policy: .lru, clock: .manual(clock))
    }

    @Test func readsAndWritesRestartTheClock() {
        let cache = makeCache()
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache, kinds: .removal)
        cache["read"] = 1
        cache["written"] = 2
        cache["idle"] = 3
        for _ in 0..<3 {
            clock.advance(by: .seconds(6))
            _ = cache.get("read")
            cache["written"] = 2
        }
        #expect(cache.keys(matching: .all).sorted() == ["read", "written"])
        #expect(
            recorder.take().filter { $0.kind == .removal && $0.key != "written" } == [
                .removal(key: "idle", value: 3, cause: .expired)
            ]
        )
        #expect(cache.timeToLive(forKey: "read") == .after(.seconds(10)))
    }

    @Test func lookingWithoutReadingDoesNotRestartIt() {
        let cache = makeCache()
        cache["a"] = 1
        clock.advance(by: .seconds(9))
        #expect(cache.contains("a"))
        #expect(cache.timeToLive(forKey: "a") == .after(.seconds(1)))
        clock.advance(by: .seconds(1))
        #expect(cache.contains("a") == false, "dead at the deadline")
    }

    @Test func whicheverOfTTLAndIdleTimeoutComesFirstEndsTheEntry() {
        let cache = makeCache(ttl: .seconds(15))
        cache["busy"] = 1
        cache["quiet"] = 2
        cache.set("short", 3, ttl: .seconds(4))
        for _ in 0..<3 {
            clock.advance(by: .seconds(5))
            _ = cache.get("busy")
        }
        // At 15 s: "busy" was read every 5 s but its TTL ran out; "quiet" idled out at 10 s;
        // "short" lived 4 s.
        #expect(cache.count == 0)
        #expect(cache.stats.expirations == 3)
    }

    @Test func loadsAndAsyncReadsAreAccesses() async throws {
        let cache = makeCache()
        cache["a"] = 1
        clock.advance(by: .seconds(8))
        #expect(try await cache.value(forKey: "a") { _ in 0 } == 1)
        _ = cache.get("b", orLoad: { _ in 2 })
        clock.advance(by: .seconds(8))
        #expect(cache.keys(matching: .all).sorted() == ["a", "b"])
    }

    @Test func configureSetsChangesAndRemovesTheTimeout() throws {
        let cache = makeCache(idle: nil)
        cache["old"] = 1
        clock.advance(by: .seconds(100))
        try cache.configure { $0.expireAfterAccess = .seconds(10) }
        #expect(cache.timeToLive(forKey: "old") == .after(.seconds(10)), "live entries count as accessed now")
        clock.advance(by: .seconds(4))
        cache["new"] = 2
        try cache.configure { $0.expireAfterAccess = .seconds(5) }
        #expect(cache.timeToLive(forKey: "new") == .after(.seconds(5)))
        #expect(cache.timeToLive(forKey: "old") == .after(.seconds(1)), "idle for 4 s of the new 5")
        try cache.configure { $0.expireAfterAccess = nil }
        #expect(cache.timeToLive(forKey: "new") == .never)
        clock.advance(by: .seconds(1_000))
        #expect(cache.keys(matching: .all).sorted() == ["new", "old"])
    }

    @Test func aShorterTimeoutExpiresEntriesAlreadyIdleForLonger() throws {
        let cache = makeCache(idle: .seconds(60))
        cache["a"] = 1
        cache["b"] = 2
        clock.advance(by: .seconds(20))
        _ = cache.get("b")
        try cache.configure { $0.expireAfterAccess = .seconds(10) }
        #expect(cache.keys(matching: .all) == ["b"])
        #expect(cache.timeToLive(forKey: "b") == .after(.seconds(10)))
    }

    @Test func aNonPositiveTimeoutIsRejectedByName() {
        let cache = makeCache()
        #expect {
            try cache.configure { $0.expireAfterAccess = .seconds(0) }
        } throws: { error in
            "\(error)".contains("expireAfterAccess is 0.0 seconds")
        }
    }

    @Test func shardedCachesExpireIdleEntriesInEveryShard() throws {
        let cache = ShardedCache<Int, Int>(
            shards: 4,
            maxSize: 400,
            expireAfterAccess: .seconds(10),
            clock: .manual(clock)
        )
        for key in 0..<40 { cache[key] = key }
        clock.advance(by: .seconds(6))
        for key in 0..<20 { _ = cache.get(key) }
        clock.advance(by: .seconds(6))
        #expect(cache.count == 20)
        try cache.configure { $0.expireAfterAccess = .seconds(1) }
        #expect(cache.limits.expireAfterAccess == .seconds(1))
        #expect(cache.count == 0)
    }

    /// An idle deadline past `Int64.max` nanoseconds means none: reads must not schedule one.
    @Test func aHugeTimeoutKeepsTheExpirationQueueConsistent() {
        let cache = Cache<Int, Int>(maxSize: 10, expireAfterAccess: .after(.seconds(Int64.max)), clock: .manual(clock))
        cache[1] = 1
        clock.advance(by: .seconds(1))
        #expect(cache.get(1) == 1)
        #expect(cache.get(1) == 1)
        cache.checkInvariants()
        #expect(cache.expirationDeadlines().isEmpty)
        cache.set(2, 2, ttl: .seconds(1))
        clock.advance(by: .seconds(2))
        #expect(cache.get(2) == nil, "the next expiry neither hangs nor loses the entry")
        #expect(cache.get(1) == 1)
    }
}
