import CacheCore
import CachePolicies
import Synchronization
import Testing
import _CacheTestSupport

@Suite("Async loading")
struct LoadingTests {
    struct Failure: Error, Equatable {}

    /// Opens once: tasks that wait before then suspend until `open()`.
    final class Gate: Sendable {
        private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
        func wait() async {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withAnnotatedLock { state in
                    if state.isOpen { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
        func open() {
            let waiters = state.withAnnotatedLock { state in
                state.isOpen = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    @Test func concurrentCallersShareOneLoad() async throws {
        let cache = Cache<String, Int>(maxSize: 10)
        let runs = AtomicCounter()
        let gate = Gate()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await cache.value(forKey: "answer") { _ in
                        runs.add()
                        await gate.wait()
                        return 42
                    }
                }
            }
            while cache.stats.misses < 100 { await Task.yield() }
            gate.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 42, count: 100))
        #expect(runs.value == 1)
        #expect(cache["answer"] == 42)
        #expect(cache.stats.loadSuccesses == 1)
    }

    @Test func aFailedLoadReachesEveryWaiterAndStoresNothing() async {
        let cache = Cache<String, Int>(maxSize: 10)
        let gate = Gate()
        let results = await withTaskGroup(of: Result<Int, Failure>.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        return .success(
                            try await cache.value(forKey: "k") { _ in
                                await gate.wait()
                                throw Failure()
                            }
                        )
                    } catch {
                        return .failure(error as? Failure ?? Failure())
                    }
                }
            }
            while cache.stats.misses < 10 { await Task.yield() }
            gate.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 10)
        #expect(results.allSatisfy { $0 == .failure(Failure()) })
        #expect(cache.contains("k") == false)
        #expect(cache.stats.loadFailures == 1)
        let retried = try? await cache.value(forKey: "k") { _ in 7 }
        #expect(retried == 7, "a failed load is not remembered")
    }

    @Test func aWriteDuringTheLoadWins() async throws {
        let cache = Cache<String, Int>(maxSize: 10)
        let gate = Gate()
        let loading = Task {
            try await cache.value(forKey: "k") { _ in
                await gate.wait()
                return 1
            }
        }
        while cache.stats.misses < 1 { await Task.yield() }
        cache["k"] = 2
        gate.open()
        #expect(try await loading.value == 1, "the caller gets what it loaded")
        #expect(cache["k"] == 2, "but the explicit write stays")
    }

    @Test func cancellingOneCallerDoesNotCancelTheLoad() async throws {
        let cache = Cache<String, Int>(maxSize: 10)
        let gate = Gate()
        let sawCancellation = AtomicCounter()
        let load: @Sendable (String) async throws -> Int = { _ in
            await gate.wait()
            if Task.isCancelled { sawCancellation.add() }
            return 5
        }
        let first = Task { try await cache.value(forKey: "k", load: load) }
        let second = Task { try await cache.value(forKey: "k", load: load) }
        while cache.stats.misses < 2 { await Task.yield() }
        first.cancel()
        gate.open()
        #expect(try await second.value == 5)
        _ = try? await first.value
        #expect(sawCancellation.value == 0)
        #expect(cache["k"] == 5)
    }

    @Test func loadedValuesGetTheirTTL() async throws {
        let clock = ManualClock()
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock))
        _ = try await cache.value(forKey: "k", ttl: .seconds(5)) { _ in 1 }
        #expect(cache.timeToLive(forKey: "k") == .after(.seconds(5)))
        clock.advance(by: .seconds(5))
        #expect(cache["k"] == nil)
    }
}
