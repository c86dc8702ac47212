#if Redis
import CacheCore
import CacheManagement
import CachePolicies
import CacheRedis
import Synchronization
import Testing

/// The system of record behind the layered caches: counts its loads.
final class Database: Sendable {
    private let values: Mutex<[String: String]>
    let loads = Recorder<String>()

    init(_ values: [String: String]) { self.values = Mutex(values) }

    func load(_ key: String) -> String? {
        loads.append(key)
        return values.withAnnotatedLock { $0[key] }
    }
}

/// One application instance: its own Redis client, an in-process `Cache` over a `RedisCache`
/// in a `LayeredCache`, with the loader at the bottom, and its invalidation subscription.
struct NearCacheInstance: Sendable {
    let client: RedisClient
    let store: RedisCache<String, String>
    let local: Cache<String, String>
    let layered: LayeredCache<String, String>
    let subscription: RedisSubscription
    let failures = Recorder<LayerFailure<String>>()

    init(
        _ name: String,
        namespace: String,
        configuration: RedisConfiguration,
        database: Database,
        mode: RedisInvalidationMode = .publishSubscribe
    ) async throws {
        client = try RedisClient(configuration: configuration)
        store = RedisCache(client: client, namespace: namespace)
        local = Cache(name: "\(name).local", maxSize: 1_000)
        layered = LayeredCache(
            name: name,
            layers: [.local(local, ttl: .seconds(60)), .remote(store, ttl: .minutes(10))],
            load: { key in database.load(key) }
        )
        let failures = failures
        layered.addListener { event in
            if case .layerFailed(let failure) = event { failures.append(failure) }
        }
        subscription = try await store.propagateInvalidations(to: layered, mode: mode)
    }

    /// Returns once this instance has handled every invalidation published before the call:
    /// `other` (another instance) announces a delete of a key only this instance's local layer
    /// holds, and messages reach a subscriber in the order they were published.
    func settle(after other: NearCacheInstance) async throws {
        local.set("settle", "marker", ttl: nil)
        try await other.store.delete("settle")
        try await eventually("the invalidations to settle") { !local.contains("settle") }
    }

    func close() async {
        await subscription.cancel()
        await client.close()
    }
}

/// Waits until `condition` holds, checking every 2 ms, for at most `limit`; records an issue
/// when it never does. For what crosses the network (pub/sub deliveries, reconnections), whose
/// timing no clock of the test controls.
func eventually(
    _ what: String,
    within limit: Duration = .seconds(30),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out after \(limit) waiting for \(what)", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(2))
    }
}
#endif
