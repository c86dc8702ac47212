#if Hummingbird
import CacheCore
import CacheHummingbird
import CacheManagement
import CachePolicies
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("PersistDriver over a LayeredCache")
struct LayeredCachePersistDriverTests {
    let date = ManualDate()
    /// The slower layer, standing for a shared remote store.
    let shared = Cache<String, PersistedValue>(name: "shared", maxSize: 100, policy: .lru)
    let local = Cache<String, PersistedValue>(name: "local", maxSize: 100, policy: .lru)

    func driver() -> LayeredCachePersistDriver {
        let layered = LayeredCache<String, PersistedValue>(
            name: "persist",
            layers: [.local(local), .local(shared)]
        )
        return LayeredCachePersistDriver(cache: layered) { [date] in date.now }
    }

    @Test func storesJSONWithAWallClockDeadlineAndExpiresOnIt() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            #expect(try await send(client, .post, "/items/a?ttl=10", body: "alpha").status == .created)
            #expect(shared["a"] == PersistedValue(json: "\"alpha\"", expiresAt: 1_700_000_010_000))
            #expect(local["a"] == shared["a"])
            date.advance(by: 9.5)
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "alpha"))
            #expect(try await persist.getWithTTL(key: "a", as: String.self)?.ttl == .milliseconds(500))
            date.advance(by: 0.5)
            #expect(try await send(client, .get, "/items/a").status == .notFound)
            // A read does not delete: another instance may be writing a fresh value.
            #expect(shared["a"] == PersistedValue(json: "\"alpha\"", expiresAt: 1_700_000_010_000))
        }
    }

    @Test func aReadOfADeadValueKeepsAFreshOneWrittenMeanwhile() async throws {
        let persist = driver()
        try await persist.create(key: "a", value: "old", expires: .seconds(1))
        date.advance(by: 2)
        shared["a"] = PersistedValue(json: "\"fresh\"", expiresAt: nil)
        #expect(try await persist.get(key: "a", as: String.self) == nil)
        #expect(shared["a"] == PersistedValue(json: "\"fresh\"", expiresAt: nil))
    }

    @Test func anExpiryTooLongToRepresentMeansNoDeadline() async throws {
        let persist = driver()
        try await persist.create(key: "a", value: "forever", expires: .seconds(Int64.max))
        #expect(shared["a"] == PersistedValue(json: "\"forever\"", expiresAt: nil))
        try await persist.set(key: "b", value: "long", expires: .seconds(Int64.max / 1_000_000))
        date.advance(by: 1_000_000)
        #expect(try await persist.get(key: "b", as: String.self) == "long")
        #expect(try await persist.getWithTTL(key: "a", as: String.self)?.ttl == nil)
    }

    @Test func setWithoutExpiresKeepsTheDeadline() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            _ = try await send(client, .post, "/items/a?ttl=10", body: "one")
            date.advance(by: 6)
            #expect(try await send(client, .put, "/items/a", body: "two").status == .ok)
            #expect(shared["a"]?.expiresAt == 1_700_000_010_000)
            date.advance(by: 3)
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "two"))
            date.advance(by: 1)
            #expect(try await send(client, .get, "/items/a").status == .notFound)
            #expect(try await send(client, .put, "/items/b", body: "forever").status == .ok)
            #expect(shared["b"]?.expiresAt == nil)
        }
    }

    @Test func createRefusesALiveKeyButNotAnExpiredOne() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            #expect(try await send(client, .post, "/items/a?ttl=5", body: "first").status == .created)
            #expect(try await send(client, .post, "/items/a", body: "second").status == .conflict)
            date.advance(by: 5)
            #expect(try await send(client, .post, "/items/a", body: "third").status == .created)
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "third"))
        }
    }

    @Test func aValueFoundOnlyInTheSharedLayerIsReadAndBackfilled() async throws {
        let persist = driver()
        shared["a"] = PersistedValue(json: "\"from another instance\"", expiresAt: nil)
        try await persistApp(persist).test(.router) { client async throws in
            #expect(try await send(client, .get, "/items/a") == Reply(.ok, "from another instance"))
        }
        #expect(local["a"] == shared["a"])
    }

    @Test func readingJSONOfAnotherShapeThrowsInvalidConversion() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            _ = try await send(client, .post, "/items/a", body: "forty-two")
            #expect(try await send(client, .get, "/items/a/number").status == .unprocessableContent)
            try await persist.set(key: "n", value: 42, expires: nil)
            #expect(try await send(client, .get, "/items/n/number") == Reply(.ok, "42"))
        }
        await #expect(throws: PersistError.invalidConversion) { try await persist.get(key: "n", as: String.self) }
    }

    @Test func removeDeletesFromEveryLayer() async throws {
        let persist = driver()
        try await persistApp(persist).test(.router) { client async throws in
            _ = try await send(client, .post, "/items/a", body: "alpha")
            _ = try await send(client, .post, "/items/b", body: "beta")
            #expect(try await send(client, .delete, "/items/a").status == .noContent)
            #expect(try await send(client, .get, "/items/a").status == .notFound)
        }
        #expect(local.keys.sorted() == ["b"])
        #expect(shared.keys.sorted() == ["b"])
    }
}
#endif
