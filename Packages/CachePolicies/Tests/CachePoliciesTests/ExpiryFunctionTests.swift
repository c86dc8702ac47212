import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// Variable expiry: the `expiry` function gives each entry written without a TTL its own.
@Suite("Expiry function")
struct ExpiryFunctionTests {
    /// A response with the lifetime its `Cache-Control: max-age` gave, if any.
    struct Response: Equatable, Sendable {
        var body: String
        var maxAge: Int?
    }

    let clock = ManualClock()

    func makeCache(defaultTTL: TimeToLive? = .seconds(60)) -> Cache<String, Response> {
        Cache(
            maxSize: 100,
            defaultTTL: defaultTTL,
            expiry: { _, response in response.maxAge.map { .seconds($0) } },
            clock: .manual(clock)
        )
    }

    @Test func eachEntryLivesAsLongAsItsValueSays() {
        let cache = makeCache()
        cache["/a"] = Response(body: "a", maxAge: 5)
        cache.set("/b", Response(body: "b", maxAge: 30))
        cache.setMany([(key: "/c", value: Response(body: "c", maxAge: 10))])
        cache.add("/d", Response(body: "d", maxAge: nil))
        #expect(cache.timeToLive(forKey: "/a") == .after(.seconds(5)))
        #expect(cache.timeToLive(forKey: "/b") == .after(.seconds(30)))
        #expect(cache.timeToLive(forKey: "/c") == .after(.seconds(10)))
        #expect(cache.timeToLive(forKey: "/d") == .after(.seconds(60)), "nil from the function: the default TTL")
        clock.advance(by: .seconds(10))
        #expect(cache.keys(matching: .all).sorted() == ["/b", "/d"])
    }

    @Test func aTTLGivenToTheWriteWins() {
        let cache = makeCache()
        cache.set("/a", Response(body: "a", maxAge: 5), ttl: .never)
        cache.updateValue(Response(body: "b", maxAge: 5), forKey: "/b", ttl: .seconds(2))
        #expect(cache.timeToLive(forKey: "/a") == .never)
        #expect(cache.timeToLive(forKey: "/b") == .after(.seconds(2)))
    }

    @Test func worksWithoutADefaultTTL() {
        let cache = makeCache(defaultTTL: nil)
        cache["/short"] = Response(body: "s", maxAge: 1)
        cache["/forever"] = Response(body: "f", maxAge: nil)
        cache["/dead"] = Response(body: "d", maxAge: 0)
        #expect(cache.count == 2, "a zero max-age is dead on arrival")
        clock.advance(by: .seconds(1))
        #expect(cache.keys(matching: .all) == ["/forever"])
        #expect(cache.timeToLive(forKey: "/forever") == .never)
    }

    @Test func loadedAndComputedValuesGetTheirTTL() async throws {
        let cache = makeCache()
        let loaded = cache.get("/sync") { _ in Response(body: "sync", maxAge: 7) }
        #expect(loaded.maxAge == 7)
        _ = try await cache.value(forKey: "/async") { _ in Response(body: "async", maxAge: 8) }
        cache.compute("/computed") { _ in Response(body: "computed", maxAge: 9) }
        #expect(cache.timeToLive(forKey: "/sync") == .after(.seconds(7)))
        #expect(cache.timeToLive(forKey: "/async") == .after(.seconds(8)))
        #expect(cache.timeToLive(forKey: "/computed") == .after(.seconds(9)))
    }

    @Test func reloadsGetTheTTLOfTheReloadedValue() async throws {
        let cache = Cache<String, Response>(
            maxSize: 10,
            expiry: { _, response in response.maxAge.map { .seconds($0) } },
            clock: .manual(clock),
            load: { key in Response(body: key, maxAge: 20) }
        )
        cache["/page"] = Response(body: "old", maxAge: 3)
        _ = try await cache.refresh("/page").value
        #expect(cache.get("/page") == Response(body: "/page", maxAge: 20))
        #expect(cache.timeToLive(forKey: "/page") == .after(.seconds(20)))
    }

    @Test func shardedCachesPassItToEveryShard() {
        let cache = ShardedCache<Int, Int>(
            shards: 4,
            maxSize: 400,
            expiry: { key, _ in .seconds(key + 1) },
            clock: .manual(clock)
        )
        for key in 0..<20 { cache[key] = key }
        clock.advance(by: .seconds(10))
        #expect(cache.count == 10)
        #expect((0..<20).filter { cache.contains($0) } == Array(10..<20))
    }
}
