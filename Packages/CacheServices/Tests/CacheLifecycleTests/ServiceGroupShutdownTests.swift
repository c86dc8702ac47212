#if ServiceLifecycle
import CacheCore
import CacheLifecycle
import CacheObservability
import CachePolicies
import MetricsTestKit
import ServiceLifecycle
import Testing

/// Runs a service and records its name when its `run()` returns.
struct RecordingService<Wrapped: Service>: Service {
    let name: String
    let wrapped: Wrapped
    let ended: Recorder<String>

    func run() async throws {
        try await wrapped.run()
        ended.append(name)
    }
}

@Suite("Service group shutdown")
struct ServiceGroupShutdownTests {
    @Test func everyServiceEndsInReverseOrderAndNoSleeperIsLeft() async throws {
        let cacheClock = ManualClock()
        let clock = TestClock()
        let users = Cache<String, Int>(name: "users", maxSize: 10, defaultTTL: .seconds(1), clock: .manual(cacheClock))
        let metrics = TestMetrics()
        let observer = CacheObserver(observing: users, options: .init(metricsFactory: metrics, recordsLoadTimes: false))
        let ended = Recorder<String>()
        let group = ServiceGroup(
            services: [
                RecordingService(
                    name: "sweeper",
                    wrapped: CacheExpirySweeper(every: .seconds(1), caches: [users], clock: clock),
                    ended: ended
                ),
                RecordingService(
                    name: "observer",
                    wrapped: observer.service(every: .seconds(5), clock: clock),
                    ended: ended
                ),
            ],
            logger: quietLogger
        )
        try await running(group) { () async throws in
            await clock.waitForSleep(2)  // both services started and sleeping
            users["a"] = 1
            cacheClock.advance(by: .seconds(1))
            clock.advance(by: .seconds(5))  // a sweep round and a flush
            await clock.waitForSleep(4)
            await group.triggerGracefulShutdown()
        }
        #expect(ended.elements == ["observer", "sweeper"])  // the last listed stops first
        #expect(clock.pendingSleepers == 0)
        #expect(users.count == 0)
        #expect(
            try metrics.expectCounter("cache_evictions", [("cache", "users"), ("cause", "expired")]).totalValue == 1
        )
    }
}
#endif
