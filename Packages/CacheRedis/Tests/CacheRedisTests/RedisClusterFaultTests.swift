#if Redis
import CacheCore
import CacheManagement
import CachePolicies
@testable import CacheRedis
import NIOCore
import Synchronization
import Testing

/// A Redis Cluster losing a master and moving a slot while clients use it, on clusters the tests
/// start themselves (`Scripts/redis-cluster.sh`: 3 masters, 3 replicas, cluster-node-timeout
/// 1000 ms), so the shared one is left alone. One at a time: each runs six servers, and together
/// they would starve the other suites' deadlines on a small machine.
@Suite(
    "Redis cluster faults",
    .enabled(if: RedisTestEnvironment.hasCluster, Comment(rawValue: RedisTestEnvironment.clusterSkipped)),
    .serialized
)
struct RedisClusterFaultTests {
    /// A master killed under pub/sub near caches, then, on the same cluster (each cluster of a
    /// test's own costs seconds to start and stop), client tracking through a second master's
    /// death and a master that joins.
    @Test func killedMastersAreReplacedAndTheClientsAndTheirTrackingFollowWithoutARestart() async throws {
        try await withOwnCluster { cluster in
            let configuration = try cluster.configuration()
            let database = Database([:])
            let a = try await NearCacheInstance(
                "a",
                namespace: "fail",
                configuration: configuration,
                database: database
            )
            let b = try await NearCacheInstance(
                "b",
                namespace: "fail",
                configuration: configuration,
                database: database
            )
            defer {
                Task {
                    await a.close()
                    await b.close()
                }
            }
            let keys = (0..<30).map { "k\($0)" }
            for key in keys { try await a.layered.set(key, "v-\(key)") }
            try await b.settle(after: a)
            for key in keys { #expect(try await b.layered.get(key) == "v-\(key)") }

            // The victim is the first seed, a master, where both instances' subscriptions are.
            let router = try #require(a.client.cluster)
            let victim = try #require(configuration.cluster?.seeds.first)
            let masters = try await router.masterPools().map(\.configuration.port)
            #expect(masters.contains(victim.port), "redis-cli --cluster create makes the first nodes masters")
            var durableName = ""
            for index in 0..<10_000 where durableName.isEmpty {
                let slot = RedisHashSlot.of(a.store.redisKey(for: "durable\(index)"))
                if try await router.master(ofSlot: slot) == victim { durableName = "durable\(index)" }
            }
            let durable = a.store.redisKey(for: durableName)
            let slot = RedisHashSlot.of(durable)

            // The promise: a write that WAIT reports on a replica survives its master's death.
            let replies = try await a.client.pipeline([
                RedisCommand("SET", durable, "\"kept\""), RedisCommand("WAIT", "1", "5000"),
            ])
            #expect(replies[0] == .simpleString("OK"))
            #expect((replies[1].integer ?? 0) >= 1, "a replica acknowledged the write")
            var onVictim: [String] = []
            for key in keys
            where try await router.master(ofSlot: RedisHashSlot.of(a.store.redisKey(for: key))) == victim {
                onVictim.append(key)
            }
            #expect(!onVictim.isEmpty)

            try await cluster.kill(port: victim.port)
            let clock = ContinuousClock()
            let start = clock.now
            for key in onVictim {
                #expect(try await b.layered.get(key) == "v-\(key)", "served by b's in-process layer")
            }
            #expect(b.failures.all.isEmpty, "no read went to Redis: \(b.failures.all.prefix(3))")
            #expect(clock.now - start < .seconds(5), "without waiting for the failover")

            try await eventually("the replica to take over the slots", within: .seconds(30)) {
                (try? await a.store.get(durableName)) == "kept"
            }
            let promoted = try #require(try await router.master(ofSlot: slot))
            #expect(promoted != victim, "the slot has a new master")
            for key in onVictim {
                #expect(try await a.store.get(key) == "v-\(key)", "written long before the kill, so replicated")
            }
            try await a.layered.set(onVictim[0], "after")
            try await eventually("b's subscription to move to another node") { b.subscription.resubscriptions >= 1 }
            try await eventually("b to drop its copy") { !b.local.contains(onVictim[0]) }
            #expect(try await b.layered.get(onVictim[0]) == "after", "the same clients, no restart")

            try await clientTrackingFollowsAFailoverAndAMasterThatJoins(cluster, configuration, deadNode: victim)
        }
    }

    @Test func slotsMovedUnderTrafficAreFollowedThroughASKThenMOVED() async throws {
        try await withOwnCluster { cluster in
            try await withClient(try cluster.configuration()) { client in
                let router = try #require(client.cluster)
                let slot = RedisHashSlot.of("moving")
                let keys = (0..<40).map { "{moving}:\($0)" }
                _ = try await client.pipeline(keys.map { RedisCommand("SET", $0, "v-\($0)") })
                let source = try #require(try await router.master(ofSlot: slot))
                let masters = try await router.masterPools().map {
                    RedisServerAddress(host: $0.configuration.host, port: $0.configuration.port)
                }
                let target = try #require(masters.first { $0 != source })
                let sourceID = try #require(try await onNode(source, RedisCommand("CLUSTER", "MYID")).string)
                let targetID = try #require(try await onNode(target, RedisCommand("CLUSTER", "MYID")).string)

                let stop = StopFlag()
                async let traffic = readAndWrite(keys, through: client, until: stop)

                let slotText = String(slot)
                _ = try await onNode(target, RedisCommand("CLUSTER", "SETSLOT", slotText, "IMPORTING", sourceID))
                _ = try await onNode(source, RedisCommand("CLUSTER", "SETSLOT", slotText, "MIGRATING", targetID))
                try await migrate(keys[0..<20], from: source, to: target)
                #expect(try await client.send(RedisCommand("GET", keys[0])).string == "v-\(keys[0])", "via ASK")
                #expect(try await client.send(RedisCommand("SET", "{moving}:new", "fresh")) == .simpleString("OK"))
                #expect(router.askRedirects.load(ordering: .relaxed) >= 2, "the migrated key and the new one")
                #expect(try await onNode(target, RedisCommand("ASKING")) == .simpleString("OK"))
                try await migrate(keys[20..<40], from: source, to: target)
                for master in [target, source] + masters.filter({ $0 != source && $0 != target }) {
                    _ = try await onNode(master, RedisCommand("CLUSTER", "SETSLOT", slotText, "NODE", targetID))
                }
                let values = try await client.pipeline(keys.map { RedisCommand("GET", $0) })
                #expect(values.map(\.string) == keys.map { "v-\($0)" }, "every key, from its new master")
                #expect(try await client.send(RedisCommand("GET", "{moving}:new")).string == "fresh")
                #expect(router.movedRedirects.load(ordering: .relaxed) >= 1, "the stale slot map was corrected")
                try await eventually("the topology to show the move") {
                    (try? await router.master(ofSlot: slot)) == target
                }
                try await Task.sleep(for: .milliseconds(200))
                stop.raise()
                let (operations, wrong) = await traffic
                #expect(operations > 50, "traffic ran during the move")
                #expect(wrong.isEmpty, "no read or write failed or read a wrong value: \(wrong.prefix(5))")

                // The same with redis-cli --cluster reshard: 300 slots, with their keys, under traffic.
                let spread = (0..<2_000).map { "spread:\($0)" }
                _ = try await client.pipeline(spread.map { RedisCommand("SET", $0, "v-\($0)") })
                let movedBefore = router.movedRedirects.load(ordering: .relaxed)
                let resharding = StopFlag()
                async let resharded = readAndWrite(spread, through: client, until: resharding)
                try await cluster.reshard(from: target.port, to: source.port, count: 300)
                let spreadValues = try await client.pipeline(spread.map { RedisCommand("GET", $0) })
                resharding.raise()
                let (reshardOperations, reshardWrong) = await resharded
                #expect(spreadValues.map(\.string) == spread.map { "v-\($0)" }, "every key after the reshard")
                #expect(reshardOperations > 50, "traffic ran during the reshard")
                #expect(reshardWrong.isEmpty, "nothing failed during the reshard: \(reshardWrong.prefix(5))")
                #expect(router.movedRedirects.load(ordering: .relaxed) > movedBefore, "the moved slots were followed")
            }
        }
    }

    /// Two instances with ``RedisInvalidationMode/clientTracking`` on `cluster`, whose node
    /// `deadNode` was killed before: a master is killed (every local layer emptied, tracking
    /// moves to the promoted replica, which reports a `redis-cli` write), then a node joins and
    /// receives slots (found through a `MOVED`, tracked, the local layers emptied, its reports
    /// arrive).
    private func clientTrackingFollowsAFailoverAndAMasterThatJoins(
        _ cluster: RedisTestCluster,
        _ configuration: RedisConfiguration,
        deadNode: RedisServerAddress
    ) async throws {
        let probe = RedisCache<String, String>(client: try RedisClient(configuration: configuration), namespace: "t")
        let keys = try await keysOnEveryMaster(of: probe)
        await probe.client.close()
        let database = Database(Dictionary(uniqueKeysWithValues: keys.map { ($0.key, "loaded") }))
        let a = try await NearCacheInstance(
            "a",
            namespace: "t",
            configuration: configuration,
            database: database,
            mode: .clientTracking
        )
        let b = try await NearCacheInstance(
            "b",
            namespace: "t",
            configuration: configuration,
            database: database,
            mode: .clientTracking
        )
        do {
            try await trackingFollowsTheTopology(cluster, configuration, keys, a, b, deadNode: deadNode)
            await a.close()
            await b.close()
        } catch {
            await a.close()
            await b.close()
            throw error
        }
    }

    /// The body of ``clientTrackingFollowsAFailoverAndAMasterThatJoins(_:_:deadNode:)``.
    private func trackingFollowsTheTopology(
        _ cluster: RedisTestCluster,
        _ configuration: RedisConfiguration,
        _ keys: [(key: String, master: RedisServerAddress)],
        _ a: NearCacheInstance,
        _ b: NearCacheInstance,
        deadNode: RedisServerAddress
    ) async throws {
        let router = try #require(a.client.cluster)
        let masters = try await router.topology().masters.sorted { $0.port < $1.port }
        let instances = [a, b]
        for instance in instances {
            #expect(instance.subscription.trackedNodes.sorted { $0.port < $1.port } == masters)
        }
        for (key, _) in keys { #expect(try await a.layered.get(key) == "loaded") }
        try await settle(instances, on: keys.map(\.key))
        for (key, _) in keys {
            for instance in instances { #expect(try await instance.layered.get(key) == "loaded") }
        }
        #expect(instances.allSatisfy { $0.local.count == keys.count })

        // A master dies: its tracking connections close, every local layer is emptied at once.
        let victim = try #require(try await router.topology().shards.first { !$0.replicas.isEmpty }?.master)
        #expect(victim != deadNode)
        let (victimKey, _) = try #require(keys.first { $0.master == victim })
        try await cluster.kill(port: victim.port)
        try await eventually("every local layer to empty", within: .seconds(10)) {
            instances.allSatisfy { $0.local.count == 0 }
        }
        try await eventually("tracking to move to the promoted replica", within: .seconds(30)) {
            instances.allSatisfy { instance in
                instance.subscription.isConnected && instance.subscription.trackedNodes.count == 3
                    && !instance.subscription.trackedNodes.contains(victim)
            }
        }
        let promoted = try #require(try await router.master(ofSlot: RedisHashSlot.of(a.store.redisKey(for: victimKey))))
        #expect(promoted != victim)
        for instance in instances {
            #expect(instance.subscription.trackedNodes.contains(promoted))
            #expect(instance.subscription.resubscriptions >= 1, "tracking enabled on the promoted replica")
        }
        let resubscriptions = instances.map(\.subscription.resubscriptions)

        // The promoted master reports a redis-cli write.
        for instance in instances { #expect(try await instance.layered.get(victimKey) == "loaded") }
        try await settle(instances, on: [victimKey])
        for instance in instances { instance.local.set(victimKey, "stale", ttl: nil) }
        let reply = try await RedisCLI.run(
            "-c",
            "SET",
            a.store.redisKey(for: victimKey),
            "\"after the failover\"",
            on: nodeConfiguration(promoted)
        )
        #expect(reply == "OK")
        try await eventually("the promoted master's report", within: .seconds(10)) {
            instances.allSatisfy { !$0.local.contains(victimKey) }
        }
        for instance in instances { #expect(try await instance.layered.get(victimKey) == "after the failover") }

        // A new master receives slots: found through a MOVED, tracked, and the local layers
        // emptied once tracking is on there (its keys' writes were not reported before).
        let joined = RedisServerAddress(host: "127.0.0.1", port: try await cluster.addNode())
        let source = try #require(keys.first { $0.master != victim }?.master)
        try await cluster.reshard(from: source.port, to: joined.port, count: 20)
        let movedKey = try await withClient(configuration) { fresh in
            let cache = RedisCache<String, String>(client: fresh, namespace: "t")
            let router = try #require(fresh.cluster)
            for index in 0..<10_000 {
                let key = "moved\(index)"
                if try await router.master(ofSlot: RedisHashSlot.of(cache.redisKey(for: key))) == joined { return key }
            }
            throw RedisTestServer.ScriptError(message: "no key in the slots moved to \(joined)")
        }
        for instance in instances { instance.local.set("bystander", "dropped", ttl: nil) }
        for instance in instances {
            #expect(try await instance.store.get(movedKey) == nil, "answered by \(joined) after a MOVED")
        }
        try await eventually("tracking on the new master", within: .seconds(10)) {
            instances.allSatisfy { instance in
                instance.subscription.isConnected && instance.subscription.trackedNodes.contains(joined)
                    && instance.subscription.trackedNodes.count == 4
            }
        }
        for (instance, before) in zip(instances, resubscriptions) {
            #expect(instance.subscription.resubscriptions > before, "tracking enabled on the new master")
        }
        try await eventually("the local layers to empty once the new master is tracked", within: .seconds(10)) {
            instances.allSatisfy { !$0.local.contains("bystander") }
        }
        for instance in instances { instance.local.set(movedKey, "stale", ttl: nil) }
        #expect(
            try await RedisCLI.run(
                "-c",
                "SET",
                a.store.redisKey(for: movedKey),
                "\"new\"",
                on: nodeConfiguration(joined)
            )
                == "OK"
        )
        try await eventually("the new master's report", within: .seconds(10)) {
            instances.allSatisfy { !$0.local.contains(movedKey) }
        }
        for instance in instances { #expect(try await instance.layered.get(movedKey) == "new") }
        #expect(instances.allSatisfy { $0.failures.all.isEmpty })
    }
}
/// Runs `command` on the node at `address` itself.
private func onNode(_ address: RedisServerAddress, _ command: RedisCommand) async throws -> RESPValue {
    try await withClient(nodeConfiguration(address)) { try await $0.send(command) }
}

/// Moves `keys` from the node `source` to the node `target` (`MIGRATE … KEYS`).
private func migrate(
    _ keys: ArraySlice<String>,
    from source: RedisServerAddress,
    to target: RedisServerAddress
) async throws {
    let arguments = [target.host, String(target.port), "", "0", "5000", "KEYS"] + keys
    _ = try await onNode(source, RedisCommand("MIGRATE", arguments: arguments.map { ByteBuffer(string: $0) }))
}

/// Tells a loop in another task to end.
private final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    var isRaised: Bool { raised.load(ordering: .relaxed) }
    func raise() { raised.store(true, ordering: .relaxed) }
}

/// Reads `keys` in turn (each must hold `v-<key>`) and writes other keys, until `stop`: the
/// number of rounds, and what went wrong. Ends too when its task is cancelled.
private func readAndWrite(
    _ keys: [String],
    through client: RedisClient,
    until stop: StopFlag
) async -> (operations: Int, wrong: [String]) {
    var operations = 0
    var wrong: [String] = []
    while !stop.isRaised && !Task.isCancelled {
        let key = keys[operations % keys.count]
        do {
            let value = try await client.send(RedisCommand("GET", key)).string
            if value != "v-\(key)" { wrong.append("\(key): \(value ?? "nil")") }
            _ = try await client.send(RedisCommand("SET", "other:\(operations % 50)", "x"))
        } catch {
            wrong.append("\(key): \(error)")
        }
        operations += 1
        // A steady stream rather than a busy loop: the machine's other tests keep their CPU.
        try? await Task.sleep(for: .milliseconds(1))
    }
    return (operations, wrong)
}
#endif
