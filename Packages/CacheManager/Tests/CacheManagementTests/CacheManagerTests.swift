import CacheCore
import CacheManagement
import CachePolicies
import Testing

struct User: Hashable, Sendable {
    var name: String
}

extension CacheName where Key == String, Value == User {
    static let users = CacheName("users")
}

@Suite("Cache manager")
struct CacheManagerTests {
    let clock = ManualClock()

    private func makeManager() throws -> CacheManager {
        try CacheManager(
            configuration: CacheConfiguration([
                "users": CacheSettings(policy: "lru", maxSize: 3, ttl: .seconds(60)),
                "pages": CacheSettings(policy: "fifo", maxSize: 100, recordsStats: false),
            ]),
            clock: .manual(clock)
        )
    }

    @Test func aConfiguredCacheIsCreatedAtItsFirstTypedAccessAndThenShared() throws {
        let manager = try makeManager()
        #expect(manager.names == ["pages", "users"])
        #expect(manager.caches.isEmpty)
        let users = try manager.cache(named: "users", as: Cache<String, User>.self)
        #expect(users.name == "users")
        #expect(users.policy.name == "lru")
        #expect(users.limits == CacheLimits(maxSize: 3, defaultTTL: .seconds(60)))
        users["alice"] = User(name: "Alice")
        let again: Cache<String, User> = try manager.cache(named: "users")
        #expect(again === users)
        #expect(try manager.cache(.users) === users)
        #expect(manager.caches.map(\.name) == ["users"])
        clock.advance(by: .seconds(60))
        #expect(users["alice"] == nil)
    }

    @Test func aWrongTypeIsAClearError() throws {
        let manager = try makeManager()
        _ = try manager.cache(named: "users", as: Cache<String, User>.self)
        #expect(
            throws: CacheManagerError.typeMismatch(
                name: "users",
                requested: "Cache<Int, User>",
                actual: "Cache<String, User>"
            )
        ) {
            _ = try manager.cache(named: "users", as: Cache<Int, User>.self)
        }
        let message = CacheManagerError.typeMismatch(
            name: "users",
            requested: "Cache<Int, User>",
            actual: "Cache<String, User>"
        )
        .description
        #expect(message == "cache 'users' is a Cache<String, User>, not a Cache<Int, User>")
    }

    @Test func anUnknownNameListsTheKnownOnes() throws {
        let manager = try makeManager()
        let error = CacheManagerError.unknownCache(name: "userz", knownNames: ["pages", "users"])
        #expect(throws: error) { _ = try manager.cache(named: "userz", as: Cache<String, User>.self) }
        #expect(throws: error) { _ = try manager["userz"] }
        #expect(error.description == "no cache named 'userz'; the manager has: pages, users")
        #expect(throws: CacheManagerError.cacheNotCreated(name: "pages")) { _ = try manager["pages"] }
    }

    @Test func theSubscriptGivesTheCacheForManagement() throws {
        let manager = try makeManager()
        let users = try manager.cache(.users)
        users["a"] = User(name: "A")
        let managed = try manager["users"]
        #expect(managed === users)
        #expect(managed.count == 1)
        #expect(managed.settings == CacheSettings(policy: "lru", maxSize: 3, ttl: .seconds(60)))
    }

    @Test func registeringReplacesCachesAndSettingsOfTheName() throws {
        let manager = try makeManager()
        let mine = Cache<Int, String>(name: "users", maxSize: 10, policy: .lfu)
        #expect(manager.register(mine) == nil)
        #expect(try manager.cache(named: "users", as: Cache<Int, String>.self) === mine)
        let other = Cache<Int, String>(name: "users", maxSize: 5)
        #expect(manager.register(other) === mine)
        #expect(try manager["users"] === other)
        #expect(manager.remove("users") === other)
        #expect(manager.names == ["pages"])
        #expect(!manager.contains("users"))
        #expect(manager.contains("pages"))
    }

    @Test func iterationStatsAndClearAllCoverEveryCache() throws {
        let manager = CacheManager(caches: [
            Cache<String, Int>(name: "b", maxSize: 10),
            Cache<String, Int>(name: "a", maxSize: 10),
        ])
        let a = try manager.cache(named: "a", as: Cache<String, Int>.self)
        let b = try manager.cache(named: "b", as: Cache<String, Int>.self)
        a["x"] = 1
        _ = a["x"]
        _ = a["y"]
        b["x"] = 2
        b["z"] = 3
        #expect(manager.map(\.name) == ["a", "b"])
        let stats = manager.stats
        #expect(stats["a"]?.hits == 1)
        #expect(stats["a"]?.misses == 1)
        #expect(stats["a"]?.entryCount == 1)
        #expect(stats["b"]?.sets == 2)
        #expect(stats["b"]?.entryCount == 2)
        manager.clearAll()
        #expect(a.isEmpty && b.isEmpty)
        #expect(manager.stats.values.map(\.entryCount) == [0, 0])
        #expect(manager.description == #"CacheManager(["a", "b"])"#)
    }

    @Test func configureChangesALiveCache() throws {
        let manager = try makeManager()
        let users = try manager.cache(.users)
        let evicted = Recorder<String>()
        users.onRemoval { key, _, cause in if cause == .evicted { evicted.append(key) } }
        for key in ["a", "b", "c"] { users[key] = User(name: key) }
        try manager.configure(name: "users") { settings in
            settings.maxSize = 1
            settings.ttl = .seconds(5)
            settings.recordsStats = false
        }
        #expect(evicted.all == ["a", "b"])
        #expect(users.limits == CacheLimits(maxSize: 1, defaultTTL: .seconds(5)))
        #expect(!users.isRecordingStats)
        #expect(
            manager.settings(forCache: "users")
                == CacheSettings(policy: "lru", maxSize: 1, ttl: .seconds(5), recordsStats: false)
        )
        users["d"] = User(name: "d")
        clock.advance(by: .seconds(5))
        #expect(users["d"] == nil)
    }

    @Test func configureRefusesInvalidValuesAndPolicyChangesOfALiveCache() throws {
        let manager = try makeManager()
        let users = try manager.cache(.users)
        #expect(
            throws: CacheConfigurationError(
                cacheName: "users",
                field: "maxSize",
                value: "-1",
                allowed: CacheSettings.Field.maxSize.allowed()
            )
        ) {
            try manager.configure(name: "users") { $0.maxSize = -1 }
        }
        #expect(throws: CacheConfigurationError.self) {
            try manager.configure(name: "users") { $0.policy = "fifo" }
        }
        do {
            try manager.configure(name: "users") { $0.policy = "fifo" }
        } catch {
            #expect(error.description.hasPrefix("cache 'users': policy is \"fifo\"; allowed: \"lru\""))
        }
        #expect(users.limits.maxSize == 3)
        #expect(users.policy.name == "lru")
    }

    @Test func configureOfACacheNotYetCreatedChangesWhatItWillBe() throws {
        let manager = try makeManager()
        try manager.configure(name: "pages") { $0.maxSize = 7 }
        try manager.configure(name: "fresh") { $0.ttl = .seconds(3) }
        #expect(manager.names == ["fresh", "pages", "users"])
        #expect(try manager.cache(named: "pages", as: Cache<Int, Int>.self).limits.maxSize == 7)
        let fresh = try manager.cache(named: "fresh", as: Cache<Int, Int>.self)
        #expect(fresh.settings == CacheSettings(ttl: .seconds(3)))
    }

    @Test func customPoliciesAreFoundByName() throws {
        let manager = CacheManager()
        #expect(throws: CacheConfigurationError.self) {
            try manager.setUp(CacheConfiguration(["queue": CacheSettings(policy: "first-in", maxSize: 2)]))
        }
        #expect(manager.names.isEmpty)
        manager.register(policy: .custom(name: "first-in") { _ in FirstInPolicy() })
        try manager.setUp(CacheConfiguration(["queue": CacheSettings(policy: "first-in", maxSize: 2)]))
        let queue = try manager.cache(named: "queue", as: Cache<Int, Int>.self)
        #expect(queue.policy.name == "first-in")
        queue[1] = 1
        queue[2] = 2
        _ = queue[1]
        queue[3] = 3
        #expect(queue.keys == [2, 3])
    }

    @Test func setUpReplacesEverything() throws {
        let manager = try makeManager()
        _ = try manager.cache(.users)
        try manager.setUp(CacheConfiguration(["other": CacheSettings()]))
        #expect(manager.names == ["other"])
        #expect(manager.caches.isEmpty)
    }
}

/// Many threads creating, reading and configuring caches of one manager. Run under the thread
/// sanitizer by `Scripts/tsan.sh`.
@Suite("Cache manager concurrency")
struct CacheManagerConcurrencyTests {
    @Test func concurrentFirstAccessesCreateOneCache() async throws {
        let names = (0..<8).map { "cache-\($0)" }
        let manager = try CacheManager(
            configuration: CacheConfiguration(
                Dictionary(uniqueKeysWithValues: names.map { ($0, CacheSettings(maxSize: 100)) })
            )
        )
        let identities = Recorder<(String, ObjectIdentifier)>()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<200 {
                        let name = names[(worker + round) % names.count]
                        guard let cache = try? manager.cache(named: name, as: Cache<Int, Int>.self) else { continue }
                        cache[round] = worker
                        identities.append((name, ObjectIdentifier(cache)))
                        if round % 50 == 0 { try? manager.configure(name: name) { $0.maxSize = 50 + round } }
                        if round % 64 == 0 { _ = manager.stats }
                    }
                }
            }
        }
        let byName = Dictionary(grouping: identities.all, by: \.0).mapValues { Set($0.map(\.1)) }
        #expect(byName.count == names.count)
        #expect(byName.values.allSatisfy { $0.count == 1 })
        #expect(identities.all.count == 8 * 200)
        #expect(manager.caches.count == names.count)
    }
}
