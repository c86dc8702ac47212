#if ServiceLifecycle
import CacheCore
import CacheLifecycle
import CacheObservability
import CachePolicies
import MetricsTestKit
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@Suite("Observer service")
struct CacheObserverServiceTests {
    let metrics = TestMetrics()
    let clock = TestClock()

    func hits() throws -> Int64 {
        try metrics.expectCounter("cache_hits", [("cache", "users")]).totalValue
    }

    @Test func flushesAtTheStartEveryIntervalAndOnceMoreAtShutdown() async throws {
        let users = Cache<String, Int>(name: "users", maxSize: 10, policy: .lru)
        users["a"] = 1
        _ = users["a"]
        let observer = CacheObserver(observing: users, options: .init(metricsFactory: metrics, recordsLoadTimes: false))
        let group = ServiceGroup(services: [observer.service(every: .seconds(10), clock: clock)], logger: quietLogger)

        try await running(group) { () async throws in
            await clock.waitForSleep(1)
            #expect(try hits() == 1)  // the flush at the start

            for _ in 0..<3 { _ = users["a"] }
            #expect(try hits() == 1)  // nothing reported between flushes
            clock.advance(by: .seconds(10))
            await clock.waitForSleep(2)
            #expect(try hits() == 4)

            for _ in 0..<2 { _ = users["a"] }
            await group.triggerGracefulShutdown()
        }
        #expect(try hits() == 6)  // the last flush, at shutdown
        #expect(clock.pendingSleepers == 0)
        _ = users["a"]
        observer.flush()
        #expect(try hits() == 6)  // detached: later flushes report nothing
    }

    @Test func keepsTheObserverAttachedWhenAsked() async throws {
        let users = Cache<String, Int>(name: "users", maxSize: 10, policy: .lru)
        let observer = CacheObserver(observing: users, options: .init(metricsFactory: metrics, recordsLoadTimes: false))
        let service = observer.service(every: .seconds(10), clock: clock, detachesOnShutdown: false)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await service.run() }
                await clock.waitForSleep(1)
                trigger.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        users["a"] = 1
        _ = users["a"]
        observer.flush()
        #expect(try hits() == 1)
    }
}
#endif
