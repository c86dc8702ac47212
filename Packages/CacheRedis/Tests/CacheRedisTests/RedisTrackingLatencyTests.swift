#if Redis
import CacheCore
@testable import CacheRedis
import Foundation
import Synchronization
import Testing

/// How long a write takes to reach a client-tracking subscription, on the server of
/// `CACHE_REDIS_URL` and the cluster of `CACHE_REDIS_CLUSTER_URL`: the figure of Docs/REDIS.md.
/// A measurement, not a check of the code, so it runs only when asked:
///
///     CACHE_REDIS_MEASURE_TRACKING=1 swift test --filter RedisTrackingLatencyTests
///
/// Another client sends `SET` 200 times per round (a new key each time, keys spread over the
/// masters), 3 rounds; it prints, per round, the median time from sending the `SET` to the
/// subscription's handler receiving the key, next to the median of the `SET`'s own round trip.
@Suite(
    "Redis tracking latency (measurement)",
    .enabled(
        if: ProcessInfo.processInfo.environment["CACHE_REDIS_MEASURE_TRACKING"] != nil,
        "set CACHE_REDIS_MEASURE_TRACKING=1 (and CACHE_REDIS_URL, CACHE_REDIS_CLUSTER_URL) to measure"
    ),
    .serialized
)
struct RedisTrackingLatencyTests {
    @Test(arguments: ["cluster", "single server"])
    func invalidationLatency(on kind: String) async throws {
        let configuration =
            kind == "cluster"
            ? try RedisTestEnvironment.clusterConfiguration() : try RedisTestEnvironment.configuration()
        let client = try RedisClient(configuration: configuration)
        let writer = try RedisClient(configuration: configuration)
        let cache = RedisCache<String, String>(
            client: client,
            namespace: RedisTestEnvironment.uniqueNamespace("latency")
        )
        let reported = Mutex<[String: ContinuousClock.Instant]>([:])
        let subscription = try await cache.trackInvalidations { invalidation in
            guard case .keys(let keys) = invalidation else { return }
            let now = ContinuousClock.now
            reported.withLock { reported in
                for key in keys where reported[key] == nil { reported[key] = now }
            }
        }
        for round in 0..<3 {
            var pushes: [Duration] = []
            var replies: [Duration] = []
            for index in 0..<200 {
                let key = "\(round)-\(index)"
                let start = ContinuousClock.now
                _ = try await writer.send(RedisCommand("SET", cache.redisKey(for: key), "\"v\""))
                replies.append(ContinuousClock.now - start)
                let deadline = start + .seconds(5)
                var arrival = reported.withLock { $0[key] }
                while arrival == nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .microseconds(20))
                    arrival = reported.withLock { $0[key] }
                }
                let pushed = try #require(arrival, "the report of \(key) within 5 s")
                pushes.append(pushed - start)
            }
            pushes.sort()
            replies.sort()
            print(
                "\(kind), round \(round + 1): SET to report: median \(pushes[100]), 90th percentile \(pushes[180]); SET round trip: median \(replies[100])"
            )
        }
        await subscription.cancel()
        try await cache.clear()
        await client.close()
        await writer.close()
    }
}
#endif
