import CacheCore
@_spi(Testing) import CachePolicies
import Synchronization
import Testing
import _CacheTestSupport

/// `values(forKeys:ttl:load:)`: one loader call for every missing key, single flight per key.
@Suite("Bulk loading")
struct BulkLoadingTests {
    struct Failure: Error, Equatable {}

    /// A loader that records the keys of each call and answers with `key * 10`, leaving out the
    /// keys in `omitting`.
    final class RecordingLoader: Sendable {
        let calls = LockedArray<[Int]>()
        let omitting: Set<Int>

        init(omitting: Set<Int> = []) {
            self.omitting = omitting
        }

        func load(_ keys: [Int]) -> [Int: Int] {
            calls.append(keys)
            return Dictionary(uniqueKeysWithValues: keys.filter { !omitting.contains($0) }.map { ($0, $0 * 10) })
        }
    }

    @Test func loadsEveryMissingKeyInOneCall() async throws {
        let cache = Cache<Int, Int>(maxSize: 100)
        cache[1] = 1
        cache[3] = 3
        let loader = RecordingLoader()
        let values = try await cache.values(forKeys: [1, 2, 3, 4, 2]) { loader.load($0) }
        #expect(values == [1: 1, 2: 20, 3: 3, 4: 40])
        #expect(loader.calls.elements == [[2, 4]])
        #expect(cache.get(4) == 40)
        let stats = cache.stats
        #expect(stats.hits == 3 && stats.misses == 2, "each key read once: 2 hits, 2 misses, then get(4)")
        #expect(stats.loadSuccesses == 1)
        #expect(try await cache.values(forKeys: [1, 2]) { loader.load($0) } == [1: 1, 2: 20])
        #expect(loader.calls.elements.count == 1, "nothing missing: no call")
    }

    @Test func keysTheLoaderLeavesOutAreLeftOut() async throws {
        let cache = Cache<Int, Int>(maxSize: 100)
        let values = try await cache.values(forKeys: [1, 2, 3]) { keys in
            [1: 10, 3: 30, 99: 990]  // 2 is unknown; 99 was not asked for
        }
        #expect(values == [1: 10, 3: 30])
        #expect(cache.keys.sorted() == [1, 3])
    }

    @Test func concurrentCallersShareLoadsPerKey() async throws {
        let cache = Cache<Int, Int>(maxSize: 100)
        let gate = LoadingTests.Gate()
        let calls = LockedArray<[Int]>()
        let first = Task {
            try await cache.values(forKeys: [1, 2, 3]) { keys in
                calls.append(keys)
                await gate.wait()
                return Dictionary(uniqueKeysWithValues: keys.map { ($0, $0 * 10) })
            }
        }
        while cache.stats.misses < 3 { await Task.yield() }
        // A single load of 2 and a bulk load of 3 and 4 join the running loads; only 4 is new.
        let single = Task { try await cache.value(forKey: 2) { _ in -1 } }
        let second = Task {
            try await cache.values(forKeys: [3, 4]) { keys in
                calls.append(keys)
                return Dictionary(uniqueKeysWithValues: keys.map { ($0, $0 * 100) })
            }
        }
        // The second call loads 4 at once, then waits for 3 with the first.
        while calls.elements.count < 2 { await Task.yield() }
        gate.open()
        #expect(try await first.value == [1: 10, 2: 20, 3: 30])
        #expect(try await single.value == 20)
        #expect(try await second.value == [3: 30, 4: 400])
        #expect(calls.elements.sorted { $0.count > $1.count } == [[1, 2, 3], [4]])
    }

    @Test func aSingleLoadWaitingForAKeyTheBulkLoaderLeftOutGetsAnError() async throws {
        let cache = Cache<String, Int>(name: "ids", maxSize: 100)
        let gate = LoadingTests.Gate()
        let bulk = Task {
            try await cache.values(forKeys: ["a", "b"]) { _ in
                await gate.wait()
                return ["a": 1]
            }
        }
        while cache.stats.misses < 2 { await Task.yield() }
        let single = Task { try await cache.value(forKey: "b") { _ in 2 } }
        while cache.stats.misses < 3 { await Task.yield() }
        gate.open()
        #expect(try await bulk.value == ["a": 1])
        await #expect(throws: KeyNotLoadedError(cacheName: "ids", key: "b")) { try await single.value }
        #expect(
            KeyNotLoadedError(cacheName: "ids", key: "b").description
                == "cache 'ids': the bulk loader returned no value for key b"
        )
    }

    @Test func aFailureReachesEveryWaiterAndStoresNothing() async {
        let cache = Cache<Int, Int>(maxSize: 100)
        let gate = LoadingTests.Gate()
        let bulk = Task {
            try await cache.values(forKeys: [1, 2]) { (_: [Int]) async throws -> [Int: Int] in
                await gate.wait()
                throw Failure()
            }
        }
        while cache.stats.misses < 2 { await Task.yield() }
        let single = Task { try await cache.value(forKey: 1) { _ in 1 } }
        while cache.stats.misses < 3 { await Task.yield() }
        gate.open()
        await #expect(throws: Failure()) { try await bulk.value }
        await #expect(throws: Failure()) { try await single.value }
        #expect(cache.count == 0)
        #expect(cache.stats.loadFailures == 1)
    }

    @Test func aWriteDuringTheLoadWinsAndCancellingACallerDoesNotCancelTheLoad() async throws {
        let cache = Cache<Int, Int>(maxSize: 100)
        let gate = LoadingTests.Gate()
        let cancelled = Task {
            try await cache.values(forKeys: [1, 2]) { keys in
                await gate.wait()
                return Dictionary(uniqueKeysWithValues: keys.map { ($0, $0 * 10) })
            }
        }
        while cache.stats.misses < 2 { await Task.yield() }
        let waiting = Task { try await cache.value(forKey: 2) { _ in -1 } }
        while cache.stats.misses < 3 { await Task.yield() }
        cancelled.cancel()
        cache[1] = 7
        gate.open()
        #expect(try await waiting.value == 20)
        #expect(cache.get(1) == 7, "the write made while loading stays")
        #expect(cache.get(2) == 20)
    }

    @Test func loadedValuesGetTheTTLTheExpiryFunctionOrTheDefault() async throws {
        let clock = ManualClock()
        let cache = Cache<Int, Int>(
            maxSize: 100,
            defaultTTL: .seconds(60),
            expiry: { key, _ in key == 1 ? .seconds(5) : nil },
            clock: .manual(clock)
        )
        _ = try await cache.values(forKeys: [1, 2]) { keys in Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) }) }
        _ = try await cache.values(forKeys: [3], ttl: .seconds(2)) { _ in [3: 3] }
        #expect(cache.timeToLive(forKey: 1) == .after(.seconds(5)))
        #expect(cache.timeToLive(forKey: 2) == .after(.seconds(60)))
        #expect(cache.timeToLive(forKey: 3) == .after(.seconds(2)))
    }

    @Test func theSynchronousFormLoadsOnceAndKeepsValuesStoredMeanwhile() throws {
        let cache = Cache<Int, Int>(maxSize: 100)
        cache[1] = 1
        let loader = RecordingLoader(omitting: [4])
        let values = cache.getMany([1, 2, 3, 4]) { keys in
            cache[3] = 33  // stored while the load runs: it wins
            return loader.load(keys)
        }
        #expect(values == [1: 1, 2: 20, 3: 33])
        #expect(loader.calls.elements == [[2, 3, 4]])
        #expect(cache.get(3) == 33)
        #expect(cache.stats.loadSuccesses == 1)
        #expect(throws: Failure()) {
            try cache.getMany([5]) { (_: [Int]) throws(Failure) -> [Int: Int] in throw Failure() }
        }
        #expect(cache.contains(5) == false)
        #expect(cache.stats.loadFailures == 1)
    }
}

/// Many tasks bulk-loading overlapping pages: each key is loaded once. Run under the thread
/// sanitizer by `Scripts/tsan.sh`.
@Suite("Bulk loading concurrency")
struct BulkLoadingConcurrencyTests {
    @Test func overlappingPagesLoadEachKeyOnce() async throws {
        let cache = Cache<Int, Int>(maxSize: 10_000)
        let loadedKeys = LockedArray<Int>()
        try await withThrowingTaskGroup(of: [Int: Int].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var all: [Int: Int] = [:]
                    for page in 0..<50 {
                        let keys = Array((page * 10 + task)..<(page * 10 + task + 20))
                        let values = try await cache.values(forKeys: keys) { missing in
                            for key in missing { loadedKeys.append(key) }
                            await Task.yield()
                            return Dictionary(uniqueKeysWithValues: missing.map { ($0, $0 * 3) })
                        }
                        #expect(values.count == keys.count)
                        all.merge(values) { $1 }
                    }
                    return all
                }
            }
            for try await values in group {
                #expect(values.allSatisfy { $0.value == $0.key * 3 })
            }
        }
        let loaded = loadedKeys.elements
        #expect(loaded.count == Set(loaded).count, "no key was loaded twice")
        #expect(Set(loaded) == Set(0..<(49 * 10 + 7 + 20)))
        cache.checkInvariants()
    }
}
