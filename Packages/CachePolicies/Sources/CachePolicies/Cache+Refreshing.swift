import CacheCore
import Synchronization

extension Cache {
    /// The live value for `key`, or the value the cache's loader returns for it, with one loader
    /// run shared by every concurrent caller: ``value(forKey:ttl:load:)`` with the loader the
    /// cache was created with.
    ///
    ///     let users = Cache<String, User>(maxSize: 10_000, refreshAfter: .seconds(60)) { id in
    ///         try await database.user(id)
    ///     }
    ///     let alice = try await users.value(forKey: "alice")
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - ttl: The TTL of a loaded value; `nil` for the expiry function's or the default.
    /// - Precondition: The cache was created with a loader (`load:`).
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    public func value(forKey key: Key, ttl: TimeToLive? = nil) async throws -> Value {
        try await value(forKey: key, ttl: ttl, load: requireLoader(for: "value(forKey:ttl:)"))
    }

    /// Reloads `key` with the cache's loader in the background, and returns the reload's task.
    ///
    /// A live entry keeps its value, served to every read, until the reload finishes; then the
    /// reloaded value replaces it (reported as ``/CacheCore/RemovalCause/replaced``, with the TTL
    /// the expiry function gives it, else the default) and its age for `refreshAfter` starts
    /// again. The reload does not store its value when the key is written, deleted or cleared
    /// while it runs, or when the entry expires or is evicted meanwhile: those win. A key with no live value is loaded as by
    /// ``value(forKey:ttl:)``, and stored. When a reload or load of the key is already running,
    /// no other starts: its task is returned.
    ///
    /// The loader runs in a task of its own, never under the cache's lock. Its result counts in
    /// ``stats`` (`loadSuccesses`, `loadFailures`, `totalLoadTime`) and is reported to listeners
    /// (``/CacheCore/CacheEvent/load(key:duration:)``, ``/CacheCore/CacheEvent/loadFailure(key:error:duration:)``). A
    /// failed reload leaves the old value in place until it expires.
    ///
    /// - Returns: The reload's task: its value is the reloaded value, whether stored or not; it
    ///   throws the loader's error.
    /// - Precondition: The cache was created with a loader (`load:`).
    /// - Complexity: O(1) on average; the loader runs later.
    @discardableResult
    public func refresh(_ key: Key) -> Task<Value, any Error> {
        let loader = requireLoader(for: "refresh(_:)")
        let hash = key.hashValue
        let start = clock.now()
        return withStorage(at: start) { storage, _, _ in
            self.startRefresh(of: key, hash: hash, startedAt: start, loader: loader, in: &storage)
        }
    }

    /// Reloads the keys `filter` selects with the cache's loader in the background, as
    /// ``refresh(_:)`` does for each, and returns their tasks.
    ///
    /// Listed keys (``/CacheCore/KeyFilter/keys(_:)``) are reloaded, or loaded when they have no live value.
    /// Patterns and predicates are matched, outside the lock, against a snapshot of the live keys;
    /// keys removed in between are skipped.
    ///
    /// - Returns: The task of each key reloaded or loaded.
    /// - Precondition: The cache was created with a loader (`load:`).
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries; the loader
    ///   runs later.
    @discardableResult
    public func refreshAll(_ filter: KeyFilter<Key>) -> [Key: Task<Value, any Error>] {
        let loader = requireLoader(for: "refreshAll(_:)")
        let listed = filter.listedKeys
        let keys = listed ?? snapshotKeys().filter(filter.matches)
        let hashed = keys.map { ($0, $0.hashValue) }
        let start = clock.now()
        return withStorage(at: start) { storage, _, _ in
            var tasks: [Key: Task<Value, any Error>] = [:]
            for (key, hash) in hashed {
                // A pattern selects live keys only: one removed since the snapshot is skipped.
                if listed == nil && storage.find(key, hash: hash) == nil && storage.loads.reloads[key] == nil {
                    continue
                }
                tasks[key] = self.startRefresh(of: key, hash: hash, startedAt: start, loader: loader, in: &storage)
            }
            return tasks
        }
    }

    /// The keys whose reload is running, for tests.
    ///
    /// - Complexity: O(*r*) for *r* reloads.
    @_spi(Testing)
    public var keysBeingReloaded: [Key] {
        withLockedStorage { Array($0.loads.reloads.keys) }
    }

    /// The cache's loader; a precondition failure naming `operation` when it has none.
    @usableFromInline
    func requireLoader(for operation: String) -> @Sendable (Key) async throws -> Value {
        guard let loader else {
            preconditionFailure("Cache '\(name)': \(operation) needs a cache created with a loader (`load:`)")
        }
        return loader
    }

    /// Joins the reload or load of `key` that is running, or starts a reload of its live entry,
    /// or a load of the missing key. Runs under the lock; the loader runs later, in the task.
    ///
    /// - Returns: The reload's or load's task.
    func startRefresh(
        of key: Key,
        hash: Int,
        startedAt start: CacheInstant,
        loader: @escaping @Sendable (Key) async throws -> Value,
        in storage: inout CacheStorage<Key, Value>
    ) -> Task<Value, any Error> {
        if let reload = storage.loads.reloads[key] { return reload.task }
        if let load = storage.loads.loads[key] { return load.task }
        if storage.find(key, hash: hash) != nil {
            return storage.startReload(of: key) { key, id in
                Task { try await self.runReload(of: key, id: id, startedAt: start) }
            }
        }
        return storage.startLoad(of: key) { key, id in
            Task { try await self.runLoad(key, id: id, ttl: nil, load: loader) }
        }
    }

    /// Runs the reload `id` of `key`, asked for at `start`, with the cache's loader and records
    /// its result.
    func runReload(of key: Key, id: Int, startedAt start: CacheInstant) async throws -> Value {
        let loader = requireLoader(for: "a reload")
        do {
            let value = try await loader(key)
            finishReload(of: key, id: id, .success(value), startedAt: start)
            return value
        } catch {
            finishReload(of: key, id: id, .failure(error), startedAt: start)
            throw error
        }
    }

    /// Counts and reports a finished reload, and stores its value when the reload is still
    /// current (no write, delete or clear of the key since it began) and the entry is still live.
    private func finishReload(
        of key: Key,
        id: Int,
        _ result: Result<Value, any Error>,
        startedAt start: CacheInstant
    ) {
        let finish = clock.now()
        let elapsed = start.duration(to: finish).cacheNanoseconds
        let hash = key.hashValue
        let loaded = try? result.get()
        let cost = loaded.map { self.cost(of: key, $0) } ?? 0
        let ttl = loaded.flatMap { self.ttl(nil, forWriting: key, $0) }
        withStorage(at: finish, needsTime: ttl?.duration != nil) { storage, now, events in
            let isCurrent = storage.loads.reloads[key]?.id == id
            if isCurrent { storage.loads.reloads.removeValue(forKey: key) }
            switch result {
            case .success(let value):
                storage.stats.recordLoad(succeeded: true, nanoseconds: elapsed)
                events.recordLoad(key, nanoseconds: elapsed)
                if isCurrent, storage.find(key, hash: hash) != nil {
                    let deadline = storage.deadline(for: ttl, at: now)
                    storage.write(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
                }
            case .failure(let error):
                storage.stats.recordLoad(succeeded: false, nanoseconds: elapsed)
                events.recordLoadFailure(key, error, nanoseconds: elapsed)
            }
        }
    }
}
