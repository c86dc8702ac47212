import CacheCore
import Testing
import _CacheTestSupport

@_spi(Randomness) @_spi(Testing) @testable import CachePolicies

@Suite("Expiration")
struct ExpirationTests {
    let clock = ManualClock()

    @Test func deadlineIsInclusive() {
        let cache = Cache<String, Int>(maxSize: 10, defaultTTL: .seconds(10), clock: .manual(clock))
        cache["a"] = 1
        clock.advance(by: .seconds(10) - .nanoseconds(1))
        #expect(cache["a"] == 1)
        clock.advance(by: .nanoseconds(1))
        #expect(cache["a"] == nil)
        #expect(cache.stats.expirations == 1)
    }

    @Test func perEntryTTLOverridesTheDefault() {
        let cache = Cache<String, Int>(maxSize: 10, defaultTTL: .seconds(10), clock: .manual(clock))
        cache.set("default", 1)
        cache.set("short", 2, ttl: .seconds(1))
        cache.set("forever", 3, ttl: .never)
        clock.advance(by: .seconds(1))
        #expect(cache.keys.sorted() == ["default", "forever"])
        clock.advance(by: .seconds(3_600_000))
        #expect(cache.keys == ["forever"])
    }

    @Test func countNeverIncludesDeadEntries() {
        let cache = Cache<Int, Int>(maxSize: nil, clock: .manual(clock))
        for key in 0..<100 { cache.set(key, key, ttl: .milliseconds(key + 1)) }
        for elapsed in 1...100 {
            clock.advance(by: .milliseconds(1))
            #expect(cache.count == 100 - elapsed)
        }
    }

    @Test func zeroTTLStoresAnEntryThatIsAlreadyDead() {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        #expect(cache.set("a", 1, ttl: .after(.zero)))
        #expect(cache.count == 0)
        #expect(cache["a"] == nil)
    }

    /// As cachetools' TLRUCache: an entry dead on arrival evicts nothing, and a live value of its
    /// key is gone.
    @Test func anEntryDeadOnArrivalMakesNoRoom() {
        let recorder = EventRecorder<String, Int>()
        let cache = Cache<String, Int>(maxSize: 2, policy: .lru, clock: .manual(clock))
        cache.set("a", 1)
        cache.set("b", 2)
        recorder.attach(to: cache, kinds: [.set, .removal])
        #expect(cache.set("c", 3, ttl: .after(.zero)))
        #expect(cache.keys == ["a", "b"])
        #expect(cache.stats.evictions == 0)
        #expect(cache.stats.expirations == 1)
        #expect(
            recorder.take() == [.set(key: "c", value: 3, oldValue: nil), .removal(key: "c", value: 3, cause: .expired)]
        )
        #expect(cache.set("a", 10, ttl: .after(.zero)))
        #expect(cache.keys == ["b"])
        #expect(cache["a"] == nil)
    }

    @Test func timeToLiveReportsTheRemainingTime() {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        cache.set("a", 1, ttl: .seconds(30))
        cache.set("b", 2)
        clock.advance(by: .seconds(12))
        #expect(cache.timeToLive(forKey: "a") == .after(.seconds(18)))
        #expect(cache.timeToLive(forKey: "b") == .never)
        #expect(cache.timeToLive(forKey: "missing") == nil)
        clock.advance(by: .seconds(18))
        #expect(cache.timeToLive(forKey: "a") == nil)
        #expect(cache.stats.hits == 0, "timeToLive is not a read")
    }

    @Test func expirationDeadlinesListEveryTimedEntry() {
        clock.advance(by: .seconds(5))
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        cache.set("a", 1, ttl: .seconds(1))
        cache.set("b", 2, ttl: .minutes(2))
        cache.set("c", 3)
        #expect(
            cache.expirationDeadlines() == [
                "a": CacheInstant(nanoseconds: 6_000_000_000),
                "b": CacheInstant(nanoseconds: 125_000_000_000),
            ]
        )
    }

    @Test func expireRemovesAndReportsDueEntries() {
        let cache = Cache<Int, Int>(maxSize: 10, clock: .manual(clock))
        let recorder = EventRecorder<Int, Int>()
        recorder.attach(to: cache, kinds: .removal)
        for key in 0..<6 { cache.set(key, key, ttl: key < 4 ? .seconds(1) : .never) }
        clock.advance(by: .seconds(1))
        #expect(cache.expire() == 4)
        #expect(Set(recorder.removals.map(\.key)) == [0, 1, 2, 3])
        #expect(recorder.removals.allSatisfy { $0.cause == .expired })
        #expect(cache.expire() == 0)
    }

    @Test func addReplacesAnExpiredEntry() {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        cache.set("a", 1, ttl: .seconds(1))
        #expect(cache.add("a", 2) == false)
        clock.advance(by: .seconds(1))
        #expect(cache.add("a", 3) == true)
        #expect(cache["a"] == 3)
    }

    @Test func addKeepsTheExistingTTL() {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        cache.set("a", 1, ttl: .seconds(10))
        cache.add("a", 2, ttl: .never)
        #expect(cache.timeToLive(forKey: "a") == .after(.seconds(10)))
    }

    @Test func rewritingAnEntryRetimesIt() {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        cache.set("a", 1, ttl: .seconds(10))
        clock.advance(by: .seconds(8))
        cache.set("a", 2, ttl: .seconds(10))
        clock.advance(by: .seconds(8))
        #expect(cache["a"] == 2)
        cache.set("a", 3, ttl: .never)
        clock.advance(by: .seconds(3_600))
        #expect(cache["a"] == 3)
    }

    @Test func aNewDefaultTTLAppliesToLaterWritesOnly() throws {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        cache["old"] = 1
        try cache.configure { $0.defaultTTL = .seconds(5) }
        cache["new"] = 2
        clock.advance(by: .seconds(5))
        #expect(cache.keys == ["old"])
    }

    @Test func expiredEntriesAreNeverReturnedWithManyDistinctTTLs() {
        let cache = Cache<Int, Int64>(maxSize: nil, clock: .manual(clock))
        var generator = SplitMix64(seed: 7)
        var deadlines: [Int: Int64] = [:]
        for round in 0..<200 {
            for _ in 0..<50 {
                let key = Int.random(in: 0..<5_000, using: &generator)
                let ttl = Duration.nanoseconds(Int64.random(in: 0...2_000_000_000, using: &generator))
                let deadline = clock.now.advanced(by: ttl).nanoseconds
                cache.set(key, deadline, ttl: .after(ttl))
                deadlines[key] = deadline
            }
            clock.advance(by: .milliseconds(Int.random(in: 0...40, using: &generator)))
            let now = clock.now.nanoseconds
            deadlines = deadlines.filter { $0.value > now }
            #expect(cache.count == deadlines.count, "round \(round)")
            for (key, deadline) in deadlines.prefix(20) { #expect(cache[key] == deadline) }
        }
        cache.checkInvariants()
    }
}

@Suite("ExpirationQueue")
struct ExpirationQueueTests {
    @Test func popsExactlyTheDueSlotsInDeadlineOrder() {
        var queue = ExpirationQueue()
        var model: [Int: Int64] = [:]
        var generator = SplitMix64(seed: 99)
        var now: Int64 = 0
        for _ in 0..<20_000 {
            let slot = Int.random(in: 0..<512, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5:
                let deadline =
                    now + Int64.random(in: 0...(1 << Int.random(in: 0...40, using: &generator)), using: &generator)
                queue.schedule(slot, at: deadline)
                model[slot] = deadline
            case 5..<7:
                queue.unscheduleIfNeeded(slot)
                model[slot] = nil
            default:
                now += Int64.random(in: 0...(1 << Int.random(in: 0...36, using: &generator)), using: &generator)
                var popped: [Int] = []
                var lastDeadline = Int64.min
                while let due = queue.popDue(at: now) {
                    let deadline = model[due]!
                    #expect(deadline <= now)
                    #expect(deadline >= lastDeadline, "due slots come in deadline order")
                    lastDeadline = deadline
                    popped.append(due)
                }
                let expected = model.filter { $0.value <= now }.map(\.key)
                #expect(Set(popped) == Set(expected))
                #expect(popped.count == expected.count)
                for slot in expected { model[slot] = nil }
            }
            #expect(queue.count == model.count)
        }
    }
}
