import CacheCore
import CachePolicies
import Testing
import _CacheTestSupport

@Suite("ARC")
struct ARCPolicyTests {
    @Test func entriesUsedTwiceSurviveAScan() {
        var replay = ReadThroughReplay<Int>(policy: .arc, capacity: 4)
        replay.request([1, 2, 1, 2])  // 1 and 2 move to T2
        replay.request(Array(100..<200))  // a scan only churns T1
        #expect(replay.cache.contains(1) && replay.cache.contains(2))
        var lru = ReadThroughReplay<Int>(policy: .lru, capacity: 4)
        lru.request([1, 2, 1, 2] + Array(100..<200))
        #expect(!lru.cache.contains(1) && !lru.cache.contains(2))
    }

    @Test func aMissRememberedByB1GrowsT1() {
        var replay = ReadThroughReplay<Int>(policy: .arc, capacity: 4)
        replay.request([1, 2, 1, 2])  // T2 = [1, 2]
        replay.request([3, 4, 5])  // T1 = [3, 4] then 5 evicts 3 into B1 (p = 0)
        #expect(replay.evicted == [3])
        // 3 comes back: p grows to 1, T1 (2 entries) is still over it, so 4 goes to B1, and 3
        // enters T2.
        replay.request([3])
        #expect(replay.evicted == [3, 4])
        // 6 is new: T1 = [5] is at its target now, so T2's least recently used entry (1) goes.
        replay.request([6])
        #expect(replay.evicted == [3, 4, 1])
    }

    @Test func theEvictionOrderStartsWithT1OverItsTarget() {
        var replay = ReadThroughReplay<Int>(policy: .arc, capacity: 4)
        replay.request([1, 2, 1, 3, 4])  // T1 = [2, 3, 4], T2 = [1], p = 0
        #expect(replay.cache.keys == [2, 3, 4, 1])
        #expect(replay.cache.popItem()?.key == 2)
    }
}
