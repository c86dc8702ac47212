#if Redis
import CacheCore
import CacheManagement
import CachePolicies
import CacheRedis
import Testing

/// Two instances in one process, each with its own connections, sharing a namespace: a write or
/// delete on one drops the key from the other's in-process layer.
@Suite(
    "Redis near cache",
    .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped))
)
struct RedisNearCacheTests {
    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func aWriteOrDeleteOnOneInstanceLeavesTheOthersLocalLayer(protocolVersion: RedisProtocolVersion) async throws {
        let namespace = RedisTestEnvironment.uniqueNamespace("near")
        let configuration = try RedisTestEnvironment.configuration(protocolVersion)
        let database = Database(["u1": "from the database"])
        let a = try await NearCacheInstance("a", namespace: namespace, configuration: configuration, database: database)
        let b = try await NearCacheInstance("b", namespace: namespace, configuration: configuration, database: database)

        #expect(try await a.layered.get("u1") == "from the database")
        // a stored what it loaded in Redis, and announced it: b drops any copy it may hold.
        try await b.settle(after: a)
        #expect(try await b.layered.get("u1") == "from the database")
        #expect(database.loads.all == ["u1"], "b found a's value in Redis")
        #expect(b.local.contains("u1"))

        try await a.layered.set("u1", "written by a")
        try await eventually("b's local copy of u1 to go") { !b.local.contains("u1") }
        #expect(try await b.layered.get("u1") == "written by a")
        #expect(a.local.get("u1") == "written by a", "a keeps what it wrote")

        try await b.layered.delete("u1")
        try await eventually("a's local copy of u1 to go") { !a.local.contains("u1") }
        #expect(try await a.store.get("u1") == nil)

        try await a.layered.set("u2", "two")
        try await a.layered.set("u3", "three")
        try await b.settle(after: a)
        #expect(try await b.layered.get("u2") == "two" && b.local.contains("u2"))
        try await a.store.setMany([("u2", "two again"), ("u3", "three again")], ttl: nil)
        try await eventually("b's local copy of u2 to go") { !b.local.contains("u2") }
        #expect(try await b.layered.get("u2") == "two again")
        #expect(try await b.layered.get("u3") == "three again")

        #expect(try await a.store.deleteMany(.glob("u[23]")) == 2)
        try await eventually("b's local copies of u2 and u3 to go") { b.local.count == 0 }

        try await b.layered.set("u4", "four")
        try await a.settle(after: b)
        #expect(try await a.layered.get("u4") == "four" && a.local.contains("u4"))
        try await b.layered.clear()
        try await eventually("a's local layer to empty") { a.local.count == 0 }

        #expect(a.failures.all.isEmpty && b.failures.all.isEmpty)
        await a.close()
        await b.close()
    }

    @Test func anInstanceSkipsItsOwnMessages() async throws {
        let namespace = RedisTestEnvironment.uniqueNamespace("near")
        let configuration = try RedisTestEnvironment.configuration()
        try await withClient(configuration) { (clientA: RedisClient) async throws in
            try await withClient(configuration) { (clientB: RedisClient) async throws in
                let a = RedisCache<String, Int>(client: clientA, namespace: namespace)
                let b = RedisCache<String, Int>(client: clientB, namespace: namespace)
                let heard = Recorder<String>()
                let subscription = try await a.subscribeToInvalidations { invalidation in
                    switch invalidation {
                    case .keys(let keys): heard.append(keys.joined(separator: ","))
                    case .all: heard.append("*")
                    }
                }
                try await a.set("mine", 1)
                try await b.set("theirs", 2)
                try await eventually("a to hear b's write") { !heard.all.isEmpty }
                #expect(heard.all == ["theirs"], "a's own write came first and was skipped")
                try await b.clear()
                try await eventually("a to hear b's clear") { heard.all.count == 2 }
                #expect(heard.all == ["theirs", "*"])
                await subscription.cancel()
                try await a.clear()
            }
        }
    }
}
#endif
