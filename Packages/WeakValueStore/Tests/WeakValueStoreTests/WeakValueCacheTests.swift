import CacheCore
import CachePolicies
import Testing

@testable import WeakValueStore

/// Stores a fresh payload for `key` and keeps no reference to it: once the call returns, only the
/// cache (weakly) and its keep-alive (strongly) can hold it.
func storeTemporary(_ cache: WeakValueCache<String, Payload>, _ key: String, counting counter: Counter? = nil) {
    cache[key] = Payload(key, counting: counter)
}

@Suite("Weak value cache")
struct WeakValueCacheTests {
    let deallocations = Counter()
    let removals = RemovalLog()

    func makeCache(keepAlive: Int = 0, policy: CachePolicy = .lru) -> WeakValueCache<String, Payload> {
        let cache = WeakValueCache<String, Payload>(name: "test", keepAlive: keepAlive, keepAlivePolicy: policy)
        cache.onRemoval { key, value, cause in removals.record(key, value, cause) }
        return cache
    }

    @Test func aValueLivesExactlyWhileSomethingElseHoldsIt() {
        let cache = makeCache()
        var held: Payload? = Payload("a", counting: deallocations)
        cache["a"] = held
        #expect(cache["a"] === held)
        #expect(cache.count == 1)
        held = nil
        #expect(deallocations.value == 1, "the cache must not keep the value alive")
        #expect(cache["a"] == nil)
        #expect(cache.count == 0)
        #expect(removals.all.map(\.cause) == [.collected])
        #expect(removals.all.first?.hadValue == false)
        let stats = cache.stats
        #expect((stats.hits, stats.misses, stats.sets, stats.collections, stats.entryCount) == (1, 1, 1, 1, 0))
    }

    @Test func deallocatedValuesAreNeverCountedOrListed() {
        let cache = makeCache()
        var held: [Payload] = []
        for number in 0..<10 {
            let key = "k\(number)"
            if number.isMultiple(of: 3) {
                let payload = Payload(key, counting: deallocations)
                held.append(payload)
                cache[key] = payload
            } else {
                storeTemporary(cache, key, counting: deallocations)
            }
        }
        #expect(deallocations.value == 6)
        #expect(cache.count == 4)
        #expect(cache.keys == ["k0", "k3", "k6", "k9"])
        #expect(cache.values.map(\.key) == ["k0", "k3", "k6", "k9"])
        #expect(cache.contains("k1") == false)
        #expect(removals.keys(.collected).sorted() == ["k1", "k2", "k4", "k5", "k7", "k8"])
        #expect(cache.stats.collections == 6)
        #expect(held.count == 4)
    }

    @Test func keepAliveHoldsTheMostRecentlyUsedValues() {
        let cache = makeCache(keepAlive: 2)
        storeTemporary(cache, "a", counting: deallocations)
        storeTemporary(cache, "b", counting: deallocations)
        #expect(deallocations.value == 0, "both fit in the keep-alive")
        storeTemporary(cache, "c", counting: deallocations)
        #expect(deallocations.value == 1, "a, the least recently used, is let go and deallocated")
        #expect(cache.keys == ["b", "c"])
        #expect(cache["b"]?.key == "b")  // b becomes the most recently used
        storeTemporary(cache, "d", counting: deallocations)
        #expect(deallocations.value == 2)
        #expect(cache.keys == ["b", "d"])
        #expect(removals.keys(.collected) == ["a", "c"])
        #expect(cache.keepAliveLimit == 2)
        #expect(cache.keepAlivePolicy?.name == "lru")
    }

    @Test func aValueLetGoByTheKeepAliveStaysWhileHeldElsewhere() {
        let cache = makeCache(keepAlive: 1)
        let held = Payload("a")
        cache["a"] = held
        storeTemporary(cache, "b")
        #expect(cache["a"] === held, "a left the keep-alive but is still held")
        #expect(cache["b"] == nil, "reading a put it back in the keep-alive, letting b go")
    }

    @Test func keepAliveFollowsItsPolicy() {
        let cache = makeCache(keepAlive: 2, policy: .lfu)
        storeTemporary(cache, "a", counting: deallocations)
        storeTemporary(cache, "b", counting: deallocations)
        for _ in 0..<3 { _ = cache["a"] }
        storeTemporary(cache, "c", counting: deallocations)
        #expect(cache.keys == ["a", "c"], "LFU lets b, used least often, go")
        #expect(deallocations.value == 1)
    }

    @Test func removingAnEntryReleasesItsKeptAliveValue() {
        let cache = makeCache(keepAlive: 4)
        storeTemporary(cache, "deleted", counting: deallocations)
        storeTemporary(cache, "removed", counting: deallocations)
        storeTemporary(cache, "replaced", counting: deallocations)
        #expect(cache.delete("deleted"))
        #expect(deallocations.value == 1)
        #expect(cache.removeValue(forKey: "removed")?.key == "removed")
        #expect(deallocations.value == 2)
        storeTemporary(cache, "replaced", counting: deallocations)
        #expect(deallocations.value == 3, "the replaced value is no longer kept alive")
        #expect(cache["replaced"] != nil, "its replacement is")
        #expect(removals.all.map(\.cause) == [.deleted, .deleted, .replaced])
        #expect(removals.all.map(\.hadValue) == [true, true, true])
        cache.clear()
        #expect(deallocations.value == 4)
        #expect(removals.all.last?.cause == .cleared)
        #expect(cache.isEmpty)
    }

    @Test func writingOrDeletingACollectedKeyReportsTheCollection() {
        let cache = makeCache()
        storeTemporary(cache, "a")
        storeTemporary(cache, "b")
        #expect(cache.delete("a") == false, "a's value is gone: nothing live was deleted")
        let b = Payload("b")
        #expect(cache.add("b", b), "a collected value does not block add")
        #expect(removals.all.map(\.cause) == [.collected, .collected])
        #expect(cache.add("b", Payload("other")) == false)
        #expect(cache["b"] === b)
    }

    @Test func entriesExpireWithTheirTTL() {
        let clock = ManualClock()
        let cache = WeakValueCache<String, Payload>(keepAlive: 10, defaultTTL: .seconds(10), clock: .manual(clock))
        cache.onRemoval { key, value, cause in removals.record(key, value, cause) }
        storeTemporary(cache, "default", counting: deallocations)
        cache.set("short", Payload("short", counting: deallocations), ttl: .seconds(1))
        cache.set("forever", Payload("forever", counting: deallocations), ttl: .never)
        #expect(cache.timeToLive(forKey: "default") == .after(.seconds(10)))
        #expect(cache.timeToLive(forKey: "forever") == .never)
        clock.advance(by: .seconds(1))
        #expect(cache["short"] == nil)
        cache.sweep()
        #expect(deallocations.value == 1, "the expired entry's value left the keep-alive")
        clock.advance(by: .seconds(9))
        #expect(cache.keys == ["forever"])
        #expect(deallocations.value == 2)
        #expect(removals.keys(.expired) == ["short", "default"])
        #expect(cache.stats.expirations == 2)
    }

    @Test func aValueTakenBackOnReadLeavesTheKeepAliveWhenItsEntryExpires() {
        let clock = ManualClock()
        let cache = WeakValueCache<String, Payload>(keepAlive: 1, defaultTTL: .seconds(10), clock: .manual(clock))
        var held: Payload? = Payload("a", counting: deallocations)
        cache["a"] = held
        storeTemporary(cache, "b", counting: deallocations)  // takes the keep-alive's only place
        clock.advance(by: .seconds(4))
        #expect(cache["a"] === held)  // back in the keep-alive, with the entry's 6 s left
        #expect(deallocations.value == 1, "b left the keep-alive and was deallocated")
        held = nil
        #expect(deallocations.value == 1, "the keep-alive holds a")
        clock.advance(by: .seconds(6) - .nanoseconds(1))
        cache.sweep()
        #expect(deallocations.value == 1)
        #expect(cache.timeToLive(forKey: "a") == .after(.nanoseconds(1)))
        clock.advance(by: .nanoseconds(1))
        cache.sweep()
        #expect(deallocations.value == 2, "the keep-alive let a go when its entry expired")
    }

    @Test func getOrLoadSharesOneInstanceWhileItLives() {
        let cache = makeCache()
        let loads = Counter()
        let load: (String) -> Payload = { key in
            loads.add()
            return Payload(key)
        }
        let first = cache.get("a", orLoad: load)
        let second = cache.get("a", orLoad: load)
        #expect(first === second)
        #expect(loads.value == 1)
        let firstIdentifier = ObjectIdentifier(first)
        _ = consume first
        _ = consume second
        let third = cache.get("a", orLoad: load)
        #expect(loads.value == 2, "the first instance was deallocated, so a new one is made")
        #expect(third.key == "a")
        #expect(removals.keys(.collected) == ["a"])
        _ = firstIdentifier
    }

    @Test func aDeinitMayUseTheCache() {
        let cache = WeakValueCache<String, Payload>(keepAlive: 1)
        let reentered = Counter()
        func storeReentrant(_ key: String) {
            cache[key] = Payload(key) {
                if !cache.contains(key) { reentered.add() }
                cache["after-\(key)"] = nil
            }
        }
        storeReentrant("a")
        storeReentrant("b")  // the keep-alive lets a go: its deinit runs with no lock held
        #expect(reentered.value == 1)
        cache.clear()  // b's deinit runs as the clear lets it go
        #expect(reentered.value == 2)
    }

    @Test func getManyAndFiltersSeeOnlyLiveValues() {
        let cache = makeCache()
        let held = ["user:1", "user:2", "admin:1"].map { Payload($0) }
        for payload in held { cache[payload.key] = payload }
        storeTemporary(cache, "user:3")
        #expect(cache.getMany(.glob("user:*")).keys.sorted() == ["user:1", "user:2"])
        #expect(cache.getMany(.keys(["user:3", "admin:1"])).keys.sorted() == ["admin:1"])
        #expect(cache.keys(matching: .glob("user:*")) == ["user:1", "user:2"])
        #expect(cache.keys(matching: .keys(["user:2", "user:3"])) == ["user:2"])
        #expect(cache.deleteMany(.glob("user:*")) == 2)
        #expect(cache.keys == ["admin:1"])
        #expect(cache.snapshot().keys.sorted() == ["admin:1"])
    }

    @Test func conformsToCacheProtocol() {
        let held = (0..<4).map { Payload("k\($0)") }
        let cache: any CacheProtocol<String, Payload> = WeakValueCache<String, Payload>()
        #expect(cache.set("k0", held[0]))
        #expect(cache.add("k0", held[1]) == false)
        cache.setMany([(key: "k1", value: held[1]), (key: "k2", value: held[2])])
        #expect(cache.addMany([(key: "k2", value: held[3]), (key: "k3", value: held[3])]) == 1)
        #expect(cache.get("k2") === held[2])
        #expect(cache.count == 4)
        #expect(cache.delete("k3"))
        #expect(cache.contains("k3") == false)
        #expect(cache.keys(matching: .where { $0 < "k2" }) == ["k0", "k1"])
        cache.clear()
        #expect(cache.isEmpty)
    }

    @Test func statisticsCountLikeCache() {
        let cache = makeCache()
        let held = Payload("a")
        cache["a"] = held
        _ = cache["a"]
        _ = cache["missing"]
        _ = cache.contains("a")
        storeTemporary(cache, "b")
        cache.delete("a")
        var stats = cache.stats
        #expect((stats.hits, stats.misses, stats.sets, stats.deletes, stats.collections) == (1, 1, 2, 1, 1))
        #expect(stats.evictions == 0)
        cache.pauseStats()
        #expect(cache.isStatsPaused)
        _ = cache["a"]
        cache.resumeStats()
        #expect(!cache.isStatsPaused)
        #expect(cache.stats.misses == 1)
        cache.resetStats()
        stats = cache.stats
        #expect(stats.requests == 0)
        cache.disableStats()
        #expect(cache.isRecordingStats == false)
        cache.enableStats()
        #expect(cache.isRecordingStats)
    }

    @Test func listenersSeeReadsWritesAndRemovals() {
        let cache = WeakValueCache<String, Payload>()
        let events = RemovalLog()
        let reads = Counter()
        let hits = Counter()
        let writes = Counter()
        let replacements = Counter()
        cache.onGet { _, value, hit in
            reads.add()
            if hit, value != nil { hits.add() }
        }
        cache.onSet { _, _, replaced in
            writes.add()
            if replaced != nil { replacements.add() }
        }
        let listener = cache.onRemoval { key, value, cause in events.record(key, value, cause) }
        let first = Payload("a")
        let second = Payload("a")
        cache["a"] = first
        cache["a"] = second
        _ = cache["a"]
        _ = cache["b"]
        #expect((reads.value, hits.value, writes.value, replacements.value) == (2, 1, 2, 1))
        #expect(events.all.map(\.cause) == [.replaced])
        #expect(cache.removeListener(listener))
        #expect(cache.removeListener(listener) == false)
        cache.delete("a")
        #expect(events.all.count == 1)
    }
}

@Suite("Weak value cache sweeping")
struct WeakValueCacheSweepingTests {
    @Test func deadEntriesAreSweptAfterAsManyWritesAsLiveEntries() {
        let cache = WeakValueCache<String, Payload>()
        let collected = Counter()
        cache.onRemoval { _, _, cause in if cause == .collected { collected.add() } }
        for number in 1..<minimumSweepInterval { storeTemporary(cache, "t\(number)") }
        #expect(collected.value == 0, "no scan before enough writes came in")
        storeTemporary(cache, "last")
        #expect(
            collected.value == minimumSweepInterval - 1,
            "the sweep found every dead entry but the one being written"
        )

        let held = (0..<100).map { Payload("h\($0)") }
        for payload in held { cache[payload.key] = payload }
        cache.sweep()
        let before = collected.value
        for number in 1..<100 { storeTemporary(cache, "u\(number)") }
        #expect(collected.value == before, "with 100 live entries, the next sweep waits for 100 writes")
        storeTemporary(cache, "u100")
        #expect(collected.value == before + 99)
    }

    @Test func sweepReportsHowManyEntriesItRemoved() {
        let cache = WeakValueCache<String, Payload>()
        let held = Payload("held")
        cache["held"] = held
        for number in 0..<5 { storeTemporary(cache, "t\(number)") }
        #expect(cache.sweep() == 5)
        #expect(cache.sweep() == 0)
        #expect(cache.keys == ["held"])
    }
}
