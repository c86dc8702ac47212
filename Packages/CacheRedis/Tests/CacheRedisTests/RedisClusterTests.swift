#if Redis
import CacheCore
import CacheManagement
import CachePolicies
@testable import CacheRedis
import NIOCore
import Synchronization
import Testing

/// The client and `RedisCache` against the Redis Cluster of `CACHE_REDIS_CLUSTER_URL`.
@Suite(
    "Redis cluster",
    .enabled(if: RedisTestEnvironment.hasCluster, Comment(rawValue: RedisTestEnvironment.clusterSkipped))
)
struct RedisClusterTests {
    @Test func everyKeyLivesOnTheMasterOfItsSlotAndNowhereElse() async throws {
        try await withClient(try RedisTestEnvironment.clusterConfiguration()) { client in
            #expect(client.isCluster)
            let namespace = RedisTestEnvironment.uniqueNamespace("route")
            let keys = (0..<60).map { "\(namespace):\($0)" }
            let sets = try await client.pipeline(keys.map { RedisCommand("SET", $0, "v-\($0)") })
            #expect(sets == Array(repeating: .simpleString("OK"), count: keys.count))
            let router = try #require(client.cluster)
            let masters = try await router.masterPools().map(\.configuration)
            #expect(masters.count == 3)
            for key in keys.prefix(12) {
                let slot = try await client.send(RedisCommand("CLUSTER", "KEYSLOT", key)).integer
                #expect(slot.map(Int.init) == RedisHashSlot.of(key), "the server's slot of \(key)")
                var holders: [Int] = []
                for master in masters {
                    try await withClient(nodeConfiguration(RedisServerAddress(host: master.host, port: master.port))) {
                        node in
                        if (try? await node.send(RedisCommand("GET", key)))?.string == "v-\(key)" {
                            holders.append(master.port)
                        }
                    }
                }
                let owner = try #require(try await router.master(ofSlot: RedisHashSlot.of(key)))
                #expect(holders == [owner.port], "\(key) only on the master of slot \(RedisHashSlot.of(key))")
            }
            let values = try await client.pipeline(keys.map { RedisCommand("GET", $0) })
            #expect(values.map(\.string) == keys.map { "v-\($0)" }, "pipelined replies in the commands' order")
            #expect(router.movedRedirects.load(ordering: .relaxed) == 0, "no command went to the wrong node")
            _ = try await client.pipeline(keys.map { RedisCommand("UNLINK", $0) })
        }
    }

    @Test func aRedisCacheWorksUnchangedOnACluster() async throws {
        try await withClient(try RedisTestEnvironment.clusterConfiguration()) { client in
            let cache = RedisCache<String, Int>(
                client: client,
                namespace: RedisTestEnvironment.uniqueNamespace("cache")
            )
            let items = (0..<300).map { (key: "k\($0)", value: $0) }
            try await cache.setMany(items, ttl: .minutes(5))
            #expect(try await cache.count() == 300, "counted on every master")
            let asked = ["k7", "missing", "k250", "k7", "k0", "k299"]
            #expect(try await cache.getMany(.keys(asked)) == ["k7": 7, "k250": 250, "k0": 0, "k299": 299])
            #expect(
                try await cache.keys(matching: .keys(asked)) == ["k7", "k250", "k0", "k299"],
                "in the caller's order"
            )
            let all = try await cache.getMany(.keys(items.map(\.key)))
            #expect(all == Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0.value) }), "MGET split by slot")
            #expect(try await cache.get("k42") == 42)
            #expect(try await cache.add("k42", 0, ttl: nil) == false)
            #expect(try await cache.delete("k42"))
            #expect(try await cache.deleteMany(.glob("k1?")) == 10, "k10…k19, found on every master")
            #expect(try await cache.deleteMany(.keys(["k2", "k3", "missing"])) == 2)
            #expect(try await cache.count() == 300 - 13)
            let remaining = try await cache.timeToLive(forKey: "k299")
            #expect(remaining.flatMap(\.duration).map { $0 > .seconds(200) } == true)
            try await cache.clear()
            #expect(try await cache.count() == 0)
            #expect(try await cache.get("k299") == nil)
        }
    }

    @Test func nearCachesInvalidateEachOtherOnAClusterWhoseFirstSeedIsDown() async throws {
        var configuration = try RedisTestEnvironment.clusterConfiguration()
        let seeds = configuration.cluster?.seeds ?? []
        configuration.cluster?.seeds = [RedisServerAddress(host: "127.0.0.1", port: 1)] + seeds
        let namespace = RedisTestEnvironment.uniqueNamespace("near")
        let database = Database([:])
        let a = try await NearCacheInstance("a", namespace: namespace, configuration: configuration, database: database)
        let b = try await NearCacheInstance("b", namespace: namespace, configuration: configuration, database: database)
        do {
            for index in 0..<10 { try await a.layered.set("k\(index)", "old") }
            try await b.settle(after: a)
            for index in 0..<10 { #expect(try await b.layered.get("k\(index)") == "old") }
            #expect(b.local.contains("k3"), "b keeps its own copy")
            for index in 0..<10 { try await a.layered.set("k\(index)", "new") }
            try await eventually("b to drop its copies") { (0..<10).allSatisfy { !b.local.contains("k\($0)") } }
            for index in 0..<10 { #expect(try await b.layered.get("k\(index)") == "new") }
            await a.close()
            await b.close()
        } catch {
            await a.close()
            await b.close()
            throw error
        }
    }

    @Test func replicasServeReadsAfterAWriteReplicatedWithWAIT() async throws {
        var configuration = try RedisTestEnvironment.clusterConfiguration()
        configuration.cluster?.readsFromReplicas = true
        try await withClient(configuration) { client in
            let keys = (0..<20).map { "\(RedisTestEnvironment.uniqueNamespace("replica")):\($0)" }
            for key in keys {
                let replies = try await client.pipeline([
                    RedisCommand("SET", key, "v"), RedisCommand("WAIT", "1", "5000"),
                ])
                #expect(replies[0] == .simpleString("OK"))
                #expect((replies[1].integer ?? 0) >= 1, "one replica acknowledged \(key)")
            }
            let values = try await client.pipeline(keys.map { RedisCommand("GET", $0) })
            #expect(values.map(\.string) == Array(repeating: "v", count: keys.count))
            let router = try #require(client.cluster)
            #expect(router.movedRedirects.load(ordering: .relaxed) == 0, "replicas answered (READONLY), no MOVED")
            let roles = try await withClient(nodeConfiguration(try #require(configuration.cluster?.seeds.first))) {
                node in
                try await node.send(RedisCommand("CLUSTER", "NODES")).string ?? ""
            }
            #expect(roles.split(separator: "\n").count { $0.contains("slave") } == 3)
            _ = try await client.pipeline(keys.map { RedisCommand("UNLINK", $0) })
        }
    }
}
#endif
