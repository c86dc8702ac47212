import CacheCore
import Testing

@testable import ExpiringDictCompat

/// The `OrderedDict` methods expiringdict inherits: `popitem`, `setdefault`, `update`, `==` and
/// `move_to_end`, on the eviction queue's order (oldest written first).
@Suite("ExpiringDict as an OrderedDict")
struct ExpiringDictOrderedDictTests {
    let clock = ManualClock(start: CacheInstant(nanoseconds: 1_000_000_000_000))

    func makeDict(maxLen: Int = 10, maxAgeSeconds: Double = 25) throws -> ExpiringDict<String, Int> {
        try ExpiringDict(maxLen: maxLen, maxAgeSeconds: maxAgeSeconds, clock: .manual(clock))
    }

    @Test func popItemTakesTheNewestOrTheOldest() throws {
        let dict = try makeDict()
        dict.update(["a": 1, "b": 2, "c": 3] as KeyValuePairs)
        #expect(dict.popItem()! == ("c", 3))  // d.popitem()
        #expect(dict.popItem(last: false)! == ("a", 1))  // d.popitem(last=False)
        #expect(dict.keys() == ["b"])
        #expect(dict.popItem()! == ("b", 2))
        #expect(dict.popItem() == nil)
        #expect(dict.popItem(last: false) == nil)
    }

    @Test func popItemNeverReturnsAnExpiredEntry() throws {
        let dict = try makeDict(maxAgeSeconds: 10)
        dict["old"] = 1
        clock.advance(by: .seconds(6))
        dict["new"] = 2
        clock.advance(by: .seconds(5))  // "old" is 11 s old, "new" 5 s
        #expect(dict.popItem(last: false)! == ("new", 2))
        #expect(dict.popItem() == nil)
    }

    @Test func setDefaultStoresOnlyWhenTheKeyHasNoLiveValue() throws {
        let dict = try makeDict(maxAgeSeconds: 10)
        #expect(dict.setDefault("a", 1) == 1)
        #expect(dict.setDefault("a", 2) == 1)
        #expect(dict["a"] == 1)
        clock.advance(by: .seconds(10))
        #expect(dict.setDefault("a", 3) == 3, "an expired value is no value")
        #expect(dict.ttl("a") == 10)
    }

    @Test func updateWritesInOrderAndEvictsTheOldest() throws {
        let dict = try makeDict(maxLen: 3)
        dict.update(["a": 1, "b": 2, "c": 3, "d": 4] as KeyValuePairs)
        #expect(dict.items().map(\.key) == ["b", "c", "d"])
        dict.update(["b": 20])
        #expect(dict.items().map(\.key) == ["c", "d", "b"])
        #expect(dict["b"] == 20)
    }

    @Test func moveToEndChangesTheOrderButNotTheAge() throws {
        let dict = try makeDict(maxLen: 3, maxAgeSeconds: 10)
        dict.update(["a": 1, "b": 2, "c": 3] as KeyValuePairs)
        clock.advance(by: .seconds(4))
        #expect(dict.moveToEnd("a"))
        #expect(dict.keys() == ["b", "c", "a"])
        #expect(dict.ttl("a") == 6, "moving is not writing: the age stays")
        #expect(dict.moveToEnd("c", last: false))
        #expect(dict.keys() == ["c", "b", "a"])
        #expect(dict.moveToEnd("missing") == false)
        #expect(dict.moveToEnd("missing", last: false) == false)
        dict["d"] = 4  // full: the front, now "c", is evicted
        #expect(dict.keys() == ["b", "a", "d"])
        clock.advance(by: .seconds(6))
        #expect(dict.keys() == ["d"], "every moved entry expired when its first write said")
    }

    @Test func equalDictionariesHoldTheSameLiveEntriesInOrder() throws {
        let first = try makeDict()
        let second = try makeDict(maxLen: 20)
        first.update(["a": 1, "b": 2] as KeyValuePairs)
        second.update(["a": 1, "b": 2] as KeyValuePairs)
        #expect(first == second)
        second.moveToEnd("a")
        #expect(first != second, "order matters, as between two OrderedDicts")
        second.moveToEnd("b")
        #expect(first == second)
        second["b"] = 3
        #expect(first != second)
        #expect(first == first)
    }
}
