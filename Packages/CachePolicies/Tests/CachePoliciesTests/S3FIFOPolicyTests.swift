import CacheCore
import CachePolicies
import Testing
import _CacheTestSupport

@Suite("S3-FIFO")
struct S3FIFOPolicyTests {
    /// Ten entries: a small queue of 1, a main queue of 9, a ghost queue of 9 keys.
    let keys = (1...12).map(String.init)

    @Test func oneHitWondersLeaveThroughTheSmallQueueAndComeBackToMain() {
        var replay = ReadThroughReplay<String>(policy: .s3fifo, capacity: 10)
        replay.request(Array(keys[0..<10]))  // 1...10 fill the small queue
        replay.request("11")  // 1 is evicted from the small queue, into the ghost queue
        #expect(replay.evicted == ["1"])
        replay.request("1")  // remembered: 1 goes to main; 2 leaves the small queue
        #expect(replay.evicted == ["1", "2"])
        // Main holds 1 and is not over its share, so the small queue keeps giving way.
        replay.request("12")
        #expect(replay.evicted == ["1", "2", "3"])
        #expect(replay.cache.keys.first == "4")
        #expect(replay.cache.keys.last == "1", "main's only entry goes last")
    }

    @Test func twoHitsInTheSmallQueuePromoteByDefault() {
        var replay = ReadThroughReplay<String>(policy: .s3fifo, capacity: 10)
        replay.request(Array(keys[0..<10]))
        replay.request("1 1 2")  // 1 twice, 2 once (all hits)
        replay.request("11")  // 1 moves to main, 2 has one hit only and is evicted
        #expect(replay.evicted == ["2"])
        #expect(replay.cache.contains("1"))
        #expect(replay.hits == 3)
    }

    @Test func oneHitPromotesWithThresholdOne() {
        var replay = ReadThroughReplay<String>(policy: .s3fifo(promotionThreshold: 1), capacity: 10)
        #expect(replay.cache.policy.name == "s3fifo-1")
        replay.request(Array(keys[0..<10]))
        replay.request("1 2")
        replay.request("11")  // 1 and 2 each hit once: both move to main; 3 is evicted
        #expect(replay.evicted == ["3"])
    }

    @Test func mainIsAClockThatSpendsUses() {
        var replay = ReadThroughReplay<String>(policy: .s3fifo(promotionThreshold: 1), capacity: 10)
        replay.request(Array(keys[0..<10]))
        replay.request(Array(keys[0..<10]))  // every entry hit once
        // 11: the whole small queue moves to main, each entry's uses starting again at 0; main is
        // then over its share, and its oldest entry goes.
        replay.request("11")
        #expect(replay.evicted == ["1"])
        replay.request("2 3 11")  // hits: 2 and 3 in main, 11 in the small queue
        // 12: 11 moves to main, which is over its share again: 2 and 3 spend their use and go
        // round, 4 has none and goes.
        replay.request("12")
        #expect(replay.evicted == ["1", "4"])
        #expect(replay.cache.keys == ["12", "5", "6", "7", "8", "9", "10", "11", "2", "3"])
    }
}
