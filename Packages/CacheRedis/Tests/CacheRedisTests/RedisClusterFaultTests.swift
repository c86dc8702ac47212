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
    @Test func aKilledMasterIsReplacedAndTheClientsFollowWithoutARestart() async throws {
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
