import CacheCore
import Testing

@testable import ExpiringDictCompat

/// expiringdict's usage and behaviour (its README and source, version 1.2.2), bullet by
/// bullet, including the defects this port fixes on purpose.
@Suite("ExpiringDict")
struct ExpiringDictTests {
    let clock = ManualClock(start: CacheInstant(nanoseconds: 1_000_000_000_000))

    func makeDict(maxLen: Int = 50, maxAgeSeconds: Double = 25) throws -> ExpiringDict<String, String> {
        try ExpiringDict(maxLen: maxLen, maxAgeSeconds: maxAgeSeconds, clock: .manual(clock))
    }

    /// The seconds on the test clock.
    var now: Double { Double(clock.now.nanoseconds) / 1e9 }

    // MARK: - The tutorial

    /// `cache = ExpiringDict(max_len=50, max_age_seconds=25)` and the calls every tutorial shows.
    @Test func tutorialWalkThrough() throws {
        let cache = try makeDict(maxLen: 50, maxAgeSeconds: 25)
        cache["key"] = "value"  // cache["key"] = "value"
        let written = now
        #expect(cache["key"] == "value")  // cache["key"]
        #expect(cache.get("key") == "value")  // cache.get("key")
        #expect(cache.get("missing", default: "default") == "default")  // cache.get("missing", "default")
        #expect(cache.get("missing") == nil)  // cache.get("missing") is None

        clock.advance(by: .seconds(10))
        #expect(cache.get("key", withAge: true) == ("value", 10))  // cache.get("key", with_age=True)
        #expect(cache.get("missing", default: "x", withAge: true) == ("x", nil))
        let stamped = cache.itemsWithTimestamp()  // cache.items_with_timestamp()
        #expect(stamped.map(\.key) == ["key"])
        #expect(stamped.map(\.value) == ["value"])
        #expect(stamped.map(\.timestamp) == [written])
        #expect(cache.ttl("key") == 15)  // cache.ttl("key")

        clock.advance(by: .seconds(15))
        #expect(cache["key"] == nil, "25 seconds after the write the value is gone")
        #expect(cache.ttl("key") == nil)
        #expect(cache.get("key", default: "gone") == "gone")
    }

    // MARK: - Construction

    @Test func maxLenBelowOneIsAClearError() {
        for maxLen in [0, -3] {
            #expect(throws: CacheConfigurationError.self) {
                try ExpiringDict<String, Int>(maxLen: maxLen, maxAgeSeconds: 1)
            }
        }
        do {
            _ = try ExpiringDict<String, Int>(maxLen: 0, maxAgeSeconds: 1)
            Issue.record("maxLen 0 must throw")
        } catch {
            #expect(error.field == "maxLen")
            #expect(error.value == "0")
            #expect(
                error.description
                    == "cache 'ExpiringDict<String, Int>': maxLen is 0; allowed: an integer ≥ 1 (Int.max for no limit)"
            )
        }
    }

    @Test func aNegativeOrNaNAgeIsAClearError() {
        for age in [-1, -0.001, Double.nan, -Double.infinity] {
            do {
                _ = try ExpiringDict<String, Int>(maxLen: 10, maxAgeSeconds: age)
                Issue.record("maxAgeSeconds \(age) must throw")
            } catch {
                #expect(error.field == "maxAgeSeconds")
                #expect(error.value == "\(age)")
                #expect(error.allowed.hasPrefix("a number of seconds ≥ 0"))
            }
        }
    }

    @Test func attributesAreTheLimits() throws {
        let cache = try makeDict(maxLen: 7, maxAgeSeconds: 1.5)
        #expect(cache.maxLen == 7)
        #expect(cache.maxAgeSeconds == 1.5)
    }

    @Test func intMaxIsUnbounded() throws {
        let cache = try ExpiringDict<Int, Int>(maxLen: .max, maxAgeSeconds: 60, clock: .manual(clock))
        for key in 0..<5_000 { cache[key] = key }
        #expect(cache.count == 5_000)
    }

    @Test func zeroAgeKeepsNothingReadable() throws {
        let cache = try makeDict(maxLen: 3, maxAgeSeconds: 0)
        cache["a"] = "1"
        #expect(cache["a"] == nil)
        #expect(cache.contains("a") == false)
        #expect(cache.count == 0)
    }

    @Test func infiniteAgeNeverExpires() throws {
        let cache = try makeDict(maxLen: 3, maxAgeSeconds: .infinity)
        cache["a"] = "1"
        clock.advance(by: .seconds(100 * 365 * 86_400))
        #expect(cache["a"] == "1")
        #expect(cache.ttl("a") == .infinity)
    }

    @Test func itemsFromADictionaryAreStampedNow() throws {
        let cache = try ExpiringDict(maxLen: 10, maxAgeSeconds: 5, items: ["a": 1, "b": 2], clock: .manual(clock))
        #expect(cache.itemsWithTimestamp().map(\.timestamp) == [now, now])
        #expect(cache.items().map(\.key).sorted() == ["a", "b"])
        clock.advance(by: .seconds(5))
        #expect(cache.isEmpty)
    }

    @Test func itemsBeyondMaxLenEvictTheFirstOnes() throws {
        let pairs = [(key: "x", value: 1), (key: "y", value: 2), (key: "z", value: 3)]
        let cache = try ExpiringDict(maxLen: 2, maxAgeSeconds: 5, items: pairs, clock: .manual(clock))
        #expect(cache.keys() == ["y", "z"])
    }

    @Test func copyingAnotherDictKeepsTimestampsAndInheritsLimits() throws {
        let original = try makeDict(maxLen: 5, maxAgeSeconds: 10)
        original["a"] = "1"
        clock.advance(by: .seconds(3))
        original["b"] = "2"
        clock.advance(by: .seconds(1))

        let copy = try ExpiringDict(items: original)  // ExpiringDict(items=original)
        #expect(copy.maxLen == 5)
        #expect(copy.maxAgeSeconds == 10)
        #expect(copy.itemsWithTimestamp().map(\.timestamp) == original.itemsWithTimestamp().map(\.timestamp))
        #expect(copy.get("a", withAge: true) == ("1", 4))
        let smaller = try ExpiringDict(maxLen: 1, items: original)
        #expect(smaller.keys() == ["b"], "copied oldest first, so a was evicted")
        #expect(smaller.maxAgeSeconds == 10)

        clock.advance(by: .seconds(6))
        #expect(copy.keys() == ["b"], "a was written 10 s ago in the original, so it expires in the copy too")
    }

    @Test func copyingWithAShorterAgeLeavesOutEntriesAlreadyTooOld() throws {
        let original = try makeDict(maxLen: 5, maxAgeSeconds: 60)
        original["old"] = "1"
        clock.advance(by: .seconds(6))
        original["new"] = "2"
        clock.advance(by: .seconds(3))
        let copy = try ExpiringDict(maxAgeSeconds: 5, items: original)
        #expect(copy.keys() == ["new"])
        #expect(copy.ttl("new") == 2)
        #expect(throws: CacheConfigurationError.self) { try ExpiringDict(maxLen: 0, items: original) }
    }

    // MARK: - Reads

    @Test func readingAnExpiredOrMissingKeyGivesNil() throws {
        let cache = try makeDict(maxAgeSeconds: 2)
        cache["a"] = "1"
        clock.advance(by: .seconds(2) - .nanoseconds(1))
        #expect(cache["a"] == "1")
        clock.advance(by: .nanoseconds(1))
        #expect(cache["a"] == nil, "alive iff age < maxAge")
        #expect(cache["never"] == nil)
        #expect(cache.count == 0)
    }

    @Test func getNeitherRefreshesNorReorders() throws {
        let cache = try makeDict(maxLen: 2, maxAgeSeconds: 10)
        cache["a"] = "1"
        clock.advance(by: .seconds(4))
        cache["b"] = "2"
        #expect(cache.get("a") == "1")
        #expect(cache.get("a", withAge: true) == ("1", 4))
        #expect(cache.ttl("a") == 6, "reading did not refresh the timestamp")
        cache["c"] = "3"
        #expect(cache.keys() == ["b", "c"], "reading did not move a: it was still the oldest")
    }

    @Test func getWithoutAgeLeavesTheAgeOut() throws {
        let cache = try makeDict()
        cache["a"] = "1"
        #expect(cache.get("a", withAge: false) == ("1", nil))
    }

    @Test func containsIsFalseForAnExpiredKey() throws {
        let cache = try makeDict(maxAgeSeconds: 1)
        cache["a"] = "1"
        #expect(cache.contains("a"))
        clock.advance(by: .seconds(1))
        #expect(cache.contains("a") == false)
    }

    // MARK: - Writes and eviction

    @Test func aFullDictEvictsTheOldestInsertedEntry() throws {
        let cache = try makeDict(maxLen: 3)
        for key in ["a", "b", "c", "d"] {
            cache[key] = key
            clock.advance(by: .seconds(1))
        }
        #expect(cache.keys() == ["b", "c", "d"])
        #expect(cache.count == 3)
    }

    /// Fixed: expiringdict deletes the expired key, then still evicts the oldest live entry.
    @Test func resettingAnExpiredKeyInAFullDictEvictsNoLiveOne() throws {
        let cache = try makeDict(maxLen: 3, maxAgeSeconds: 10)
        cache["a"] = "old"
        clock.advance(by: .seconds(5))
        cache["b"] = "2"
        cache["c"] = "3"
        clock.advance(by: .seconds(5))
        cache["a"] = "new"
        #expect(cache.keys() == ["b", "c", "a"])
        #expect(cache["a"] == "new")
    }

    /// A deliberate difference: a rewrite always moves the key to the back of the queue (in
    /// expiringdict only when the dict is full), so eviction follows the timestamps.
    @Test func rewritingAKeyMovesItToTheBack() throws {
        let cache = try makeDict(maxLen: 3)
        cache["a"] = "1"
        cache["b"] = "2"
        cache["c"] = "3"
        clock.advance(by: .seconds(1))
        cache["a"] = "fresh"
        cache["d"] = "4"
        #expect(cache.keys() == ["c", "a", "d"])
        #expect(cache.ttl("a") == 25, "the rewrite stamped a anew")
    }

    @Test func assigningNilDeletesAndClearEmpties() throws {
        let cache = try makeDict()
        cache["a"] = "1"
        cache["b"] = "2"
        cache["a"] = nil  // del cache["a"]
        #expect(cache.keys() == ["b"])
        cache.clear()
        #expect(cache.isEmpty)
    }

    // MARK: - pop, ttl, views

    /// Fixed: expiringdict's `pop` returns an expired value.
    @Test func popReturnsTheLiveValueOrTheDefault() throws {
        let cache = try makeDict(maxAgeSeconds: 5)
        cache["live"] = "1"
        cache["stale"] = "2"
        #expect(cache.pop("live") == "1")
        #expect(cache.contains("live") == false)
        #expect(cache.pop("live", default: "d") == "d")
        #expect(cache.pop("missing") == nil)
        clock.advance(by: .seconds(5))
        #expect(cache.pop("stale", default: "d") == "d")
    }

    /// Fixed: expiringdict's `ttl` is `None` for a value written this instant.
    @Test func ttlAtAgeZeroIsTheFullAge() throws {
        let cache = try makeDict(maxAgeSeconds: 25)
        cache["a"] = "1"
        #expect(cache.ttl("a") == 25)
        clock.advance(by: .milliseconds(2_500))
        #expect(cache.ttl("a") == 22.5)
        #expect(cache.ttl("missing") == nil)
    }

    /// Fixed: expiringdict's `len`, `keys()` and `items_with_timestamp()` include expired entries.
    @Test func countKeysAndEveryViewExcludeExpiredEntries() throws {
        let cache = try makeDict(maxAgeSeconds: 10)
        cache["a"] = "1"
        clock.advance(by: .seconds(5))
        cache["b"] = "2"
        cache["c"] = "3"
        #expect(cache.count == 3)
        clock.advance(by: .seconds(5))
        #expect(cache.count == 2)
        #expect(cache.keys() == ["b", "c"])
        #expect(cache.values() == ["2", "3"])
        #expect(cache.items().map(\.key) == ["b", "c"])
        #expect(cache.items().map(\.value) == ["2", "3"])
        #expect(cache.itemsWithTimestamp().map(\.key) == ["b", "c"])
        #expect(Dictionary(uniqueKeysWithValues: cache.items()) == ["b": "2", "c": "3"], "dict(d) works")
    }

    /// Fixed: expiringdict's `copy()` raises `TypeError`.
    @Test func copyIsIndependentAndKeepsTimestamps() throws {
        let cache = try makeDict(maxLen: 4, maxAgeSeconds: 10)
        cache["a"] = "1"
        clock.advance(by: .seconds(2))
        let copy = cache.copy()
        #expect(copy.maxLen == 4)
        #expect(copy.maxAgeSeconds == 10)
        #expect(copy.get("a", withAge: true) == ("1", 2))
        copy["b"] = "2"
        cache["a"] = nil
        #expect(copy.keys() == ["a", "b"])
        #expect(cache.isEmpty)
    }
}
