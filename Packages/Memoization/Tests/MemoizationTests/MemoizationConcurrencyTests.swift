import CacheCore
import CachePolicies
import Foundation
import Memoization
import Synchronization
import Testing

/// Runs under the thread sanitizer (`Scripts/tsan.sh` selects suites named `…Concurrency…`).
@Suite("Memoization concurrency")
struct MemoizationConcurrencyTests {
    @Test func aHundredCallersOfOneKeyShareOneComputation() async {
        let calls = CallCounter()
        let gate = Gate()
        let answer = memoize { (question: String) async -> Int in
            calls.record()
            await gate.wait()
            return question.count
        }
        let results = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask { await answer("the ultimate question") }
            }
            while answer.cacheInfo().misses < 100 { await Task.yield() }
            gate.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: 21, count: 100))
        #expect(calls.count == 1)
        #expect(answer.cacheInfo() == CacheInfo(hits: 0, misses: 100, maxSize: 128, currentSize: 1))
        #expect(await answer("the ultimate question") == 21)
        #expect(calls.count == 1)
    }

    @Test func aFailureReachesEveryWaiterAndIsNotCached() async throws {
        let calls = CallCounter()
        let gate = Gate()
        let fetch = memoize { (id: Int) async throws(Failure) -> Int in
            calls.record()
            await gate.wait()
            if calls.count == 1 { throw Failure(code: id) }
            return id
        }
        let results = await withTaskGroup(of: Result<Int, Failure>.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do throws(Failure) {
                        return .success(try await fetch(9))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            while fetch.cacheInfo().misses < 10 { await Task.yield() }
            gate.open()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 10)
        #expect(results.allSatisfy { $0 == .failure(Failure(code: 9)) })
        #expect(calls.count == 1)
        #expect(fetch.cache.isEmpty)
        #expect(try await fetch(9) == 9)
        #expect(calls.count == 2)
    }

    @Test func cancellingOneCallerDoesNotCancelTheSharedComputation() async {
        let calls = CallCounter()
        let gate = Gate()
        let sawCancellation = Mutex<Bool?>(nil)
        let load = memoize { (id: Int) async -> Int in
            calls.record()
            await gate.wait()
            sawCancellation.withAnnotatedLock { $0 = Task.isCancelled }
            return id * 10
        }
        let cancelled = Task { await load(4) }
        let other = Task { await load(4) }
        while load.cacheInfo().misses < 2 { await Task.yield() }
        cancelled.cancel()
        gate.open()
        #expect(await other.value == 40)
        #expect(await cancelled.value == 40)
        #expect(calls.count == 1)
        #expect(sawCancellation.withAnnotatedLock { $0 } == false)
        #expect(load.cacheInfo().currentSize == 1)
    }

    /// Threads that miss one key together each compute (as `lru_cache` does), but the first
    /// result stored is what every one of them returns: a memoized factory hands out one instance
    /// per key.
    @Test func threadsThatComputeOneKeyTogetherReturnOneInstance() {
        final class Connection: Sendable {}
        let threads = 4
        let computing = Atomic<Int>(0)
        let makeConnection = memoize(maxSize: 8) { (_: String) -> Connection in
            // Every computation waits until all have started, so that they overlap.
            computing.wrappingAdd(1, ordering: .relaxed)
            while computing.load(ordering: .relaxed) < threads {}
            return Connection()
        }
        let results = LockedResults<Connection>()
        let workers = (0..<threads).map { _ in Thread { results.append(makeConnection("db")) } }
        for worker in workers { worker.start() }
        while results.count < threads {}
        let first = results.values[0]
        #expect(computing.load(ordering: .relaxed) == threads)
        #expect(results.values.allSatisfy { $0 === first })
        #expect(makeConnection("db") === first)
    }

    @Test func synchronousMemoizedFunctionsAreSafeAcrossThreads() async {
        let square = memoize(maxSize: 64) { (n: Int) in n * n }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for step in 0..<2_000 {
                        let n = (step &* 31 &+ worker) % 200
                        if square(n) != n * n { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        let info = square.cacheInfo()
        #expect(info.hits + info.misses == 16_000)
        #expect(info.currentSize <= 64)
    }
}

/// Values appended from several threads.
private final class LockedResults<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ value: Value) { storage.withAnnotatedLock { $0.append(value) } }
    var values: [Value] { storage.withAnnotatedLock { $0 } }
    var count: Int { storage.withAnnotatedLock { $0.count } }
}
