#if Hummingbird
import CacheCore
import CacheHummingbird
import CachePolicies
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("PersistDriver over a Cache")
struct CachePersistDriverTests {
    let clock = ManualClock()

    func driver(defaultTTL: Duration? = nil) -> CachePersistDriver {
        CachePersistDriver(
            cache: Cache(
                name: "persist",
                maxSize: 100,
                defaultTTL: defaultTTL.map { .after($0) },
                policy: .lru,
                clock: .manual(clock)
            )
        )
    }

    @Test func expiresOnTheCachesClock() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            #expect(try await send(client, .post, "/items/a?ttl=10", body: "alpha") == Reply(.created, ""))
            #expect(try await send(client, .post, "/items/b", body: "beta") == Reply(.created, ""))
            clock.advance(by: .seconds(9))
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "alpha"))
            #expect(try await persist.getWithTTL(key: "a", as: String.self)?.ttl == .seconds(1))
            clock.advance(by: .seconds(1))
            #expect(try await send(client, .get, "/items/a").status == .notFound)
            #expect(try await send(client, .get, "/items/b") == Reply(.ok, "beta"))
            #expect(try await persist.getWithTTL(key: "b", as: String.self)?.ttl == nil)
        }
    }

    @Test func setWithoutExpiresKeepsTheDeadline() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            _ = try await send(client, .post, "/items/a?ttl=10", body: "one")
            clock.advance(by: .seconds(6))
            #expect(try await send(client, .put, "/items/a", body: "two").status == .ok)
            clock.advance(by: .seconds(3))
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "two"))
            clock.advance(by: .seconds(1))
            #expect(try await send(client, .get, "/items/a").status == .notFound)
            #expect(try await send(client, .put, "/items/a?ttl=5", body: "three").status == .ok)
            clock.advance(by: .seconds(4))
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "three"))
        }
    }

    @Test func createWithoutExpiresTakesTheDefaultTTL() async throws {
        let persist = driver(defaultTTL: .seconds(30))
        try await persistApp(persist).test(.router) { client async throws in
            _ = try await send(client, .post, "/items/a", body: "alpha")
            #expect(try await persist.getWithTTL(key: "a", as: String.self)?.ttl == .seconds(30))
            clock.advance(by: .seconds(30))
            #expect(try await send(client, .get, "/items/a").status == .notFound)
        }
    }

    @Test func createRefusesALiveKeyButNotAnExpiredOne() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            #expect(try await send(client, .post, "/items/a?ttl=5", body: "first").status == .created)
            #expect(try await send(client, .post, "/items/a", body: "second").status == .conflict)
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "first"))
            clock.advance(by: .seconds(5))
            #expect(try await send(client, .post, "/items/a", body: "third").status == .created)
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "third"))
        }
    }

    @Test func readingAsAnotherTypeThrowsInvalidConversion() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            _ = try await send(client, .post, "/items/a", body: "42")
            #expect(try await send(client, .get, "/items/a/number").status == .unprocessableContent)
            #expect(try await send(client, .get, "/items/missing/number").status == .notFound)
            try await persist.set(key: "n", value: 42, expires: nil)
            #expect(try await send(client, .get, "/items/n/number") == Reply(.ok, "42"))
        }
        await #expect(throws: PersistError.invalidConversion) { try await persist.get(key: "n", as: String.self) }
    }

    @Test func removeDeletesTheValue() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            _ = try await send(client, .post, "/items/a", body: "alpha")
            _ = try await send(client, .post, "/items/b", body: "beta")
            #expect(try await send(client, .delete, "/items/a").status == .noContent)
            #expect(try await send(client, .get, "/items/a").status == .notFound)
            #expect(try await send(client, .delete, "/items/a").status == .noContent)
            #expect(try await send(client, .get, "/items/b") == Reply(.ok, "beta"))
        }
        #expect(persist.cache.count == 1)
    }

    @Test func worksThroughALiveServer() async throws {
        let persist = driver()
        try await persistApp(persist).test(.live) { client async throws in
            #expect(try await send(client, .post, "/items/a?ttl=60", body: "over TCP") == Reply(.created, ""))
            #expect(try await send(client, .post, "/items/a", body: "again").status == .conflict)
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "over TCP"))
            clock.advance(by: .seconds(60))
            #expect(try await send(client, .get, "/items/a").status == .notFound)
        }
    }

    @Test func aNegativeExpiresStoresADeadValue() async throws {
        let persist = driver()
        try await persist.create(key: "a", value: "one", expires: .seconds(-5))
        #expect(try await persist.get(key: "a", as: String.self) == nil)
        try await persist.create(key: "a", value: "two", expires: .seconds(10))
        #expect(try await persist.get(key: "a", as: String.self) == "two")
        try await persist.set(key: "a", value: "three", expires: .milliseconds(-1))
        #expect(try await persist.get(key: "a", as: String.self) == nil)
    }

    @Test func aValueTooCostlyThrowsAndLeavesNoStaleValue() async throws {
        let persist = CachePersistDriver(
            cache: Cache(maxSize: 10, maxCost: 5, cost: { _, value in (value as? String)?.count ?? 1 }, policy: .lru)
        )
        try await persist.set(key: "a", value: "small", expires: nil)
        await #expect(throws: CacheWriteError.self) {
            try await persist.set(key: "a", value: "too large", expires: nil)
        }
        #expect(try await persist.get(key: "a", as: String.self) == nil)
        await #expect(throws: CacheWriteError.self) {
            try await persist.create(key: "b", value: "too large", expires: nil)
        }
        try await persist.create(key: "b", value: "fits", expires: nil)
        await #expect(throws: PersistError.duplicate) {
            try await persist.create(key: "b", value: "huge value", expires: nil)
        }
        await #expect(throws: PersistError.duplicate) {
            try await persist.create(key: "b", value: "tiny", expires: nil)
        }
        #expect(try await persist.get(key: "b", as: String.self) == "fits")
    }
}
#endif
