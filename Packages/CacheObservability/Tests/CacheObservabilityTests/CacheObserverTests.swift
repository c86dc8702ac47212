import CacheCore
import CacheManagement
import CacheObservability
import CachePolicies
import InMemoryLogging
import Logging
import MetricsTestKit
import Testing

@Suite("Cache observer")
struct CacheObserverTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "backend down" }
    }

    let metrics = TestMetrics()
    let clock = ManualClock()

    func counter(_ label: String, _ cache: String, cause: RemovalCause? = nil) throws -> Int64 {
        let dimensions = [("cache", cache)] + (cause.map { [("cause", $0.rawValue)] } ?? [])
        return try metrics.expectCounter(label, dimensions).totalValue
    }

    func gauge(_ label: String, _ cache: String) throws -> Double? {
        try metrics.expectGauge(label, [("cache", cache)]).lastValue
    }

    func loadTimes(_ cache: String) throws -> [Int64] {
        try metrics.expectTimer("cache_load_duration", [("cache", cache)]).values
    }

    @Test func countersReportTheStatisticsIncreaseAtEachFlush() throws {
        let cache = Cache<String, Int>(
            name: "users",
            maxSize: 2,
            cost: { _, value in value },
            policy: .lru,
            clock: .manual(clock)
        )
        let observer = CacheObserver(observing: cache, options: .init(metricsFactory: metrics))
        cache.set("a", 1, ttl: .seconds(5))
        cache["b"] = 2
        cache["c"] = 3  // evicts a
        _ = cache["b"]
        _ = cache["a"]
        _ = try? cache.get("d") { _ throws(Failure) in throw Failure() }
        _ = cache.get("e") { $0.count }  // evicts c, used longest ago
        observer.flush()
        #expect(try counter("cache_hits", "users") == 1)
        #expect(try counter("cache_misses", "users") == 3)
        #expect(try counter("cache_loads", "users") == 1)
        #expect(try counter("cache_load_failures", "users") == 1)
        #expect(try counter("cache_evictions", "users", cause: .evicted) == 2)
        #expect(try counter("cache_evictions", "users", cause: .expired) == 0)
        #expect(try gauge("cache_size", "users") == 2)
        #expect(try gauge("cache_cost", "users") == 3)

        cache.set("f", 10, ttl: .seconds(1))  // evicts b
        clock.advance(by: .seconds(1))
        _ = cache["f"]  // expired
        _ = cache["e"]
        observer.flush()
        #expect(try counter("cache_hits", "users") == 2)
        #expect(try counter("cache_misses", "users") == 4)
        #expect(try counter("cache_evictions", "users", cause: .evicted) == 3)
        #expect(try counter("cache_evictions", "users", cause: .expired) == 1)
        #expect(
            try metrics.expectCounter("cache_hits", [("cache", "users")]).values == [1, 1],
            "one increase per flush"
        )
        #expect(try gauge("cache_size", "users") == 1)
        #expect(try gauge("cache_cost", "users") == 1)

        observer.flush()
        #expect(try metrics.expectCounter("cache_hits", [("cache", "users")]).values == [1, 1], "nothing new")
    }

    @Test func aResetStartsTheCountsAgain() throws {
        let cache = Cache<String, Int>(name: "resets", maxSize: 10)
        let observer = CacheObserver(observing: cache, options: .init(metricsFactory: metrics))
        cache["a"] = 1
        for _ in 0..<3 { _ = cache["a"] }
        observer.flush()
        cache.resetStats()
        _ = cache["a"]
        observer.flush()
        #expect(try counter("cache_hits", "resets") == 4)
    }

    @Test func eachLoadIsTimedOnTheCachesClock() async throws {
        let cache = Cache<String, Int>(name: "timed", maxSize: 10, clock: .manual(clock))
        let observer = CacheObserver(observing: cache, options: .init(metricsFactory: metrics))
        let clock = clock
        _ = try await cache.value(forKey: "a") { key in
            clock.advance(by: .milliseconds(250))
            return key.count
        }
        _ = try? cache.get("b") { _ throws(Failure) in
            clock.advance(by: .milliseconds(40))
            throw Failure()
        }
        #expect(try loadTimes("timed") == [250_000_000, 40_000_000])
        observer.flush()
        #expect(try counter("cache_loads", "timed") == 1)
        #expect(try counter("cache_load_failures", "timed") == 1)
    }

    @Test func labelsAndDimensionsFollowTheOptions() throws {
        let cache = Cache<String, Int>(name: "custom", maxSize: 10)
        let options = CacheObserver.Options(
            labelPrefix: "app_cache",
            dimensions: [("region", "eu")],
            metricsFactory: metrics
        )
        let observer = CacheObserver(observing: cache, options: options)
        _ = cache["missing"]
        observer.flush()
        #expect(try metrics.expectCounter("app_cache_misses", [("cache", "custom"), ("region", "eu")]).totalValue == 1)
    }

    @Test func aManagerIsObservedWithTheCachesItGainsAndLoses() throws {
        let manager = CacheManager(caches: [Cache<String, Int>(name: "first", maxSize: 10)])
        let observer = CacheObserver(observing: manager, options: .init(metricsFactory: metrics))
        let first = try manager.cache(named: "first", as: Cache<String, Int>.self)
        first["a"] = 1
        _ = first["a"]
        let second = Cache<Int, String>(name: "second", maxSize: 10, clock: .manual(clock))
        _ = second[1]
        manager.register(second)
        observer.flush()
        #expect(try counter("cache_hits", "first") == 1)
        #expect(try counter("cache_misses", "second") == 1, "a cache registered later, with its earlier counts")

        let clock = clock
        _ = second.get(2) { key in
            clock.advance(by: .milliseconds(5))
            return "\(key)"
        }
        #expect(try loadTimes("second") == [5_000_000], "its loads are timed once a flush found it")

        manager.remove("second")
        observer.flush()
        _ = second.get(3) { "\($0)" }
        #expect(try loadTimes("second") == [5_000_000], "a removed cache is no longer observed")
    }

    @Test func removalsAndLoadFailuresAreLoggedAtTheirLevels() throws {
        let logs = InMemoryLogHandler()
        var logger = Logger(label: "caches") { _ in logs }
        logger.logLevel = .trace
        let options = CacheObserver.Options(
            metricsFactory: metrics,
            logger: logger,
            removalLogLevel: .debug,
            loggedRemovalCauses: [.evicted],
            loadFailureLogLevel: .error
        )
        let cache = Cache<String, Int>(name: "logged", maxSize: 1, policy: .lru, clock: .manual(clock))
        let observer = CacheObserver(observing: cache, options: options)
        cache["a"] = 1
        cache["b"] = 2  // evicts a
        cache.delete("b")  // not a logged cause
        _ = try? cache.get("c") { _ throws(Failure) in throw Failure() }
        #expect(logs.entries.map(\.level) == [.debug, .error])
        #expect(logs.entries.map(\.message.description) == ["cache entry removed", "cache load failed"])
        #expect(logs.entries.first?.metadata == ["cache": "logged", "key": "a", "cause": "evicted"])
        #expect(
            logs.entries.last?.metadata
                == ["cache": "logged", "key": "c", "error": "backend down", "duration": "0.0 seconds"]
        )
        observer.detach()
    }

    @Test func detachingStopsEverything() throws {
        let cache = Cache<String, Int>(name: "detached", maxSize: 10)
        let observer = CacheObserver(observing: cache, options: .init(metricsFactory: metrics))
        _ = cache["a"]
        observer.detach()
        #expect(try counter("cache_misses", "detached") == 1, "detaching flushes one last time")
        _ = cache["a"]
        _ = cache.get("b") { $0.count }
        observer.flush()
        #expect(try counter("cache_misses", "detached") == 1)
        #expect(try loadTimes("detached") == [])
    }

    @Test func runFlushesUntilCancelled() async throws {
        let cache = Cache<String, Int>(name: "running", maxSize: 10)
        let observer = CacheObserver(observing: cache, options: .init(metricsFactory: metrics))
        _ = cache["a"]
        let running = Task { await observer.run(every: .seconds(3_600)) }
        while metrics.counters(label: "cache_misses").first?.totalValue != 1 { await Task.yield() }
        _ = cache["b"]
        running.cancel()
        await running.value
        #expect(try counter("cache_misses", "running") == 2, "the last flush, once cancelled")
    }
}
