#if Hummingbird && Redis
import CacheCore
import CacheHummingbird
import CacheRedis
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The server of `CACHE_REDIS_URL` (`Scripts/redis-server.sh start DIR` starts one).
private let redisURL = ProcessInfo.processInfo.environment["CACHE_REDIS_URL"]

/// `RedisPersistDriver` against a real server. Redis measures TTLs on its own clock, so the
/// tests read them back (`PTTL`) instead of waiting for them.
@Suite("PersistDriver over Redis", .enabled(if: redisURL != nil, "set CACHE_REDIS_URL to run"))
struct RedisPersistDriverTests {
    func withDriver(_ body: (RedisPersistDriver) async throws -> Void) async throws {
        let client = try RedisClient(configuration: RedisConfiguration(url: try #require(redisURL)))
        let namespace = "persist-test-\(UInt64.random(in: 0...UInt64.max))"
        let persist = RedisPersistDriver(client: client, namespace: namespace)
        do {
            try await body(persist)
            try await persist.cache.clear()
            await client.close()
        } catch {
            try? await persist.cache.clear()
            await client.close()
            throw error
        }
    }

    @Test func createSetGetRemoveThroughRoutes() async throws {
        try await withDriver { persist in
            try await persistApp(persist).test(.router) { client async throws in
                #expect(try await send(client, .post, "/items/a?ttl=60", body: "alpha") == Reply(.created, ""))
                #expect(try await send(client, .post, "/items/a", body: "again").status == .conflict)
                #expect(try await send(client, .get, "/items/a") == Reply(.ok, "alpha"))
                #expect(try await send(client, .get, "/items/a/number").status == .unprocessableContent)
                #expect(try await send(client, .delete, "/items/a").status == .noContent)
                #expect(try await send(client, .get, "/items/a").status == .notFound)
            }
            #expect(try await persist.cache.get("a") == nil)
        }
    }

    @Test func expiresBecomesTheKeysTTLAndSetWithoutItKeepsIt() async throws {
        try await withDriver { persist in
            try await persist.create(key: "a", value: 42, expires: .seconds(60))
            #expect(try await persist.cache.get("a") == Array("42".utf8))
            let ttl = try #require(try await persist.getWithTTL(key: "a", as: Int.self)?.ttl)
            #expect(ttl > .zero && ttl <= .seconds(60))
            try await persist.set(key: "a", value: 43, expires: nil)
            let kept = try #require(try await persist.getWithTTL(key: "a", as: Int.self))
            #expect(kept.object == 43)
            let keptTTL = try #require(kept.ttl)
            #expect(keptTTL > .zero && keptTTL <= .seconds(60))
            try await persist.set(key: "b", value: "forever", expires: nil)
            #expect(try await persist.getWithTTL(key: "b", as: String.self)?.ttl == nil)
            #expect(try await persist.cache.timeToLive(forKey: "b") == .never)
        }
    }

    @Test func aNegativeExpiresStoresADeadValue() async throws {
        try await withDriver { persist in
            try await persist.create(key: "a", value: 1, expires: .seconds(-5))
            #expect(try await persist.get(key: "a", as: Int.self) == nil)
            try await persist.create(key: "a", value: 2, expires: .seconds(60))
            try await persist.set(key: "a", value: 3, expires: .seconds(-5))
            #expect(try await persist.get(key: "a", as: Int.self) == nil)
        }
    }
}
#endif
