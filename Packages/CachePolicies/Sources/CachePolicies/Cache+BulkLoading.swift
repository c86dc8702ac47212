import CacheCore
import Synchronization

/// Thrown to a caller waiting for a key that a bulk loader's result did not contain.
///
/// ``Cache/values(forKeys:ttl:load:)`` leaves such keys out of its result; a caller of
/// ``Cache/value(forKey:ttl:load:)`` that joined the bulk load for the key gets this error.
public struct KeyNotLoadedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The cache's name.
    public let cacheName: String
    /// The key, as text.
    public let key: String

    /// Creates the error.
    public init(cacheName: String, key: String) {
        self.cacheName = cacheName
        self.key = key
    }

    /// What went wrong.
    public var description: String {
        "cache '\(cacheName)': the bulk loader returned no value for key \(key)"
    }
}

extension Cache {
    /// The live values of `keys`, with the missing ones loaded by one call of `load` that receives
    /// all of them: one database query for a page of identifiers (Caffeine's `getAll`).
    ///
    ///     let users = try await cache.values(forKeys: page) { missing in
    ///         try await database.users(withIDs: missing)   // [ID: User]
    ///     }
    ///
    /// Each key counts as a hit or a miss, as a read. Loads are single flight per key, shared with
    /// ``value(forKey:ttl:load:)``: a missing key whose load is already running (a bulk load or
    /// a single one) is waited for, not loaded again, and callers of `value(forKey:ttl:load:)`
    /// for a key this call is loading wait for it. `load` runs in a task of its own, so
    /// cancelling the caller does not cancel it for the others.
    ///
    /// What `load` returns is stored, with `ttl` (or the cache's expiry function or default TTL),
    /// except for a key written, deleted or cleared while it ran; keys it returns that were not
    /// asked for are ignored, and keys it leaves out are left out of the result (a caller of
    /// `value(forKey:)` waiting for one gets ``KeyNotLoadedError``). When `load` throws, nothing
    /// is stored and the error is rethrown, to every caller waiting for one of its keys.
    ///
    /// Statistics count one load per call of `load` (success or failure, with its time, as
    /// Caffeine counts a bulk load); listeners hear a load event for each key asked for that it
    /// returned, or a load failure event for each key, when it throws.
    ///
    /// - Parameters:
    ///   - keys: The keys; repeats are looked up once.
    ///   - ttl: The TTL of the loaded values; `nil` for the expiry function's or the default.
    ///   - load: Makes the values of the keys it is given (never empty, no repeats).
    /// - Returns: The value of each key that has one, live or loaded.
    /// - Complexity: O(*k*) on average for *k* keys, plus the loader.
    public func values(
        forKeys keys: some Sequence<Key>,
        ttl: TimeToLive? = nil,
        load: @escaping @Sendable ([Key]) async throws -> [Key: Value]
    ) async throws -> [Key: Value] {
        var seen = Set<Key>()
        let requested = keys.filter { seen.insert($0).inserted }.map { ($0, $0.hashValue) }
        let (found, waiting) = withStorage(at: timeIfExpiring()) { storage, _, events in
            startBulkLoad(of: requested, ttl: ttl, load: load, in: &storage, events: &events)
        }
        var values = found
        for (key, task) in waiting {
            do {
                values[key] = try await task.value
            } catch let error as KeyNotLoadedError where error == KeyNotLoadedError(cacheName: name, key: "\(key)") {
                continue
            }
        }
        return values
    }

    /// Reads `requested` under the lock and, for the keys that are missing and not already
    /// loading, registers one load per key, all served by one run of `load`.
    ///
    /// - Returns: The live values, and the tasks to wait for, in the order of `requested`.
    private func startBulkLoad(
        of requested: [(Key, Int)],
        ttl: TimeToLive?,
        load: @escaping @Sendable ([Key]) async throws -> [Key: Value],
        in storage: inout CacheStorage<Key, Value>,
        events: inout EventBuffer<Key, Value>
    ) -> (found: [Key: Value], waiting: [(Key, Task<Value, any Error>)]) {
        var found: [Key: Value] = [:]
        var waiting: [(Key, Task<Value, any Error>)] = []
        var missing: [(key: Key, id: Int)] = []
        for (key, hash) in requested {
            if let value = storage.read(key, hash: hash, events: &events) {
                found[key] = value
            } else if let running = storage.loads.loads[key] {
                waiting.append((key, running.task))
            } else {
                missing.append((key, storage.loads.makeID()))
            }
        }
        guard !missing.isEmpty else { return (found, waiting) }
        let loading = missing
        let batch = Task { @Sendable in try await self.runBulkLoad(of: loading, ttl: ttl, load: load) }
        for (key, id) in loading {
            let name = name
            let task = Task<Value, any Error> { @Sendable in
                guard let value = try await batch.value[key] else {
                    throw KeyNotLoadedError(cacheName: name, key: "\(key)")
                }
                return value
            }
            storage.loads.loads[key] = InFlightLoads.Load(id: id, task: task)
            waiting.append((key, task))
        }
        return (found, waiting)
    }

    /// Runs `load` for the keys of `missing`, whose loads have the identifiers given, and stores
    /// what it returns for each load still current.
    private func runBulkLoad(
        of missing: [(key: Key, id: Int)],
        ttl: TimeToLive?,
        load: @Sendable ([Key]) async throws -> [Key: Value]
    ) async throws -> [Key: Value] {
        let start = clock.now()
        let result: Result<[Key: Value], any Error>
        do {
            result = .success(try await load(missing.map(\.key)))
        } catch {
            result = .failure(error)
        }
        let finish = clock.now()
        let elapsed = start.duration(to: finish).cacheNanoseconds
        // Costs and TTLs are worked out before the lock, for the keys asked for only.
        let loaded = try? result.get()
        let prepared = missing.compactMap { key, id in
            loaded?[key].map { value in
                (key, id, value, key.hashValue, cost(of: key, value), self.ttl(ttl, forWriting: key, value))
            }
        }
        let setsDeadline = prepared.contains { $0.5?.duration != nil }
        if setsDeadline { markExpiring() }
        withStorage(at: finish, needsTime: setsDeadline) { storage, now, events in
            storage.stats.recordLoad(succeeded: loaded != nil, nanoseconds: elapsed)
            if case .failure(let error) = result {
                for (key, _) in missing { events.recordLoadFailure(key, error, nanoseconds: elapsed) }
            }
            // A load is current unless a write, delete or clear of its key forgot it meanwhile.
            var current = Set<Int>()
            for (key, id) in missing where storage.loads.loads[key]?.id == id {
                storage.loads.loads.removeValue(forKey: key)
                current.insert(id)
            }
            for (key, id, value, hash, cost, ttl) in prepared {
                events.recordLoad(key, nanoseconds: elapsed)
                guard current.contains(id) else { continue }
                let deadline = storage.deadline(for: ttl, at: now)
                storage.write(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
            }
        }
        return try result.get()
    }
}

extension Cache {
    /// The live values of `keys`, with the missing ones loaded by one call of the synchronous
    /// `load`, which receives all of them: the bulk form of `get(_:ttl:orLoad:)`.
    ///
    /// As ``values(forKeys:ttl:load:)``, but `load` runs on the caller's thread (outside the
    /// cache's lock) and is not shared: concurrent callers missing the same key each load it, and
    /// when one stored its value first, the later caller returns that value and stores nothing
    /// (as `get(_:ttl:orLoad:)` does). When `load` throws, nothing is stored and the error is
    /// rethrown.
    ///
    /// - Parameters:
    ///   - keys: The keys; repeats are looked up once.
    ///   - ttl: The TTL of the loaded values; `nil` for the expiry function's or the default.
    ///   - load: Makes the values of the keys it is given (never empty, no repeats).
    /// - Returns: The value of each key that has one, live or loaded.
    /// - Complexity: O(*k*) on average for *k* keys, plus the loader.
    public func getMany<E: Error>(
        _ keys: some Sequence<Key>,
        ttl: TimeToLive? = nil,
        orLoad load: ([Key]) throws(E) -> [Key: Value]
    ) throws(E) -> [Key: Value] {
        var seen = Set<Key>()
        let requested = keys.filter { seen.insert($0).inserted }.map { ($0, $0.hashValue) }
        let (found, missing) = withStorage(at: timeIfExpiring()) { storage, _, events in
            var found: [Key: Value] = [:]
            var missing: [Key] = []
            for (key, hash) in requested {
                if let value = storage.read(key, hash: hash, events: &events) {
                    found[key] = value
                } else {
                    missing.append(key)
                }
            }
            return (found, missing)
        }
        guard !missing.isEmpty else { return found }
        let start = clock.now()
        let loaded: [Key: Value]
        do {
            loaded = try load(missing)
        } catch {
            storeBulkLoaded(missing, .failure(error), ttl: ttl, startedAt: start)
            throw error
        }
        return found.merging(storeBulkLoaded(missing, .success(loaded), ttl: ttl, startedAt: start)) { $1 }
    }

    /// Records a finished synchronous bulk load of `missing` and stores, for each key asked for
    /// that has no live value yet, the value loaded for it.
    ///
    /// - Returns: For each key asked for, its live value when one was stored while the load ran,
    ///   else the loaded value (keys the loader left out are left out).
    @discardableResult
    private func storeBulkLoaded(
        _ missing: [Key],
        _ result: Result<[Key: Value], any Error>,
        ttl: TimeToLive?,
        startedAt start: CacheInstant
    ) -> [Key: Value] {
        let finish = clock.now()
        let elapsed = start.duration(to: finish).cacheNanoseconds
        let loaded = try? result.get()
        let prepared = missing.compactMap { key in
            loaded?[key].map { value in
                (key, value, key.hashValue, cost(of: key, value), self.ttl(ttl, forWriting: key, value))
            }
        }
        let setsDeadline = prepared.contains { $0.4?.duration != nil }
        if setsDeadline { markExpiring() }
        return withStorage(at: finish, needsTime: setsDeadline) { storage, now, events in
            storage.stats.recordLoad(succeeded: loaded != nil, nanoseconds: elapsed)
            if case .failure(let error) = result {
                for key in missing { events.recordLoadFailure(key, error, nanoseconds: elapsed) }
            }
            var values: [Key: Value] = [:]
            for (key, value, hash, cost, ttl) in prepared {
                events.recordLoad(key, nanoseconds: elapsed)
                if let (_, slot) = storage.find(key, hash: hash) {
                    values[key] = storage.entries[slot].unsafelyUnwrapped.value
                    continue
                }
                let deadline = storage.deadline(for: ttl, at: now)
                storage.insertNewIfItFits(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
                values[key] = value
            }
            return values
        }
    }
}
