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

    @Test func oneImportBringsMemoization() {
        let square = memoize(maxSize: 4) { (n: Int) in n * n }
        #expect(square(3) == 9)
        #expect(square(3) == 9)
        #expect(square.cacheInfo() == CacheInfo(hits: 1, misses: 1, maxSize: 4, currentSize: 1))
    }
}
