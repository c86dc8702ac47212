#if Redis
import CacheCore
import CacheManagement
import CachePolicies
import CacheRedis
import Testing

/// Many tasks on one client, and two near-cache instances writing the same keys at once. Run
/// under the thread sanitizer by `Scripts/tsan.sh` (the suite's type name matches its filter).
@Suite(
    "Concurrency (Redis)",
    .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped))
)
struct RedisConcurrencyTests {
    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func sixteenTasksEachGetTheirOwnReplies(protocolVersion: RedisProtocolVersion) async throws {
        try await withClient(try RedisTestEnvironment.configuration(protocolVersion, maximumConnections: 4)) {
            (client: RedisClient) async throws in
            let cache = RedisCache<String, [Int]>(client: client, namespace: RedisTestEnvironment.uniqueNamespace())
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<16 {
                    group.addTask {
                        var mismatches = 0
                        for step in 0..<100 {
                            let key = "t\(task):\(step % 10)"
                            try await cache.set(key, [task, step])
                            if try await cache.get(key) != [task, step] { mismatches += 1 }
                            if step % 10 == 9 {
                                let batch = try await cache.getMany(.keys((0..<10).map { "t\(task):\($0)" }))
                                if batch.count != 10 || batch.values.contains(where: { $0.first != task }) {
                                    mismatches += 1
                                }
                            }
                        }
                        return mismatches
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
            #expect(try await cache.count() == 160)
            #expect(client.openConnections <= 4)
            try await cache.clear()
        }
    }

    @Test func twoInstancesWritingTheSameKeysConvergeOnRedis() async throws {
        let namespace = RedisTestEnvironment.uniqueNamespace("race")
        let configuration = try RedisTestEnvironment.configuration()
        let database = Database([:])
        let a = try await NearCacheInstance("a", namespace: namespace, configuration: configuration, database: database)
        let b = try await NearCacheInstance("b", namespace: namespace, configuration: configuration, database: database)
        let keys = (0..<32).map { "k\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, instance) in [("a", a), ("b", b)] {
                for task in 0..<8 {
                    group.addTask {
                        // Each key has one writer per instance: the two instances race, the tasks of
                        // one instance do not.
                        var generator = SplitMix(seed: UInt64(task) + (name == "a" ? 0 : 100))
                        let mine = keys.indices.filter { $0 % 8 == task }.map { keys[$0] }
                        for step in 0..<40 {
                            let key = mine.randomElement(using: &generator)!
                            switch Int.random(in: 0..<4, using: &generator) {
                            case 0, 1: try await instance.layered.set(key, "\(name)\(step)")
                            case 2: _ = try await instance.layered.get(key)
                            default: try await instance.layered.delete(key)
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        try await a.settle(after: b)
        try await b.settle(after: a)
        for key in keys {
            let shared = try await a.store.get(key)
            for instance in [a, b] where instance.local.contains(key) {
                #expect(instance.local.get(key) == shared, "\(instance.layered.name) keeps \(key) as Redis has it")
            }
        }
        #expect(a.failures.all.isEmpty && b.failures.all.isEmpty)
        try await a.store.clear()
        await a.close()
        await b.close()
    }
}
#endif
