#if Vapor && Redis
import CacheCore
import CacheRedis
import CacheVapor
import Foundation
import Testing
import Vapor
import VaporTesting

/// The Redis server of the integration tests, as CacheRedisTests find it: `CACHE_REDIS_URL`
/// (`Scripts/redis-server.sh`; CI sets it). The suite is skipped, saying so, when it is unset.
enum RedisServer {
    static let url = ProcessInfo.processInfo.environment["CACHE_REDIS_URL"]
    static let skipped =
        "CACHE_REDIS_URL is not set: run `Scripts/redis-server.sh start /tmp/redis` and export CACHE_REDIS_URL=redis://127.0.0.1:PORT (CI sets it)"
}

@Suite("CacheVapor over a RedisCache", .enabled(if: RedisServer.url != nil, Comment(rawValue: RedisServer.skipped)))
struct VaporRedisTests {
    let namespace = "vapor-\(UUID().uuidString.prefix(8))"

    /// Runs `body` with an app whose cache is a Redis cache in a namespace of its own, and the
    /// same Redis cache to look at what the app stored.
    func withRedisApp(_ body: (Application, RedisCache<String, Data>) async throws -> Void) async throws {
        let client = try RedisClient(configuration: RedisConfiguration(url: try #require(RedisServer.url)))
        let cache = RedisCache<String, Data>(
            client: client,
            namespace: namespace,
            keyCoding: .description,
            valueCoder: .rawBytes,
            publishesInvalidations: false
        )
        do {
            try await withCacheApp(.swiftCaching(redis: client, namespace: namespace)) { app in
                try await body(app, cache)
            }
            try await cache.clear()
            await client.close()
        } catch {
            await client.close()
            throw error
        }
    }

    @Test("values of several types go through Redis as their JSON, and back")
    func roundTrip() async throws {
        try await withRedisApp { app, cache in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.status(.PUT, "notes/n", body: "hello") == .noContent)
            #expect(try await client.sendRequest(.POST, "counters/c").body.string == "1")
            #expect(try await client.sendRequest(.POST, "counters/c").body.string == "2")
            #expect(try await client.item(at: "a") == alice)
            #expect(try await client.sendRequest(.GET, "notes/n").body.string == "hello")
            #expect(try await client.item(at: "missing") == nil)
            #expect(try await cache.get("c") == Data("2".utf8))
            #expect(try await cache.get("n") == Data("\"hello\"".utf8))
            #expect(try await cache.count() == 3)
        }
    }

    @Test("an expiration becomes the key's TTL in Redis")
    func expiration() async throws {
        try await withRedisApp { app, cache in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a", ttl: 60) == .noContent)
            let ttl = try #require(try await cache.timeToLive(forKey: "a")?.duration)
            // Only the bounds: on a loaded machine the read may come long after the write.
            #expect(ttl > .zero && ttl <= .seconds(60))
            try await app.cache.set("m", to: 1, expiresIn: .minutes(2))
            let minutes = try #require(try await cache.timeToLive(forKey: "m")?.duration)
            #expect(minutes > .zero && minutes <= .seconds(120))
            try await app.cache.set("forever", to: 1)
            #expect(try await cache.timeToLive(forKey: "forever") == TimeToLive.never)
        }
    }

    @Test("an expiration too long for Redis never expires; any negative one removes the key")
    func extremeExpirations() async throws {
        try await withRedisApp { app, cache in
            try await app.cache.set("s", to: 1, expiresIn: .seconds(Int.max))
            try await app.cache.set("d", to: 2, expiresIn: .days(Int.max))
            #expect(try await cache.timeToLive(forKey: "s") == TimeToLive.never)
            #expect(try await cache.timeToLive(forKey: "d") == TimeToLive.never)
            #expect(try await app.cache.get("s", as: Int.self) == 1)
            #expect(try await app.cache.get("d", as: Int.self) == 2)
            try await app.cache.set("s", to: 3, expiresIn: .seconds(Int.min))
            try await app.cache.set("d", to: 4, expiresIn: .minutes(Int.min))
            #expect(try await app.cache.get("s", as: Int.self) == nil)
            #expect(try await cache.count() == 0)
        }
    }

    @Test("setting nil and an expiration of zero remove the key")
    func removal() async throws {
        try await withRedisApp { app, cache in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.put(bob, at: "b") == .noContent)
            #expect(try await client.status(.DELETE, "items/a") == .noContent)
            #expect(try await client.put(bob, at: "b", ttl: 0) == .noContent)
            #expect(try await client.item(at: "a") == nil)
            #expect(try await client.item(at: "b") == nil)
            #expect(try await cache.count() == 0)
        }
    }

    @Test("reading as an incompatible type fails and names the key")
    func wrongType() async throws {
        try await withRedisApp { app, _ in
            let client = try app.testing()
            #expect(try await client.status(.PUT, "notes/n", body: "hello") == .noContent)
            #expect(try await client.status(.GET, "items/n") == .internalServerError)
            let error = await #expect(throws: CacheVaporValueError.self) {
                try await app.cache.get("n", as: Item.self)
            }
            #expect(error?.key == "n")
        }
    }
}
#endif
