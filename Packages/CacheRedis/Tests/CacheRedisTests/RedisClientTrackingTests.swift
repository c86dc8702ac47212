#if Redis
import CacheCore
import CacheManagement
import CachePolicies
import CacheRedis
import Testing

/// ``RedisInvalidationMode/clientTracking``: Redis itself reports changes of the namespace's
/// keys, whoever makes them, and each instance drops its in-process copies.
@Suite(
    "Redis client tracking",
    .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped))
)
struct RedisClientTrackingTests {
    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func aWriteByRedisCLIOrADeleteByAnotherClientLeavesEveryInstancesLocalLayer(
        protocolVersion: RedisProtocolVersion
    ) async throws {
        let namespace = RedisTestEnvironment.uniqueNamespace("tracking")
        let configuration = try RedisTestEnvironment.configuration(protocolVersion)
        let database = Database(["k": "from the database"])
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
        #expect(a.subscription.channel == "__redis__:invalidate")

        #expect(try await a.layered.get("k") == "from the database")
        // a's own write to Redis of what it loaded is reported to both instances too.
        try await settle([a, b])
        #expect(!a.local.contains("k"), "a's own write was reported to a")
        #expect(try await a.layered.get("k") == "from the database")
        #expect(try await b.layered.get("k") == "from the database")
        #expect(a.local.contains("k") && b.local.contains("k"))
        #expect(database.loads.all == ["k"])

        a.local.set("bystander", "kept", ttl: nil)
        b.local.set("bystander", "kept", ttl: nil)
        let reply = try await RedisCLI.run("SET", a.store.redisKey(for: "k"), "\"from redis-cli\"", on: configuration)
        #expect(reply == "OK")
        try await eventually("both local copies to go", within: .seconds(5)) {
            !a.local.contains("k") && !b.local.contains("k")
        }
        #expect(try await a.layered.get("k") == "from redis-cli")
        #expect(try await b.layered.get("k") == "from redis-cli")
        #expect(a.local.get("k") == "from redis-cli" && b.local.get("k") == "from redis-cli")
        #expect(a.local.get("bystander") == "kept" && b.local.get("bystander") == "kept", "only k was dropped")

        try await withClient(configuration) { other in
            let deleted = try await other.send(RedisCommand("DEL", a.store.redisKey(for: "k")))
            #expect(deleted.integer == 1)
        }
        try await eventually("both local copies to go after the delete", within: .seconds(5)) {
            !a.local.contains("k") && !b.local.contains("k")
        }
        #expect(try await a.store.get("k") == nil)
        #expect(try await b.layered.get("k") == "from the database")
        #expect(database.loads.all == ["k", "k"])

        // A key outside the namespace is not reported.
        a.local.set("outside", "kept", ttl: nil)
        _ = try await RedisCLI.run("SET", "\(namespace)-other:outside", "1", on: configuration)
        b.local.set("marker", "stale", ttl: nil)
        _ = try await RedisCLI.run("SET", a.store.redisKey(for: "marker"), "\"1\"", on: configuration)
        try await eventually("the marker's report", within: .seconds(5)) { !b.local.contains("marker") }
        #expect(a.local.get("outside") == "kept")

        #expect(a.failures.all.isEmpty && b.failures.all.isEmpty)
        #expect(a.subscription.resubscriptions == 0 && b.subscription.resubscriptions == 0)
        try await a.store.clear()
        _ = try await RedisCLI.run("DEL", "\(namespace)-other:outside", on: configuration)
        await a.close()
        await b.close()
    }

    @Test func aFlushOrALostConnectionEmptiesTheLocalLayerAndTrackingComesBack() async throws {
        try await withOwnServer { server in
            let configuration = server.configuration(.resp2)
            let database = Database(["x": "loaded", "y": "loaded"])
            let a = try await NearCacheInstance(
                "a",
                namespace: "flush",
                configuration: configuration,
                database: database,
                mode: .clientTracking
            )
            try await a.store.set("x", "one")
            try await settle([a])
            a.local.set("x", "one", ttl: nil)
            a.local.set("y", "two", ttl: nil)

            #expect(try await RedisCLI.run("FLUSHDB", on: configuration) == "OK")
            try await eventually("the local layer to empty after FLUSHDB", within: .seconds(5)) { a.local.count == 0 }

            a.local.set("x", "one", ttl: nil)
            let trackers = try await RedisCLI.run("CLIENT", "LIST", on: configuration).split(separator: "\n")
                .filter { $0.contains("flags=tB") }
            #expect(trackers.count == 1, "one tracking connection, in broadcast mode")
            let trackerID = try #require(trackers.first?.split(separator: " ").first?.dropFirst("id=".count))
            #expect(try await RedisCLI.run("CLIENT", "KILL", "ID", String(trackerID), on: configuration) == "1")
            try await eventually("the local layer to empty after the drop", within: .seconds(5)) { a.local.count == 0 }
            try await eventually("tracking to come back", within: .seconds(5)) {
                a.subscription.resubscriptions == 1 && a.subscription.isConnected
            }

            a.local.set("x", "stale", ttl: nil)
            _ = try await RedisCLI.run("SET", a.store.redisKey(for: "x"), "\"fresh\"", on: configuration)
            try await eventually("tracking to report again", within: .seconds(5)) { !a.local.contains("x") }
            #expect(try await a.layered.get("x") == "fresh")
            #expect(a.failures.all.isEmpty)
            await a.close()
        }
    }

    /// Returns once every instance has handled the reports of every write made before the call:
    /// a key only their local layers hold is written in Redis, and reports reach each tracking
    /// connection in the order of the writes.
    private func settle(_ instances: [NearCacheInstance]) async throws {
        for instance in instances { instance.local.set("settle", "marker", ttl: nil) }
        try await instances[0].store.set("settle", "written")
        for instance in instances {
            try await eventually("the reports to settle", within: .seconds(5)) { !instance.local.contains("settle") }
        }
    }
}

/// ``RedisInvalidationMode/clientTracking`` on a cluster that cannot be reached fails with the
/// error of the topology fetch, and leaves nothing open.
@Suite("Redis client tracking configuration")
struct RedisClientTrackingConfigurationTests {
    @Test func clientTrackingOnAnUnreachableClusterThrowsTheTopologyError() async throws {
        let client = try RedisClient(configuration: RedisConfiguration(url: "redis://127.0.0.1:1,127.0.0.1:2"))
        let cache = RedisCache<String, String>(client: client, namespace: "users")
        let layered = LayeredCache<String, String>(name: "users", layers: [.remote(cache)], load: { _ in nil })
        let error = await redisError { try await cache.propagateInvalidations(to: layered, mode: .clientTracking) }
        #expect(error?.kind == .unavailable)
        #expect(error?.command == "CLUSTER SHARDS")
        #expect(error?.message.contains("no node of the cluster (2 tried)") == true, "\(String(describing: error))")
        #expect(client.openConnections == 0)
        await client.close()
    }
}
#endif
