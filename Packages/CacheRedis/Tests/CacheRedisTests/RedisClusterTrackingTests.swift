#if Redis
import CacheCore
import CacheManagement
import CachePolicies
@testable import CacheRedis
import Testing

/// ``RedisInvalidationMode/clientTracking`` on the Redis Cluster of `CACHE_REDIS_CLUSTER_URL`:
/// a tracking connection on every master (and replica, with replica reads), each reporting the
/// writes to its own keys.
@Suite(
    "Redis cluster client tracking",
    .enabled(if: RedisTestEnvironment.hasCluster, Comment(rawValue: RedisTestEnvironment.clusterSkipped))
)
struct RedisClusterTrackingTests {
    @Test(arguments: [false, true])
    func redisCLIWritesOnEveryMasterLeaveBothInstancesLocalLayers(readsFromReplicas: Bool) async throws {
        var configuration = try RedisTestEnvironment.clusterConfiguration()
        configuration.cluster?.readsFromReplicas = readsFromReplicas
        let namespace = RedisTestEnvironment.uniqueNamespace("cluster-tracking")
        let probe = RedisCache<String, String>(
            client: try RedisClient(configuration: configuration),
            namespace: namespace
        )
        let keys = try await keysOnEveryMaster(of: probe)
        await probe.client.close()
        let database = Database(Dictionary(uniqueKeysWithValues: keys.map { ($0.key, "from the database") }))
        let a = try await NearCacheInstance(
            "a",
            namespace: namespace,
            configuration: configuration,
            database: database,
            mode: .clientTracking
        )
        let b = try await NearCacheInstance(
            "b",
            namespace: namespace,
            configuration: configuration,
            database: database,
            mode: .clientTracking
        )
        do {
            let router = try #require(a.client.cluster)
            let topology = try await router.topology()
            let expected = (readsFromReplicas ? topology.nodes : topology.masters).sorted {
                ($0.host, $0.port) < ($1.host, $1.port)
            }
            #expect(topology.masters.count == 3 && topology.nodes.count == 6)
            #expect(a.subscription.trackedNodes == expected, "a tracking connection on each node reads go to")
            #expect(b.subscription.trackedNodes == expected)
            #expect(a.subscription.isConnected && b.subscription.isConnected)
            #expect(a.subscription.channel == "__redis__:invalidate")
            let masterOf = Dictionary(uniqueKeysWithValues: keys.map { ($0.key, $0.master) })
            #expect(Set(masterOf.values).count == 3, "one key on each master")

            for (key, _) in keys { #expect(try await a.layered.get(key) == "from the database") }
            // a's own writes to Redis of what it loaded are reported to both instances too.
            try await settle([a, b], on: keys.map(\.key))
            for (key, _) in keys {
                #expect(!a.local.contains(key), "a's own write of \(key) was reported to a")
                #expect(try await a.layered.get(key) == "from the database")
                #expect(try await b.layered.get(key) == "from the database")
                // With replica reads, a replica's report of a's write may still be on its way
                // (settle waits for the masters' reports and for the replicas to have the writes).
                if !readsFromReplicas { #expect(a.local.contains(key) && b.local.contains(key)) }
            }
            #expect(database.loads.all == keys.map(\.key), "each key loaded once, by a")

            a.local.set("bystander", "kept", ttl: nil)
            b.local.set("bystander", "kept", ttl: nil)
            for (key, _) in keys {
                let reply = try await RedisCLI.run(
                    "-c",
                    "SET",
                    a.store.redisKey(for: key),
                    "\"from redis-cli \(key)\"",
                    on: configuration
                )
                #expect(reply == "OK")
            }
            try await eventually("every key to leave both local layers", within: .seconds(10)) {
                keys.allSatisfy { !a.local.contains($0.key) && !b.local.contains($0.key) }
            }
            #expect(a.local.get("bystander") == "kept" && b.local.get("bystander") == "kept", "only the keys written")
            if readsFromReplicas {
                // The masters' reports may come before the replicas have the writes: once the
                // replicas have them, they have reported them too.
                try await settle([a, b], on: keys.map(\.key))
            }
            for (key, _) in keys {
                #expect(try await a.layered.get(key) == "from redis-cli \(key)")
                #expect(try await b.layered.get(key) == "from redis-cli \(key)")
            }
            #expect(database.loads.all == keys.map(\.key), "nothing loaded again: Redis had the new values")

            if readsFromReplicas {
                let replica = try #require(topology.shards.first?.replicas.first)
                let clients = try await withClient(nodeConfiguration(replica)) { node in
                    try await node.send(RedisCommand("CLIENT", "LIST")).string ?? ""
                }
                let trackers = clients.split(separator: "\n").filter { $0.contains("flags=tB") }
                #expect(trackers.count == 2, "both instances track on the replica \(replica) in broadcast mode")
            }
            #expect(a.failures.all.isEmpty && b.failures.all.isEmpty)
            #expect(a.subscription.resubscriptions == 0 && b.subscription.resubscriptions == 0)
            try await a.store.clear()
            await a.close()
            await b.close()
        } catch {
            await a.close()
            await b.close()
            throw error
        }
    }
}

/// Returns once every instance has handled the reports of every write made before the call: on
/// the master of each of `keys`, a key only their local layers hold is written in Redis, and a
/// master's reports reach each tracking connection in the order of its writes. Each marker is
/// then read through the instances' clients: with replica reads, from the replicas, which then
/// have every write made before the call.
func settle(_ instances: [NearCacheInstance], on keys: [String]) async throws {
    let markers = try await keys.asyncMap { key in
        try await sameSlotMarker(of: key, in: instances[0].store)
    }
    for instance in instances {
        for marker in markers { instance.local.set(marker, "marker", ttl: nil) }
    }
    for marker in markers { try await instances[0].store.set(marker, "written") }
    for instance in instances {
        try await eventually("the reports to settle", within: .seconds(10)) {
            markers.allSatisfy { !instance.local.contains($0) }
        }
        for marker in markers {
            try await eventually("the replicas to have the marker", within: .seconds(10)) {
                try await instance.store.get(marker) == "written"
            }
        }
    }
}

/// A key of the cache whose Redis key is in the same slot as `key`'s (`settle:<key>` with a hash
/// tag would change the key's own slot, so it is searched).
private func sameSlotMarker(of key: String, in cache: RedisCache<String, String>) async throws -> String {
    let slot = RedisHashSlot.of(cache.redisKey(for: key))
    for index in 0..<100_000 {
        let marker = "settle-\(index)"
        if RedisHashSlot.of(cache.redisKey(for: marker)) == slot { return marker }
    }
    throw RedisTestServer.ScriptError(message: "no marker key in slot \(slot)")
}

/// A key of `cache` on each master of its cluster, with that master.
func keysOnEveryMaster(
    of cache: RedisCache<String, String>
) async throws -> [(key: String, master: RedisServerAddress)] {
    let router = try #require(cache.client.cluster)
    let masters = try await router.topology().masters
    var found: [(key: String, master: RedisServerAddress)] = []
    for index in 0..<10_000 where found.count < masters.count {
        let key = "k\(index)"
        let master = try #require(try await router.master(ofSlot: RedisHashSlot.of(cache.redisKey(for: key))))
        if !found.contains(where: { $0.master == master }) { found.append((key, master)) }
    }
    return found
}

extension Sequence {
    /// The results of `transform` on each element, in order, one at a time.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
#endif
