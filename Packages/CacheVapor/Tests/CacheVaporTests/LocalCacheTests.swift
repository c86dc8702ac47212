#if Vapor
import CacheCore
import CachePolicies
import CacheVapor
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("CacheVapor over an in-process Cache")
struct LocalCacheTests {
    let clock = ManualClock()

    func makeCache(
        maxSize: Int = 100,
        defaultTTL: TimeToLive? = nil,
        policy: CachePolicy = .tinyLFU
    )
        -> CachePolicies.Cache<String, Data>
    {
        CachePolicies.Cache(
            name: "vapor",
            maxSize: maxSize,
            defaultTTL: defaultTTL,
            policy: policy,
            clock: .manual(clock)
        )
    }

    @Test("values of several Codable types go through the routes and back")
    func severalTypes() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.put(bob, at: "b") == .noContent)
            #expect(try await client.status(.PUT, "notes/n", body: "hello, cache") == .noContent)
            var counts: [String] = []
            for _ in 0..<3 { counts.append(try await client.sendRequest(.POST, "counters/c").body.string) }

            #expect(try await client.item(at: "a") == alice)
            #expect(try await client.item(at: "b") == bob)
            #expect(try await client.sendRequest(.GET, "notes/n").body.string == "hello, cache")
            #expect(counts == ["1", "2", "3"])
            #expect(try await client.item(at: "missing") == nil)
            #expect(cache.count == 4)
        }
    }

    @Test("the cache stores each value's JSON")
    func storesJSON() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            let stored = try #require(cache.get("a"))
            #expect(try JSONDecoder().decode(Item.self, from: stored) == alice)
            try await app.cache.set("n", to: 42)
            #expect(cache.get("n").map { String(decoding: $0, as: UTF8.self) } == "42")
        }
    }

    @Test("an expiration is a TTL on the cache's clock")
    func expiration() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a", ttl: 60) == .noContent)
            #expect(cache.timeToLive(forKey: "a") == .after(.seconds(60)))
            clock.advance(by: .seconds(59))
            #expect(try await client.item(at: "a") == alice)
            clock.advance(by: .seconds(1))
            #expect(try await client.item(at: "a") == nil)
            #expect(cache.count == 0)
        }
    }

    @Test("each expiration unit becomes its number of seconds")
    func expirationUnits() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            try await app.cache.set("s", to: 1, expiresIn: .seconds(5))
            try await app.cache.set("m", to: 1, expiresIn: .minutes(2))
            try await app.cache.set("h", to: 1, expiresIn: .hours(3))
            try await app.cache.set("d", to: 1, expiresIn: .days(1))
            #expect(cache.timeToLive(forKey: "s") == .after(.seconds(5)))
            #expect(cache.timeToLive(forKey: "m") == .after(.seconds(120)))
            #expect(cache.timeToLive(forKey: "h") == .after(.seconds(10_800)))
            #expect(cache.timeToLive(forKey: "d") == .after(.seconds(86_400)))
        }
    }

    @Test("without an expiration the cache's default TTL applies")
    func defaultTTL() async throws {
        let cache = makeCache(defaultTTL: .seconds(10))
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            clock.advance(by: .seconds(9))
            #expect(try await client.item(at: "a") == alice)
            clock.advance(by: .seconds(1))
            #expect(try await client.item(at: "a") == nil)
        }
    }

    @Test("an expiration of zero or fewer seconds removes the key")
    func zeroExpirationRemoves() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.put(bob, at: "a", ttl: 0) == .noContent)
            #expect(try await client.item(at: "a") == nil)
            try await app.cache.set("b", to: 1)
            try await app.cache.set("b", to: 2, expiresIn: .seconds(-5))
            #expect(cache.count == 0)
        }
    }

    @Test("setting nil removes the key, and so does delete")
    func settingNilRemoves() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.put(bob, at: "b") == .noContent)
            #expect(try await client.status(.DELETE, "items/a") == .noContent)
            #expect(try await client.item(at: "a") == nil)
            #expect(cache.count == 1)
            try await app.cache.delete("b")
            #expect(try await client.item(at: "b") == nil)
            #expect(cache.count == 0)
        }
    }

    @Test("reading as an incompatible type fails and names the key and type; a compatible one decodes")
    func wrongType() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            #expect(try await client.status(.PUT, "notes/n", body: "hello") == .noContent)
            #expect(try await client.status(.GET, "items/n") == .internalServerError)
            let error = await #expect(throws: CacheVaporValueError.self) {
                try await app.cache.get("n", as: Item.self)
            }
            #expect(error?.key == "n")
            #expect(error?.isDecoding == true)
            #expect(error?.typeName.hasSuffix("Item") == true)
            try await app.cache.set("count", to: 3)
            #expect(try await app.cache.get("count", as: Double.self) == 3.0)
            // The failed read leaves the value in place.
            #expect(try await client.sendRequest(.GET, "notes/n").body.string == "hello")
        }
    }

    @Test("a value that cannot be encoded fails the write and leaves the key alone")
    func encodingFailure() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            try await app.cache.set("x", to: 1.5)
            let error = await #expect(throws: CacheVaporValueError.self) {
                try await app.cache.set("x", to: Double.infinity)
            }
            #expect(error?.key == "x")
            #expect(error?.isDecoding == false)
            #expect(try await app.cache.get("x", as: Double.self) == 1.5)
        }
    }

    @Test("the cache's limit and policy apply")
    func limits() async throws {
        let cache = makeCache(maxSize: 2, policy: .lru)
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            for key in ["a", "b", "c"] { #expect(try await client.put(alice, at: key) == .noContent) }
            #expect(try await client.item(at: "a") == nil)
            #expect(try await client.item(at: "b") == alice)
            #expect(try await client.item(at: "c") == alice)
            #expect(cache.count == 2)
        }
    }

    @Test("a value over maxCost fails the write and removes the key, so the old value is not read")
    func refusedOverMaxCost() async throws {
        let cache = CachePolicies.Cache<String, Data>(
            name: "vapor",
            maxSize: 100,
            maxCost: 10,
            cost: { _, bytes in bytes.count },
            clock: .manual(clock)
        )
        try await withCacheApp(.swiftCaching(cache)) { app in
            let client = try app.testing()
            try await app.cache.set("k", to: "hi")
            #expect(try await app.cache.get("k", as: String.self) == "hi")
            let large = String(repeating: "x", count: 50)
            let error = await #expect(throws: CacheVaporWriteError.self) {
                try await app.cache.set("k", to: large, expiresIn: .minutes(1))
            }
            #expect(error?.key == "k")
            #expect(error?.byteCount == 52)
            #expect(error?.reason == .costExceedsLimit(cacheName: "vapor", cost: 52, maxCost: 10))
            #expect(error?.description.contains("over maxCost 10") == true)
            #expect(try await app.cache.get("k", as: String.self) == nil)
            #expect(cache.count == 0)
            // Through a route: the write fails, and the old value is gone.
            #expect(try await client.status(.PUT, "notes/n", body: "ok") == .noContent)
            #expect(try await client.status(.PUT, "notes/n", body: large) == .internalServerError)
            #expect(try await client.status(.GET, "notes/n") == .notFound)
            // A value that fits is stored again.
            try await app.cache.set("k", to: "ok")
            #expect(try await app.cache.get("k", as: String.self) == "ok")
        }
    }

    @Test("a cache of maxSize 0 fails every write, saying it stores nothing")
    func refusedByEmptyCache() async throws {
        let cache = makeCache(maxSize: 0)
        try await withCacheApp(.swiftCaching(cache)) { app in
            let error = await #expect(throws: CacheVaporWriteError.self) {
                try await app.cache.set("k", to: 7)
            }
            #expect(error?.key == "k")
            #expect(error?.byteCount == 1)
            #expect(error?.reason == .cacheStoresNothing(cacheName: "vapor"))
            #expect(try await app.cache.get("k", as: Int.self) == nil)
            // Removing a key is no write the cache refuses.
            try await app.cache.delete("k")
        }
    }

    @Test("an expiration too long to count never expires, and no trap")
    func hugeExpirations() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            try await app.cache.set("s", to: 1, expiresIn: .seconds(Int.max))
            try await app.cache.set("m", to: 2, expiresIn: .minutes(Int.max))
            try await app.cache.set("h", to: 3, expiresIn: .hours(Int.max / 1_000))
            try await app.cache.set("d", to: 4, expiresIn: .days(Int.max))
            for key in ["s", "m", "h", "d"] { #expect(cache.timeToLive(forKey: key) == .never) }
            clock.advance(by: .seconds(100 * 365 * 86_400))
            #expect(try await app.cache.get("s", as: Int.self) == 1)
            #expect(try await app.cache.get("m", as: Int.self) == 2)
            #expect(try await app.cache.get("h", as: Int.self) == 3)
            #expect(try await app.cache.get("d", as: Int.self) == 4)
        }
    }

    @Test("an expiration of any negative size removes the key, and no trap")
    func hugeNegativeExpirations() async throws {
        let cache = makeCache()
        try await withCacheApp(.swiftCaching(cache)) { app in
            for key in ["s", "m", "d"] { try await app.cache.set(key, to: 1) }
            #expect(cache.count == 3)
            try await app.cache.set("s", to: 2, expiresIn: .seconds(Int.min))
            try await app.cache.set("m", to: 2, expiresIn: .minutes(Int.min))
            try await app.cache.set("d", to: 2, expiresIn: .days(-Int.max))
            #expect(cache.count == 0)
            #expect(try await app.cache.get("s", as: Int.self) == nil)
        }
    }

    @Test("req.cache completes on the request's event loop")
    func requestEventLoop() async throws {
        try await withCacheApp(.swiftCaching(makeCache())) { app in
            let client = try app.testing()
            #expect(try await client.sendRequest(.GET, "event-loop").body.string == "request")
        }
    }

    @Test("the provider with a size makes its own cache, which every request shares")
    func providerWithSize() async throws {
        try await withCacheApp(.swiftCaching(maxSize: 10)) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.item(at: "a") == alice)
            #expect(app.cache is SwiftCachingCache)
        }
    }
}
#endif
