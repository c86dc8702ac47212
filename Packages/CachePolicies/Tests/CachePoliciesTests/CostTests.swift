import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

@Suite("Cost limits")
struct CostTests {
    func makeCache(maxCost: Int) -> Cache<String, String> {
        Cache(name: "blobs", maxSize: nil, maxCost: maxCost, cost: { _, value in value.utf8.count }, policy: .fifo)
    }

    @Test func evictsByTotalCost() {
        let cache = makeCache(maxCost: 10)
        cache["a"] = "1234"
        cache["b"] = "1234"
        #expect(cache.totalCost == 8)
        cache["c"] = "1234"
        #expect(cache.keys == ["b", "c"])
        #expect(cache.totalCost == 8)
        cache["d"] = "1234567890"
        #expect(cache.keys == ["d"])
        #expect(cache.totalCost == 10)
    }

    @Test func anOversizedValueIsRefusedAndNothingIsEvicted() {
        let cache = makeCache(maxCost: 10)
        let recorder = EventRecorder<String, String>()
        recorder.attach(to: cache, kinds: .removal)
        cache["a"] = "12345"
        cache["b"] = "123"
        #expect(cache.set("a", "12345678901") == false)
        #expect(cache["a"] == "12345", "the key keeps its value")
        #expect(cache.keys == ["a", "b"])
        #expect(recorder.removals.isEmpty)
        #expect(throws: CacheWriteError.costExceedsLimit(cacheName: "blobs", cost: 11, maxCost: 10)) {
            try cache.store("c", "12345678901")
        }
        #expect(cache.count == 2)
        let error = CacheWriteError.costExceedsLimit(cacheName: "blobs", cost: 11, maxCost: 10)
        #expect(
            error.description
                == "cache 'blobs' refused a value costing 11: its maxCost is 10; nothing was stored or evicted"
        )
    }

    @Test func growingAValueEvictsOthers() {
        let cache = makeCache(maxCost: 10)
        cache["a"] = "1234"
        cache["b"] = "1234"
        cache["b"] = "12345678"
        #expect(cache.keys == ["b"])
        #expect(cache.totalCost == 8)
    }

    @Test func withoutACostFunctionEveryEntryCostsOne() {
        let cache = Cache<Int, Int>(maxSize: nil, maxCost: 3, policy: .fifo)
        for key in 0..<5 { cache[key] = key }
        #expect(cache.keys == [2, 3, 4])
        #expect(cache.totalCost == 3)
    }

    @Test func shrinkingTheCostLimitEvictsAtOnce() throws {
        let cache = makeCache(maxCost: 20)
        for key in ["a", "b", "c", "d"] { cache[key] = "12345" }
        try cache.configure { $0.maxCost = 10 }
        #expect(cache.keys == ["c", "d"])
        #expect(cache.stats.evictions == 2)
    }
}
