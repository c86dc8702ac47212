import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

@Suite("Cache basics")
struct CacheBasicsTests {
    @Test func subscriptReadsWritesAndDeletes() {
        let cache = Cache<String, Int>(maxSize: 10)
        cache["a"] = 1
        #expect(cache["a"] == 1)
        cache["a"] = 2
        #expect(cache["a"] == 2)
        cache["a"] = nil
        #expect(cache["a"] == nil)
        #expect(cache.count == 0)
    }

    @Test func defaultValueIsReturnedButNotStored() {
        let cache = Cache<String, Int>(maxSize: 10)
        #expect(cache.get("missing", default: 7) == 7)
        #expect(cache.contains("missing") == false)
        cache["present"] = 1
        #expect(cache.get("present", default: 7) == 1)
    }

    @Test func loaderResultIsStoredAndCounted() throws {
        let clock = ManualClock()
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        let value = cache.get("a") { key in
            clock.advance(by: .milliseconds(5))
            return key.count * 10
        }
        #expect(value == 10)
        #expect(cache["a"] == 10)
        #expect(
            cache.get("a") { _ in
                Issue.record("the loader must not run on a hit")
                return 0
            } == 10
        )
        let stats = cache.stats
        #expect(stats.loadSuccesses == 1)
        #expect(stats.totalLoadTime == .milliseconds(5))
        #expect(stats.misses == 1)
        #expect(stats.hits == 2)
    }

    /// A value stored while the loader ran (by a concurrent caller, here by the loader itself) is
    /// what the loading read returns; the loaded value is not stored over it.
    @Test func aValueStoredDuringTheLoadIsPreferred() {
        let recorder = EventRecorder<String, Int>()
        let cache = Cache<String, Int>(maxSize: 10)
        recorder.attach(to: cache, kinds: [.set, .removal, .load])
        let value = cache.get("a") { key in
            cache.set(key, 1)
            return 2
        }
        #expect(value == 1)
        #expect(cache["a"] == 1)
        #expect(cache.stats.loadSuccesses == 1)
        #expect(cache.stats.sets == 1)
        let events = recorder.take()
        #expect(events.count == 2)
        #expect(events.first == .set(key: "a", value: 1, oldValue: nil))
    }

    @Test func throwingLoaderStoresNothing() {
        struct Boom: Error, Equatable {}
        let cache = Cache<String, Int>(maxSize: 10)
        #expect(throws: Boom.self) { try cache.get("a") { _ throws(Boom) in throw Boom() } }
        #expect(cache.contains("a") == false)
        #expect(cache.stats.loadFailures == 1)
        #expect(cache.stats.loadSuccesses == 0)
    }

    @Test func setReportsWhetherItStored() {
        let cache = Cache<String, Int>(maxSize: 0)
        #expect(cache.set("a", 1) == false)
        #expect(cache.count == 0)
        #expect(throws: CacheWriteError.cacheStoresNothing(cacheName: cache.name)) { try cache.store("a", 1) }
    }

    @Test func addKeepsTheLiveValue() {
        let cache = Cache<String, Int>(maxSize: 10)
        #expect(cache.add("a", 1) == true)
        #expect(cache.add("a", 2) == false)
        #expect(cache["a"] == 1)
    }

    @Test func containsIsNotAUse() {
        let cache = Cache<String, Int>(maxSize: 3, policy: .lru)
        cache["a"] = 1
        cache["b"] = 2
        cache["c"] = 3
        #expect(cache.contains("a"))
        cache["d"] = 4
        #expect(cache.keys == ["b", "c", "d"], "contains must not have refreshed a")
        #expect(cache.stats.hits == 0)
        #expect(cache.stats.misses == 0)
    }

    // Writes a, b, c; reads a, b; writes d (evicting one); then rewrites b and writes e and f.
    @Test(arguments: [
        ("fifo", ["b", "c", "d"], ["a", "c", "d"]),
        ("lifo", ["d", "b", "a"], ["c", "b", "e"]),
        ("lru", ["a", "b", "d"], ["c", "a", "d"]),
        ("mru", ["d", "a", "c"], ["b", "d", "b", "e"]),
        ("lfu", ["d", "a", "b"], ["c", "d", "e"]),
    ])
    func evictionOrderFollowsThePolicy(policyName: String, afterFourWrites: [String], evicted: [String]) {
        let cache = Cache<String, Int>(maxSize: 3, policy: CachePolicy.named(policyName)!)
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache, kinds: .removal)
        cache["a"] = 1
        cache["b"] = 2
        cache["c"] = 3
        _ = cache["a"]
        _ = cache["b"]
        cache["d"] = 4
        #expect(cache.keys == afterFourWrites)
        cache["b"] = 20
        cache["e"] = 5
        cache["f"] = 6
        #expect(recorder.removals.filter { $0.cause == .evicted }.map(\.key) == evicted)
    }

    @Test func lfuBreaksTiesByLeastRecentUse() {
        let cache = Cache<String, Int>(maxSize: 3, policy: .lfu)
        cache["a"] = 1
        cache["b"] = 2
        cache["c"] = 3
        _ = cache["c"]
        _ = cache["a"]
        // a and c have 2 uses, b has 1: b goes first, then c (it reached 2 uses before a).
        #expect(cache.keys == ["b", "c", "a"])
        #expect(cache.popItem()?.key == "b")
        #expect(cache.popItem()?.key == "c")
    }

    @Test func popItemTakesTheVictimAndReportsIt() {
        let cache = Cache<Int, String>(maxSize: 5, policy: .fifo)
        #expect(cache.popItem() == nil)
        let recorder = EventRecorder<Int, String>()
        recorder.attach(to: cache, kinds: .removal)
        cache.setMany([(key: 1, value: "a"), (key: 2, value: "b")])
        let popped = cache.popItem()
        #expect(popped?.key == 1 && popped?.value == "a")
        #expect(recorder.removals.map(\.cause) == [.evicted])
        #expect(cache.stats.evictions == 1)
    }

    @Test func evictMakesRoomForOneMoreEntry() {
        let cache = Cache<Int, Int>(maxSize: 3, policy: .fifo)
        for key in 1...3 { cache[key] = key }
        #expect(cache.evict() == 1)
        #expect(cache.keys == [2, 3])
        #expect(cache.evict() == 0)
    }

    @Test func viewsAndIterationFollowEvictionOrder() {
        let cache = Cache<Int, String>(maxSize: 5, policy: .lru)
        cache[1] = "one"
        cache[2] = "two"
        cache[3] = "three"
        _ = cache[1]
        #expect(cache.keys == [2, 3, 1])
        #expect(cache.values == ["two", "three", "one"])
        #expect(cache.items.map(\.key) == [2, 3, 1])
        #expect(cache.snapshot() == [1: "one", 2: "two", 3: "three"])
        var iterated: [Int] = []
        for (key, _) in cache { iterated.append(key) }
        #expect(iterated == [2, 3, 1])
    }

    @Test func clearReportsEveryEntryAndKeepsStats() {
        let cache = Cache<Int, Int>(maxSize: 5)
        let recorder = EventRecorder<Int, Int>()
        recorder.attach(to: cache, kinds: .removal)
        cache[1] = 1
        cache[2] = 2
        _ = cache[1]
        cache.clear()
        #expect(cache.count == 0)
        #expect(recorder.removals.map(\.cause) == [.cleared, .cleared])
        #expect(Set(recorder.removals.map(\.key)) == [1, 2])
        #expect(cache.stats.hits == 1)
        #expect(cache.stats.sets == 2)
        cache[3] = 3
        #expect(cache.keys == [3])
        cache.checkInvariants()
    }

    @Test func optionalValuesAreCachedAsValues() {
        let cache = Cache<String, Int?>(maxSize: 5)
        cache.set("nothing", nil)
        #expect(cache.contains("nothing"))
        #expect(cache.get("nothing") == .some(nil))
        #expect(cache.stats.hits == 1)
    }

    @Test func nameDefaultsToTheTypes() {
        #expect(Cache<String, Int>(maxSize: 1).name == "Cache<String, Int>")
        #expect(Cache<String, Int>(name: "users", maxSize: 1).name == "users")
    }

    @Test func replacingAValueReportsTheOldOne() {
        let cache = Cache<String, Int>(maxSize: 5)
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache, kinds: [.set, .removal])
        cache["a"] = 1
        cache["a"] = 2
        #expect(
            recorder.take() == [
                .set(key: "a", value: 1, oldValue: nil),
                .removal(key: "a", value: 1, cause: .replaced),
                .set(key: "a", value: 2, oldValue: 1),
            ]
        )
    }

    @Test func manyEntriesGrowAndShrinkConsistently() {
        let cache = Cache<Int, Int>(maxSize: nil)
        for key in 0..<50_000 { cache[key] = key }
        #expect(cache.count == 50_000)
        for key in stride(from: 0, to: 50_000, by: 2) { cache.delete(key) }
        #expect(cache.count == 25_000)
        for key in 0..<50_000 { #expect(cache[key] == (key.isMultiple(of: 2) ? nil : key)) }
        cache.checkInvariants()
    }

    /// `Dictionary`'s names: `removeValue(forKey:)`, `updateValue(_:forKey:)` and `removeAll()`.
    @Test func dictionaryHabitsWork() {
        let recorder = EventRecorder<String, Int>()
        let cache = Cache<String, Int>(maxSize: 2, policy: .lru)
        recorder.attach(to: cache, kinds: .removal)
        #expect(cache.updateValue(1, forKey: "a") == nil)
        #expect(cache.updateValue(2, forKey: "a") == 1)
        #expect(cache["a"] == 2)
        #expect(cache.removeValue(forKey: "a") == 2)
        #expect(cache.removeValue(forKey: "a") == nil)
        cache.set("b", 3)
        cache.set("c", 4)
        cache.removeAll()
        #expect(cache.isEmpty)
        #expect(
            recorder.take() == [
                .removal(key: "a", value: 1, cause: .replaced), .removal(key: "a", value: 2, cause: .deleted),
                .removal(key: "b", value: 3, cause: .cleared), .removal(key: "c", value: 4, cause: .cleared),
            ]
        )
        let costly = Cache<String, Int>(maxSize: nil, maxCost: 10, cost: { _, value in value })
        costly.set("k", 5)
        #expect(costly.updateValue(11, forKey: "k") == nil, "a value that can never fit replaces nothing")
        #expect(costly["k"] == 5)
    }

    @Test func shardedCachesHaveTheDictionaryNamesToo() {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 100)
        #expect(cache.updateValue(1, forKey: 7) == nil)
        #expect(cache.updateValue(2, forKey: 7) == 1)
        #expect(cache.removeValue(forKey: 7) == 2)
        for key in 0..<10 { cache.set(key, key) }
        cache.removeAll()
        #expect(cache.count == 0)
    }
}
