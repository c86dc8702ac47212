#if Vapor
import CacheCore
import CacheManagement
import CachePolicies
import CacheVapor
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("CacheVapor over a LayeredCache")
struct LayeredCacheTests {
    /// The clock of the in-process layers' TTLs.
    let clock = ManualClock()
    /// The wall clock of Vapor's expirations.
    let wall = ManualWallClock()
    let near: CachePolicies.Cache<String, Data>
    let far: CachePolicies.Cache<String, Data>
    let layered: LayeredCache<String, Data>

    init() {
        near = CachePolicies.Cache(name: "near", maxSize: 100, clock: .manual(clock))
        far = CachePolicies.Cache(name: "far", maxSize: 1_000, clock: .manual(clock))
        layered = LayeredCache(name: "vapor", layers: [.local(near, ttl: .seconds(30)), .local(far)])
    }

    var provider: Application.Caches.Provider {
        let wall = self.wall
        return .swiftCaching(layered, now: { wall.now() })
    }

    @Test("values go into every layer and come back through the routes")
    func roundTrip() async throws {
        try await withCacheApp(provider) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.status(.PUT, "notes/n", body: "hello") == .noContent)
            #expect(try await client.sendRequest(.POST, "counters/c").body.string == "1")
            #expect(try await client.sendRequest(.POST, "counters/c").body.string == "2")
            #expect(try await client.item(at: "a") == alice)
            #expect(try await client.sendRequest(.GET, "notes/n").body.string == "hello")
            #expect(near.count == 3)
            #expect(far.count == 3)
            // Each layer holds the envelope: no deadline, then the JSON.
            #expect(far.get("c") == Data([0]) + Data("2".utf8))
        }
    }

    @Test("an expiration is a deadline kept with the value, on the wall clock")
    func expiration() async throws {
        try await withCacheApp(provider) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a", ttl: 60) == .noContent)
            wall.advance(bySeconds: 59.5)
            #expect(try await client.item(at: "a") == alice)
            wall.advance(bySeconds: 0.5)
            #expect(try await client.item(at: "a") == nil)
            #expect(try await client.item(at: "a") == nil)
            // The layers keep the dead entry until their TTLs or a write release it.
            #expect(far.count == 1)
            #expect(try await client.put(bob, at: "a") == .noContent)
            #expect(try await client.item(at: "a") == bob)
        }
    }

    @Test("an expiration too long for a deadline never expires; any negative one removes the key")
    func extremeExpirations() async throws {
        try await withCacheApp(provider) { app in
            try await app.cache.set("s", to: 1, expiresIn: .seconds(Int.max))
            try await app.cache.set("d", to: 2, expiresIn: .days(Int.max))
            // The deadline is stored as Int64.max milliseconds: never.
            #expect(far.get("s") == Data([1, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) + Data("1".utf8))
            wall.advance(bySeconds: 1e15)
            #expect(try await app.cache.get("s", as: Int.self) == 1)
            #expect(try await app.cache.get("d", as: Int.self) == 2)
            try await app.cache.set("s", to: 3, expiresIn: .seconds(Int.min))
            try await app.cache.set("d", to: 4, expiresIn: .hours(Int.min))
            #expect(try await app.cache.get("s", as: Int.self) == nil)
            #expect(far.count == 0)
        }
    }

    @Test("the layers' own TTLs apply too: a read after the near layer's TTL backfills it")
    func layerTTLs() async throws {
        try await withCacheApp(provider) { app in
            let client = try app.testing()
            #expect(try await client.put(bob, at: "b") == .noContent)
            clock.advance(by: .seconds(30))
            #expect(near.count == 0)
            #expect(far.count == 1)
            #expect(try await client.item(at: "b") == bob)
            #expect(near.count == 1)
        }
    }

    @Test("setting nil and an expiration of zero remove the key from every layer")
    func removal() async throws {
        try await withCacheApp(provider) { app in
            let client = try app.testing()
            #expect(try await client.put(alice, at: "a") == .noContent)
            #expect(try await client.put(bob, at: "b") == .noContent)
            #expect(try await client.status(.DELETE, "items/a") == .noContent)
            #expect(try await client.put(bob, at: "b", ttl: 0) == .noContent)
            #expect(try await client.item(at: "a") == nil)
            #expect(try await client.item(at: "b") == nil)
            #expect(near.count == 0)
            #expect(far.count == 0)
        }
    }

    @Test("reading as an incompatible type fails; bytes that are no envelope fail and name the key")
    func wrongTypeAndForeignBytes() async throws {
        try await withCacheApp(provider) { app in
            let client = try app.testing()
            #expect(try await client.status(.PUT, "notes/n", body: "hello") == .noContent)
            #expect(try await client.status(.GET, "items/n") == .internalServerError)
            far.set("foreign", Data("{\"name\":1}".utf8))
            let error = await #expect(throws: CacheVaporValueError.self) {
                try await app.cache.get("foreign", as: Item.self)
            }
            #expect(error?.key == "foreign")
            #expect(error?.typeName == "DeadlineEnvelope")
        }
    }
}
#endif
