import CacheCore
import Synchronization

extension Cache {
    /// The live value for `key`, or the value `load` returns for it, with one loader run shared
    /// by every concurrent caller (single flight).
    ///
    /// The first caller to miss starts `load` in a task of its own; callers that miss while it
    /// runs wait for the same result. The value is stored when it arrives, unless the key was
    /// written, deleted or cleared meanwhile (the callers still get it). If `load` throws,
    /// nothing is stored and every waiting caller gets the error. Cancelling one caller does not
    /// cancel the load for the others. A caller that joins a bulk load of the key
    /// (``values(forKeys:ttl:load:)``) whose loader returns no value for it gets
    /// ``KeyNotLoadedError``.
    ///
    ///     let profile = try await profiles.value(forKey: id) { id in
    ///         try await api.fetchProfile(id)
    ///     }
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - ttl: The TTL of the loaded value; `nil` for the expiry function's or the default.
    ///   - load: Makes the value for a missing key.
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    public func value(
        forKey key: Key,
        ttl: TimeToLive? = nil,
        load: @escaping @Sendable (Key) async throws -> Value
    ) async throws -> Value {
        // A hit takes the inlined, specialised read (a generic call from another module measured
        // 19× a `get` hit); only a miss goes on to the single-flight path, which counts it.
        if let value = cachedValue(forKey: key, hash: key.hashValue) { return value }
        return try await loadOnce(forKey: key, ttl: ttl, load: load)
    }

    /// The live value for `key`, or the value the asynchronous `load` returns for it, with one
    /// loader run shared by every concurrent caller: ``value(forKey:ttl:load:)`` under the name of
    /// the synchronous read-through `get`, so that `try await cache.get(key) { try await … }`
    /// reads as the synchronous form does.
    ///
    ///     let user = try await users.get(id) { id in try await api.user(id) }
    ///
    /// A synchronous loader still picks the synchronous `get` (this overload is disfavoured), in
    /// asynchronous code too, so existing calls keep their meaning.
    ///
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    @_disfavoredOverload
    public func get(
        _ key: Key,
        ttl: TimeToLive? = nil,
        orLoad load: @escaping @Sendable (Key) async throws -> Value
    ) async throws -> Value {
        try await value(forKey: key, ttl: ttl, load: load)
    }

    /// The single-flight part of ``value(forKey:ttl:load:)``: reads `key` again under the lock,
    /// counting a miss, then waits for the load in flight or starts one.
    @usableFromInline
    func loadOnce(
        forKey key: Key,
        ttl: TimeToLive?,
        load: @escaping @Sendable (Key) async throws -> Value
    ) async throws -> Value {
        let hash = key.hashValue
        let lookup: LoadLookup = withStorage(at: timeIfExpiring()) { storage, _, events in
            if let value = storage.read(key, hash: hash, events: &events) { return .hit(value) }
            if let running = storage.loads.loads[key] { return .waiting(running.task) }
            let task = storage.startLoad(of: key) { key, id in
                Task { try await self.runLoad(key, id: id, ttl: ttl, load: load) }
            }
            return .waiting(task)
        }
        switch lookup {
        case .hit(let value): return value
        case .waiting(let task): return try await task.value
        }
    }

    /// What a caller of ``value(forKey:ttl:load:)`` found.
    enum LoadLookup: Sendable {
        case hit(Value)
        case waiting(Task<Value, any Error>)
    }

    /// Runs the single-flight load `id` of `key` and records its result.
    func runLoad(
        _ key: Key,
        id: Int,
        ttl: TimeToLive?,
        load: @Sendable (Key) async throws -> Value
    ) async throws -> Value {
        let start = clock.now()
        do {
            let value = try await load(key)
            finishLoad(key, id: id, .success(value), ttl: ttl, startedAt: start)
            return value
        } catch {
            finishLoad(key, id: id, .failure(error), ttl: ttl, startedAt: start)
            throw error
        }
    }

    private func finishLoad(
        _ key: Key,
        id: Int,
        _ result: Result<Value, any Error>,
        ttl: TimeToLive?,
        startedAt start: CacheInstant
    ) {
        let finish = clock.now()
        let elapsed = start.duration(to: finish).cacheNanoseconds
        let hash = key.hashValue
        let loaded = try? result.get()
        let cost = loaded.map { self.cost(of: key, $0) } ?? 0
        let ttl = loaded.map { self.ttl(ttl, forWriting: key, $0) } ?? ttl
        if ttl?.duration != nil { markExpiring() }
        withStorage(at: finish, needsTime: ttl?.duration != nil) { storage, now, events in
            let isCurrent = storage.loads.loads[key]?.id == id
            if isCurrent { storage.loads.loads.removeValue(forKey: key) }
            switch result {
            case .success(let value):
                storage.stats.recordLoad(succeeded: true, nanoseconds: elapsed)
                events.recordLoad(key, nanoseconds: elapsed)
                if isCurrent {
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
