import CacheCore
@_spi(Testing) import CachePolicies
import Dispatch
import Synchronization
import Testing
import _CacheTestSupport

/// `compute`: one read-modify-write step, with its events, its TTL, its refusals and its errors.
@Suite("Compute")
struct ComputeTests {
    struct Refused: Error, Equatable {}

    @Test func countsWithoutLosingAStep() {
        let cache = Cache<String, Int>(maxSize: 10)
        for _ in 0..<5 { cache.compute("hits") { ($0 ?? 0) + 1 } }
        #expect(cache.get("hits") == 5)
        #expect(cache.stats.sets == 5)
        #expect(cache.stats.hits == 1, "compute's own reads are not counted")
        #expect(cache.stats.misses == 0)
    }

    @Test func reportsReplacementsAndRemovals() {
        let cache = Cache<String, Int>(maxSize: 10)
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache)
        #expect(cache.compute("a") { $0 == nil ? 1 : 99 } == 1)
        #expect(cache.compute("a") { $0.map { $0 + 1 } } == 2)
        #expect(cache.compute("a") { _ in nil } == nil)
        #expect(cache.compute("missing") { _ in nil } == nil)
        #expect(
            recorder.take() == [
                .set(key: "a", value: 1, oldValue: nil),
                .removal(key: "a", value: 1, cause: .replaced),
                .set(key: "a", value: 2, oldValue: 1),
                .removal(key: "a", value: 2, cause: .deleted),
            ]
        )
        #expect(cache.count == 0)
    }

    @Test func aNewKeyMakesRoomAsSetDoes() {
        let cache = Cache<Int, Int>(maxSize: 3, policy: .fifo)
        for key in 0..<3 { cache[key] = key }
        #expect(cache.compute(3) { $0 ?? 30 } == 30)
        #expect(cache.items.map(\.key) == [1, 2, 3])
    }

    @Test func aResultThatCanNeverFitLeavesTheOldValue() {
        let cache = Cache<String, Int>(maxSize: 10, maxCost: 10, cost: { _, value in value })
        cache["a"] = 4
        #expect(cache.compute("a") { _ in 11 } == 4)
        #expect(cache.get("a") == 4)
        #expect(cache.compute("b") { _ in 11 } == nil)
        #expect(cache.contains("b") == false)
    }

    @Test func anErrorChangesNothingAndIsRethrown() {
        let cache = Cache<String, Int>(maxSize: 10)
        cache["a"] = 1
        #expect(throws: Refused()) {
            try cache.compute("a") { (_: Int?) throws(Refused) -> Int? in throw Refused() }
        }
        #expect(cache.get("a") == 1)
        #expect(cache.stats.sets == 1)
        // The cache is usable afterwards: the lock was released and the computation unmarked.
        #expect(cache.compute("a") { ($0 ?? 0) + 1 } == 2)
    }

    @Test func theResultTakesTheTTLGivenOrTheDefault() {
        let clock = ManualClock()
        let cache = Cache<String, Int>(maxSize: 10, defaultTTL: .seconds(10), clock: .manual(clock))
        cache.compute("default") { _ in 1 }
        cache.compute("short", ttl: .seconds(2)) { _ in 2 }
        cache.compute("forever", ttl: .never) { _ in 3 }
        clock.advance(by: .seconds(2))
        #expect(cache.compute("short") { $0 } == nil, "an expired value reads as none")
        #expect(cache.timeToLive(forKey: "default") == .after(.seconds(8)))
        #expect(cache.timeToLive(forKey: "forever") == .never)
        clock.advance(by: .seconds(8))
        #expect(cache.keys(matching: .all).sorted() == ["forever"])
    }

    /// Starts a single-flight load of "k" that loads 1 once `gate` opens, and returns once the
    /// load is in flight.
    func startLoadOfK(into cache: Cache<String, Int>, waitingFor gate: LoadingTests.Gate) async -> Task<Int, any Error>
    {
        let loading = Task {
            try await cache.value(forKey: "k") { _ in
                await gate.wait()
                return 1
            }
        }
        while cache.stats.misses < 1 { await Task.yield() }
        return loading
    }

    @Test func aComputationStopsALoadInFlightFromStoring() async throws {
        let cache = Cache<String, Int>(maxSize: 10)
        let gate = LoadingTests.Gate()
        let loading = await startLoadOfK(into: cache, waitingFor: gate)
        cache.compute("k") { _ in 2 }
        gate.open()
        #expect(try await loading.value == 1)
        #expect(cache.get("k") == 2)
    }

    @Test func shardedCacheComputesInTheKeysShard() {
        let cache = ShardedCache<Int, Int>(shards: 4, maxSize: 400)
        for round in 1...3 {
            for key in 0..<40 { cache.compute(key) { ($0 ?? 0) + key } }
            #expect((0..<40).allSatisfy { cache.get($0) == $0 * round })
        }
        #expect(cache.compute(7) { _ in nil } == nil)
        #expect(cache.count == 39)
    }

    @Test func usingTheCacheInsideTheClosureStopsWithAMessage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let cache = Cache<String, Int>(maxSize: 10)
            cache.compute("a") { _ in cache.get("b") }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("called from inside the closure of compute(_:ttl:_:) on the same cache"))
    }

    @Test func computingInAnotherCacheInsideTheClosureIsFine() {
        let counters = Cache<String, Int>(maxSize: 10)
        let totals = Cache<String, Int>(maxSize: 10)
        totals["all"] = 40
        counters.compute("a") { _ in totals.compute("all") { ($0 ?? 0) + 2 } }
        #expect(counters.get("a") == 42)
        #expect(totals.get("all") == 42)
    }

    /// A value whose `deinit` runs `onDeinit`.
    final class ReleaseTracked: Sendable {
        let onDeinit: @Sendable () -> Void
        init(_ onDeinit: @escaping @Sendable () -> Void) { self.onDeinit = onDeinit }
        deinit { onDeinit() }
    }

    @Test func aResultThatCanNeverFitIsReleasedAfterTheLock() async {
        await #expect(processExitsWith: .success) {
            let cache = Cache<Int, ReleaseTracked>(maxSize: 10, maxCost: 1, cost: { _, _ in 2 })
            // The refused value's deinit uses the cache: under the lock, that would stop the program.
            cache.compute(1) { _ in ReleaseTracked { _ = cache.count } }
            precondition(cache.count == 0)
        }
    }

    @Test func aZeroTTLLeavesNothingAndReturnsNil() {
        let clock = ManualClock()
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        cache["a"] = 1
        #expect(cache.compute("a", ttl: .after(.zero)) { _ in 2 } == nil)
        #expect(cache.compute("b", ttl: .after(.zero)) { _ in 3 } == nil)
        #expect(cache.count == 0)
    }

    @Test func aRefusedResultStillStopsALoadInFlight() async throws {
        let cache = Cache<String, Int>(maxSize: 10, maxCost: 10, cost: { _, value in value })
        let gate = LoadingTests.Gate()
        let loading = await startLoadOfK(into: cache, waitingFor: gate)
        #expect(cache.compute("k") { _ in 11 } == nil)
        gate.open()
        #expect(try await loading.value == 1)
        #expect(cache.get("k") == nil)
    }

    /// A task started inside the closure inherits the closure's task-locals; once the call is
    /// over, it may use the cache even while another thread's computation holds the lock.
    @Test func aTaskStartedInsideTheClosureMayUseTheCacheAfterwards() async {
        await #expect(processExitsWith: .success) {
            let cache = Cache<Int, Int>(maxSize: 10)
            let go = DispatchSemaphore(value: 0)
            let started = DispatchSemaphore(value: 0)
            let later = Mutex<Task<Int?, Never>?>(nil)
            cache.compute(1) { _ in
                let task = Task {
                    go.wait()
                    return cache.get(1)
                }
                later.withLock { $0 = task }
                return 1
            }
            DispatchQueue.global().async {
                cache.compute(2) { _ in
                    started.signal()
                    go.signal()
                    _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(300))
                    return 2
                }
            }
            started.wait()
            let task = later.withLock { $0 }!
            let value = await task.value
            precondition(value == 1)
        }
    }
}
