import CacheCore
@_spi(CachingInternals) @_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// The `CachingInternals` hooks that the weak store and the ExpiringDict layer build on.
@Suite("Internals hooks")
struct InternalsTests {
    /// A reference type for the identity checks.
    final class Object: Sendable {
        let number: Int
        init(_ number: Int) { self.number = number }
    }

    let clock = ManualClock()

    @Test func resolvingReadCountsHitsAndRemovesRejectedValuesAsCollected() {
        let cache = Cache<String, Int>(maxSize: 10)
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache, kinds: [.get, .removal])
        cache["alive"] = 1
        cache["gone"] = -1
        let resolveNonNegative: @Sendable (Int) -> String? = { $0 >= 0 ? "value \($0)" : nil }

        #expect(cache._get("alive", countingAsRead: true, resolving: resolveNonNegative) == "value 1")
        #expect(cache._get("gone", countingAsRead: true, resolving: resolveNonNegative) == nil)
        #expect(cache._get("missing", countingAsRead: true, resolving: resolveNonNegative) == nil)

        #expect(
            recorder.take() == [
                .get(key: "alive", value: 1, hit: true),
                .removal(key: "gone", value: -1, cause: .collected),
                .get(key: "gone", value: nil, hit: false),
                .get(key: "missing", value: nil, hit: false),
            ]
        )
        let stats = cache.stats
        #expect((stats.hits, stats.misses, stats.collections, stats.entryCount) == (1, 2, 1, 1))
        cache.checkInvariants()
    }

    @Test func resolvingLookupThatIsNotAReadCountsAndTouchesNothing() {
        let cache = Cache<Int, Int>(maxSize: 3, policy: .lru)
        cache[1] = 1
        cache[2] = 2
        cache[3] = -3
        #expect(cache._get(1, countingAsRead: false) { $0 >= 0 ? $0 : nil } == 1)
        #expect(cache._get(3, countingAsRead: false) { $0 >= 0 ? $0 : nil } == nil)
        let stats = cache.stats
        #expect((stats.hits, stats.misses, stats.collections) == (0, 0, 1))
        cache[4] = 4
        cache[5] = 5  // evicts 1: the lookup did not make it recently used
        #expect(cache.keys == [2, 4, 5])
    }

    @Test func writeWithDeadlineExpiresExactlyThere() {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        clock.advance(by: .seconds(100))
        #expect(cache.set("a", 1, deadline: CacheInstant.zero + .seconds(130)))
        #expect(cache.timeToLive(forKey: "a") == .after(.seconds(30)))
        cache.set("forever", 2, deadline: .distantFuture)
        #expect(cache.timeToLive(forKey: "forever") == .never)
        clock.advance(by: .seconds(30) - .nanoseconds(1))
        #expect(cache["a"] == 1)
        clock.advance(by: .nanoseconds(1))
        #expect(cache["a"] == nil)
        #expect(cache.stats.expirations == 1)
        #expect(cache.keys == ["forever"])
    }

    @Test func writeWithPastDeadlineStoresADeadEntry() {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        clock.advance(by: .seconds(10))
        #expect(cache.set("late", 1, deadline: CacheInstant.zero + .seconds(5)))
        #expect(cache["late"] == nil)
        #expect(cache.count == 0)
        #expect(cache.stats.expirations == 1)
        cache.checkInvariants()
    }

    @Test func writeWithDeadlineReplacesAndEvictsLikeSet() {
        let cache = Cache<String, Int>(maxSize: 2, policy: .fifo, clock: .manual(clock))
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache, kinds: .removal)
        let deadline = CacheInstant.zero + .seconds(60)
        cache.set("a", 1, deadline: deadline)
        cache.set("b", 2, deadline: deadline)
        cache.set("a", 10, deadline: deadline)
        cache.set("c", 3, deadline: deadline)
        #expect(cache.keys == ["a", "c"])
        #expect(recorder.removals.map(\.cause) == [.replaced, .evicted])
        #expect(recorder.removals.map(\.key) == ["a", "b"])
    }

    @Test func removeValueReturnsTheLiveValueAndReportsADelete() {
        let cache = Cache<String, Int>(maxSize: 10, defaultTTL: .seconds(5), clock: .manual(clock))
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache, kinds: .removal)
        cache["a"] = 1
        cache["b"] = 2
        #expect(cache.removeValue(forKey: "a") == 1)
        #expect(cache.removeValue(forKey: "a") == nil)
        clock.advance(by: .seconds(5))
        #expect(cache.removeValue(forKey: "b") == nil, "an expired value is not returned")
        #expect(recorder.removals.map(\.cause) == [.deleted, .expired])
        #expect(cache.stats.deletes == 1)
    }

    @Test func removeIfIdenticalLeavesANewerObjectAlone() {
        let cache = Cache<String, Object>(maxSize: 10)
        let first = Object(1)
        let second = Object(1)
        cache["a"] = first
        cache["a"] = second
        #expect(cache.remove("a", ifIdenticalTo: first, cause: .collected) == false)
        #expect(cache["a"] === second)
        #expect(cache.remove("a", ifIdenticalTo: second, cause: .collected))
        #expect(cache["a"] == nil)
        #expect(cache.remove("missing", ifIdenticalTo: second, cause: .deleted) == false)
        let stats = cache.stats
        #expect((stats.collections, stats.deletes) == (1, 0))
    }
}
