#if Configuration
import CacheConfigReader
import CacheCore
import CacheManagement
import CachePolicies
import Configuration
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// Updates handed to `onUpdate`, which a test waits for one by one.
final class UpdateQueue: Sendable {
    private let state = Mutex<
        (updates: [CacheConfigurationUpdate], waiter: CheckedContinuation<CacheConfigurationUpdate, Never>?)
    >(([], nil))

    func append(_ update: CacheConfigurationUpdate) {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else {
                state.updates.append(update)
                return nil as CheckedContinuation<CacheConfigurationUpdate, Never>?
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: update)
    }

    /// The next update, waiting for it when none is queued.
    func next() async -> CacheConfigurationUpdate {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.updates.isEmpty {
                    state.waiter = continuation
                    return nil as CacheConfigurationUpdate?
                }
                return state.updates.removeFirst()
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

let quietLogger = Logger(label: "CacheConfigReaderTests") { _ in SwiftLogNoOpLogHandler() }

@Suite("Live reconfiguration")
struct LiveReconfigurationTests {
    let cacheClock = ManualClock()

    @Test func applyChangesLiveCachesAndRefusesAPolicyChange() throws {
        let provider = MutableInMemoryProvider(initialValues: [
            "caches.users.policy": "lru",
            "caches.users.maxSize": 4,
            "caches.sessions.maxSize": 10,
        ])
        let config = ConfigReader(provider: provider)
        let manager = try CacheManager(reading: config, names: ["users", "sessions"], clock: .manual(cacheClock))
        let users = try manager.cache(named: "users", as: Cache<String, Int>.self)
        for (index, key) in ["a", "b", "c", "d"].enumerated() { users[key] = index }

        #expect(manager.apply(config.snapshot(), names: ["users", "sessions"]).isEmpty)

        provider.setValue(2, forKey: "caches.users.maxSize")
        provider.setValue("lfu", forKey: "caches.users.policy")
        provider.setValue("1m", forKey: "caches.users.ttl")
        provider.setValue("90s", forKey: "caches.users.refreshAfter")
        provider.setValue("s3fifo", forKey: "caches.sessions.policy")  // not created yet: allowed
        let update = manager.apply(config.snapshot(), names: ["users", "sessions"])
        #expect(
            update.rejected.map(\.description) == [
                "cache 'users': caches.users.policy is \"lfu\"; allowed: \"lru\" (a live cache keeps its policy; remove it and create it anew)",
                "cache 'users': caches.users.refreshAfter is 90s; allowed: null (a live cache keeps its refresh age; remove it and create it anew)",
            ]
        )
        #expect(update.applied["users"] == CacheSettings(policy: "lru", maxSize: 2, ttl: .seconds(60)))
        #expect(update.applied["sessions"] == CacheSettings(policy: "s3fifo", maxSize: 10))
        #expect(users.policy.name == "lru")
        #expect(users.limits.maxSize == 2)
        #expect(users.keys.sorted() == ["c", "d"])  // the smaller limit evicted at once
        #expect(users.limits.defaultTTL == .seconds(60))
        #expect(users.refreshAfter == nil)
        let sessions = try manager.cache(named: "sessions", as: Cache<String, Int>.self)
        #expect(sessions.policy.name == "s3fifo")

        // The refused settings are reported again while the configuration asks for them, and
        // nothing else changes.
        let again = manager.apply(config.snapshot(), names: ["users", "sessions"])
        #expect(again.applied.isEmpty)
        #expect(again.rejected.map(\.field) == ["caches.users.policy", "caches.users.refreshAfter"])
    }

    @Test func anInvalidValueLeavesTheCacheAsItWas() throws {
        let provider = MutableInMemoryProvider(initialValues: ["caches.users.maxSize": 4, "caches.users.ttl": "30s"])
        let config = ConfigReader(provider: provider)
        let manager = try CacheManager(reading: config, names: ["users"])
        let users = try manager.cache(named: "users", as: Cache<String, Int>.self)
        provider.setValue(-3, forKey: "caches.users.maxSize")
        provider.setValue("1m", forKey: "caches.users.ttl")
        let update = manager.apply(config.snapshot(), names: ["users"])
        #expect(update.applied.isEmpty)
        #expect(update.rejected.map(\.field) == ["caches.users.maxSize"])
        #expect(update.rejected.map(\.value) == ["-3"])
        #expect(users.limits.maxSize == 4)
        #expect(users.limits.defaultTTL == .seconds(30))
    }

    @Test func theWatcherFollowsAMutableProviderUntilShutdown() async throws {
        let provider = MutableInMemoryProvider(initialValues: ["caches.users.maxSize": 3])
        let config = ConfigReader(provider: provider)
        let manager = try CacheManager(reading: config, names: ["users"])
        let users = try manager.cache(named: "users", as: Cache<String, Int>.self)
        for (index, key) in ["a", "b", "c"].enumerated() { users[key] = index }
        let updates = UpdateQueue()
        let watcher = CacheConfigurationWatcher(manager: manager, reader: config, names: ["users"]) {
            updates.append($0)
        }
        let group = ServiceGroup(services: [watcher], logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }

            provider.setValue(1, forKey: "caches.users.maxSize")
            var update = await updates.next()
            #expect(update.applied["users"]?.maxSize == 1)
            #expect(users.count == 1)

            provider.setValue("arc", forKey: "caches.users.policy")
            update = await updates.next()
            #expect(update.rejected.map(\.field) == ["caches.users.policy"])
            #expect(update.applied.isEmpty)
            #expect(users.policy.name == "lru")

            provider.setValue("lru", forKey: "caches.users.policy")
            provider.setValue(2, forKey: "caches.users.maxSize")
            update = await updates.next()
            #expect(update.applied["users"]?.maxSize == 2)

            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        provider.setValue(5, forKey: "caches.users.maxSize")
        #expect(users.limits.maxSize == 2)  // the watcher has ended
    }

    @Test func theWatcherFollowsAReloadingJSONFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "CacheConfigReaderTests-\(UUID())"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The provider notices a change by the file's real path or its modification time; a
        // symbolic link swapped to a new file changes the real path, whatever the time's precision.
        func publish(_ json: String, version: Int) throws {
            let target = directory.appendingPathComponent("config-\(version).json")
            try Data(json.utf8).write(to: target)
            let staged = directory.appendingPathComponent("staged.json")
            try FileManager.default.createSymbolicLink(atPath: staged.path, withDestinationPath: target.path)
            #expect(rename(staged.path, directory.appendingPathComponent("config.json").path) == 0)
        }
        // A TTL no run outlasts: the cache's clock is the system's, and the root test step, which
        // runs every suite at once, once took longer than 30 s to reach the check below.
        try publish(#"{"caches": {"users": {"maxSize": 3, "ttl": "1h"}}}"#, version: 1)
        let settings = ConfigReader(
            provider: InMemoryProvider(values: [
                "filePath": .init(.string(directory.appendingPathComponent("config.json").path), isSecret: false),
                "pollIntervalSeconds": 1,
            ])
        )
        let file = try await ReloadingFileProvider<JSONSnapshot>(config: settings, logger: quietLogger)
        let config = ConfigReader(provider: file)
        let manager = try CacheManager(reading: config, names: ["users"])
        let users = try manager.cache(named: "users", as: Cache<String, Int>.self)
        for (index, key) in ["a", "b", "c"].enumerated() { users[key] = index }
        let updates = UpdateQueue()
        let watcher = CacheConfigurationWatcher(manager: manager, reader: config, names: ["users"]) {
            updates.append($0)
        }
        let group = ServiceGroup(services: [file, watcher], logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }

            try publish(#"{"caches": {"users": {"maxSize": 1, "ttl": "2m", "policy": "fifo"}}}"#, version: 2)
            let update = await updates.next()
            #expect(update.applied["users"] == CacheSettings(maxSize: 1, ttl: .seconds(120)))
            #expect(
                update.rejected.map(\.description) == [
                    "cache 'users': caches.users.policy is \"fifo\"; allowed: \"lru\" (a live cache keeps its policy; remove it and create it anew)"
                ]
            )
            #expect(users.count == 1)
            #expect(users.limits.defaultTTL == .seconds(120))

            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
#endif
