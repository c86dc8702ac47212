import CacheCore
@_spi(Testing) import CachePolicies
import Synchronization
import Testing
import _CacheTestSupport

/// Refresh-after-write: stale entries are served at once and reloaded in the background. Every
/// reload runs in a task of its own, so these tests run under the thread sanitizer too.
@Suite("Refresh-after-write (concurrency)")
struct RefreshConcurrencyTests {
    struct Failure: Error, Equatable {}

    /// A loader whose runs each wait until the test releases them, then return what `result`
    /// makes of the key and the run's number (1 for the first run to start), or throw.
    final class ScriptedLoader: Sendable {
        private let state = Mutex<(keys: [String], gates: [Int: LoadingTests.Gate])>(([], [:]))
        private let result: @Sendable (String, Int) throws -> Int

        init(result: @escaping @Sendable (String, Int) throws -> Int = { _, run in 100 + run }) {
            self.result = result
        }

        /// The keys of the runs so far, in the order they started.
        var runs: [String] { state.withAnnotatedLock { $0.keys } }

        /// Lets run `run` finish (now, or when it starts).
        func release(_ run: Int) {
            gate(for: run).open()
        }

        /// Lets runs 1 through `count` finish.
        func release(upTo count: Int) {
            for run in 1...count { release(run) }
        }

        private func gate(for run: Int) -> LoadingTests.Gate {
            state.withAnnotatedLock { state in
                if let gate = state.gates[run] { return gate }
                let gate = LoadingTests.Gate()
                state.gates[run] = gate
                return gate
            }
        }

        @Sendable
        func load(_ key: String) async throws -> Int {
            let run = state.withAnnotatedLock { state in
                state.keys.append(key)
                return state.keys.count
            }
            await gate(for: run).wait()
            return try result(key, run)
        }
    }

    let clock = ManualClock()

    func makeCache(
        _ loader: ScriptedLoader,
        ttl: TimeToLive? = nil,
        refreshAfter: Duration? = .seconds(10)
    ) -> Cache<String, Int> {
        Cache(
            name: "refreshing",
            maxSize: 100,
            defaultTTL: ttl,
            clock: .manual(clock),
            refreshAfter: refreshAfter,
            load: loader.load
        )
    }

    @Test func aStaleEntryIsServedAtOnceWhileOneReloadRuns() async throws {
        let loader = ScriptedLoader()
        let cache = makeCache(loader)
        cache["k"] = 1
        clock.advance(by: .seconds(9))
        #expect(cache["k"] == 1)
        #expect(cache.keysBeingReloaded == [], "younger than refreshAfter: no reload")

        clock.advance(by: .seconds(1))
        #expect(cache["k"] == 1, "due: the old value, at once")
        #expect(cache.keysBeingReloaded == ["k"])
        #expect(cache["k"] == 1, "still the old value while the reload runs")
        let reload = cache.refresh("k")
        #expect(cache.refresh("k") == reload, "refresh joins the reload that runs")

        loader.release(1)
        #expect(try await reload.value == 101)
        #expect(loader.runs == ["k"])
        #expect(cache.keysBeingReloaded == [])
        #expect(cache["k"] == 101)
        #expect(cache.stats.loadSuccesses == 1)
        #expect(cache.stats.hits == 4)

        clock.advance(by: .seconds(9))
        #expect(cache["k"] == 101)
        #expect(cache.keysBeingReloaded == [], "the reload reset the entry's age")
        clock.advance(by: .seconds(1))
        #expect(cache["k"] == 101)
        #expect(cache.keysBeingReloaded == ["k"])
        let second = cache.refresh("k")
        loader.release(2)
        #expect(try await second.value == 102)
        #expect(cache["k"] == 102)
    }

    @Test func oneReloadUnderAHundredConcurrentReads() async throws {
        let loader = ScriptedLoader()
        let cache = makeCache(loader)
        cache["hot"] = 1
        clock.advance(by: .seconds(10))
        let values = await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<100 { group.addTask { cache["hot"] } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 100), "every read gets the old value at once")
        #expect(cache.keysBeingReloaded == ["hot"])
        let reload = cache.refresh("hot")
        loader.release(1)
        #expect(try await reload.value == 101)
        #expect(loader.runs == ["hot"], "one reload for 100 stale reads")
        #expect(cache["hot"] == 101)
        let stats = cache.stats
        #expect(stats.hits == 101)
        #expect(stats.loadSuccesses == 1)
        #expect(stats.loadFailures == 0)
    }

    @Test func aFailedReloadKeepsTheOldValueCountsAndIsReported() async throws {
        let loader = ScriptedLoader { _, _ in throw Failure() }
        let cache = makeCache(loader, ttl: .seconds(30))
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache, kinds: [.load, .loadFailure, .removal])
        cache["k"] = 1
        clock.advance(by: .seconds(10))
        #expect(cache["k"] == 1)
        let reload = cache.refresh("k")
        loader.release(1)
        await #expect(throws: Failure.self) { try await reload.value }

        #expect(cache.stats.loadFailures == 1)
        #expect(cache.stats.loadSuccesses == 0)
        #expect(recorder.take() == [.loadFailure(key: "k", error: Failure(), duration: .zero)])
        #expect(cache.keysBeingReloaded == [])
        #expect(cache.contains("k"), "the old value stays")
        #expect(cache.timeToLive(forKey: "k") == .after(.seconds(20)), "with its own deadline")

        clock.advance(by: .seconds(20))
        #expect(cache["k"] == nil, "until it expires")
        #expect(recorder.take() == [.removal(key: "k", value: 1, cause: .expired)])
    }

    @Test func aSuccessfulReloadIsReportedAndReplacesTheValue() async throws {
        let loader = ScriptedLoader()
        let cache = makeCache(loader, ttl: .seconds(30))
        let recorder = EventRecorder<String, Int>()
        cache["k"] = 1
        recorder.attach(to: cache, kinds: [.load, .set, .removal])
        clock.advance(by: .seconds(10))
        _ = cache["k"]
        let reload = cache.refresh("k")
        clock.advance(by: .milliseconds(250))
        loader.release(1)
        #expect(try await reload.value == 101)
        #expect(
            recorder.take() == [
                .load(key: "k", duration: .milliseconds(250)),
                .removal(key: "k", value: 1, cause: .replaced),
                .set(key: "k", value: 101, oldValue: 1),
            ]
        )
        #expect(cache.timeToLive(forKey: "k") == .after(.seconds(30)), "the reloaded value gets the default TTL")
        #expect(cache.stats.totalLoadTime == .milliseconds(250))
    }

    @Test func expiryWinsOverRefresh() async throws {
        let loader = ScriptedLoader()
        let cache = makeCache(loader, ttl: .seconds(15))
        cache["gone"] = 1
        clock.advance(by: .seconds(15))
        #expect(cache["gone"] == nil, "an expired entry is not served, even with a loader")
        #expect(cache.keysBeingReloaded == [])

        cache["k"] = 1
        clock.advance(by: .seconds(10))
        #expect(cache["k"] == 1)
        let reload = cache.refresh("k")
        clock.advance(by: .seconds(5))
        #expect(cache["k"] == nil, "the entry expires while its reload runs")
        loader.release(1)
        #expect(try await reload.value == 101)
        #expect(cache.contains("k") == false, "and the reload does not bring it back")
        #expect(cache.stats.loadSuccesses == 1)
        #expect(loader.runs == ["k"])
    }

    @Test func aWriteOrDeleteDuringAReloadWins() async throws {
        let loader = ScriptedLoader()
        let cache = makeCache(loader)
        cache["written"] = 1
        cache["deleted"] = 1
        clock.advance(by: .seconds(10))
        #expect(cache.getMany(.keys(["written", "deleted"])) == ["written": 1, "deleted": 1])
        #expect(Set(cache.keysBeingReloaded) == ["written", "deleted"])
        let reloads = cache.refreshAll(.keys(["written", "deleted"]))
        cache["written"] = 5
        cache.delete("deleted")
        #expect(cache.keysBeingReloaded == [], "the write and the delete cancel the reloads' stores")
        loader.release(upTo: 2)
        #expect(try await reloads["written"]?.value ?? 0 > 100)
        #expect(try await reloads["deleted"]?.value ?? 0 > 100)
        #expect(cache["written"] == 5)
        #expect(cache.contains("deleted") == false)
        #expect(cache.stats.loadSuccesses == 2)
    }

    @Test func refreshReloadsAFreshEntryOrLoadsAMissingOne() async throws {
        let loader = ScriptedLoader()
        let cache = makeCache(loader, refreshAfter: nil)
        #expect(cache.refreshAfter == nil)
        cache["fresh"] = 1
        let reload = cache.refresh("fresh")
        let load = cache.refresh("missing")
        #expect(cache["fresh"] == 1, "the old value until the reload finishes")
        #expect(cache.keysBeingReloaded == ["fresh"])
        let waiter = Task { try await cache.value(forKey: "missing") }
        loader.release(upTo: 2)
        let reloaded = try await reload.value
        let loaded = try await load.value
        #expect(try await waiter.value == loaded, "a miss joins the load refresh started")
        #expect(Set([reloaded, loaded]) == [101, 102])
        #expect(cache["fresh"] == reloaded)
        #expect(cache["missing"] == loaded)
        #expect(loader.runs.sorted() == ["fresh", "missing"])
    }

    @Test func refreshAllReloadsTheKeysAFilterSelects() async throws {
        let loader = ScriptedLoader { key, _ in key.count * 10 }
        let cache = makeCache(loader)
        cache["a1"] = 1
        cache["a22"] = 2
        cache["b1"] = 3
        let byPattern = cache.refreshAll(.where { $0.hasPrefix("a") })
        #expect(Set(byPattern.keys) == ["a1", "a22"])
        let byList = cache.refreshAll(.keys(["a1", "new"]))
        #expect(byList["a1"] == byPattern["a1"], "a reload that runs is joined, not repeated")
        loader.release(upTo: 3)
        for (_, task) in byPattern.merging(byList, uniquingKeysWith: { first, _ in first }) {
            _ = try await task.value
        }
        #expect(cache.items.sorted { $0.key < $1.key }.map(\.value) == [20, 30, 3, 30])
        #expect(loader.runs.sorted() == ["a1", "a22", "new"])
        #expect(cache.refreshAll(.where { $0.hasPrefix("zz") }).isEmpty)
    }

    @Test func aSynchronousLoaderWorksToo() async throws {
        let cache = Cache<String, Int>(maxSize: 10, clock: .manual(clock), refreshAfter: .seconds(1)) { $0.count }
        #expect(try await cache.value(forKey: "four") == 4)
        cache["four"] = 0
        clock.advance(by: .seconds(1))
        #expect(cache["four"] == 0)
        #expect(try await cache.refresh("four").value == 4)
        #expect(cache["four"] == 4)
    }
}
