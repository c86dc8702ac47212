import Caching
import Testing

@Suite("Umbrella")
struct UmbrellaTests {
    @Test func oneImportBringsTheCoreSet() {
        let clock = ManualClock()
        let cache = Cache<String, Int>(maxSize: 2, defaultTTL: .seconds(1), policy: .lru, clock: .manual(clock))
        cache["a"] = 1
        let filter: KeyFilter<String> = .glob("a*")
        #expect(cache.keys(matching: filter) == ["a"])
        clock.advance(by: .seconds(1))
        #expect(cache.isEmpty)
        let protocolView: any CacheProtocol<String, Int> = cache
        #expect(protocolView.set("b", 2))
        #expect(protocolView.get("b") == 2)
    }

    @Test func oneImportBringsTheWeakStoreAndExpiringDict() throws {
        final class Object: Sendable {}
        let weak = WeakValueCache<String, Object>(keepAlive: 1)
        weak["a"] = Object()
        #expect(weak["a"] != nil, "the keep-alive holds it")
        let protocolView: any CacheProtocol<String, Object> = weak
        #expect(protocolView.count == 1)

        let clock = ManualClock()
        let expiring = try ExpiringDict<String, Int>(maxLen: 2, maxAgeSeconds: 1, clock: .manual(clock))
        expiring["a"] = 1
        clock.advance(by: .seconds(1))
        #expect(expiring["a"] == nil)
    }

    @Test func oneImportBringsTheManager() throws {
        let manager = try CacheManager(configuration: CacheConfiguration(["users": CacheSettings(maxSize: 2)]))
        let users = try manager.cache(named: "users", as: Cache<String, Int>.self)
        users["a"] = 1
        #expect(manager.stats["users"]?.entryCount == 1)
    }

    @Test func oneImportBringsMemoization() {
        let square = memoize(maxSize: 4) { (n: Int) in n * n }
        #expect(square(3) == 9)
        #expect(square(3) == 9)
        #expect(square.cacheInfo() == CacheInfo(hits: 1, misses: 1, maxSize: 4, currentSize: 1))
    }
}
