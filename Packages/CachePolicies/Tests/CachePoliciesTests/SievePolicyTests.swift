import CacheCore
import CachePolicies
import Testing
import _CacheTestSupport

@Suite("SIEVE")
struct SievePolicyTests {
    @Test func theHandSkipsVisitedEntriesAndRestsOnTheNewerNeighbour() {
        var replay = ReadThroughReplay<String>(policy: .sieve, capacity: 3)
        // a b c fill the queue; the hit on a marks it. d: the hand starts at the oldest entry,
        // clears a and evicts b, then rests on c. b: c is unvisited and goes; the hand rests on
        // d. a is hit again; e: d goes and the hand rests on b.
        replay.request("a b c a d b a e")
        #expect(replay.evicted == ["b", "c", "d"])
        #expect(replay.hits == 2)
        // Next victims: b (at the hand), e, then a once the hand has wrapped and cleared it.
        #expect(replay.cache.keys == ["b", "e", "a"])
    }

    @Test func hitsMoveNothing() {
        var replay = ReadThroughReplay<String>(policy: .sieve, capacity: 3)
        replay.request("a b c c b")
        #expect(replay.cache.keys == ["a", "b", "c"])
        #expect(replay.cache.popItem()?.key == "a")
        // b and c were visited: the sweep clears them, wraps, and takes b.
        #expect(replay.cache.popItem()?.key == "b")
    }

    @Test func deletingTheEntryUnderTheHandMovesTheHandOn() {
        var replay = ReadThroughReplay<String>(policy: .sieve, capacity: 3)
        replay.request("a b c a d")  // evicts b; the hand rests on c
        replay.cache.delete("c")  // the hand moves on to d
        replay.request("e f")  // e fills the free place; f: d is next under the hand
        #expect(replay.evicted == ["b", "d"])
    }
}
