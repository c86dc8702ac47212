import CacheCore
import Synchronization

extension Cache {
    /// The live value for `key`, or the value `load` returns for it, which is then stored.
    ///
    /// cacheout's `get(key, default=factory)`. The loader runs outside the cache's lock, so it may
    /// use the cache; concurrent callers for one missing key each run it (use
    /// ``value(forKey:ttl:load:)`` for a single shared run), and when one stored its value before
    /// another's load finished, the later caller returns the stored value and stores nothing
    /// (cachetools' `cached` with a lock prefers the item already in the cache), so every caller
    /// gets the same value: a memoized factory hands out one instance per key. A loader that
    /// throws stores nothing.
    /// Loader runs, their failures and their time (on the cache's clock) count in ``stats`` and
    /// are reported to listeners (``/CacheCore/CacheEvent/load(key:duration:)``,
    /// ``/CacheCore/CacheEvent/loadFailure(key:error:duration:)``).
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - ttl: The TTL of a loaded value; `nil` for the expiry function's or the default.
    ///   - load: Makes the value for a missing key.
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    public func get<E: Error>(
        _ key: Key,
        ttl: TimeToLive? = nil,
        orLoad load: (Key) throws(E) -> Value
    ) throws(E) -> Value {
        if let value = get(key) { return value }
        let start = clock.now()
        do {
            let value = try load(key)
            return storeLoaded(key, .success(value), ttl: ttl, startedAt: start) ?? value
        } catch {
            storeLoaded(key, .failure(error), ttl: ttl, startedAt: start)
            throw error
        }
    }

    /// Records a finished load and stores its value when it succeeded and the key has no live
    /// value yet.
    ///
    /// - Returns: The key's live value when it had one (stored while the load ran); the loaded
    ///   value was not stored then.
    @usableFromInline
    @discardableResult
    func storeLoaded(
        _ key: Key,
        _ result: Result<Value, any Error>,
        ttl: TimeToLive?,
        startedAt start: CacheInstant
    ) -> Value? {
        let finish = clock.now()
        let elapsed = start.duration(to: finish).cacheNanoseconds
        let hash = key.hashValue
        let loaded = try? result.get()
        let cost = loaded.map { self.cost(of: key, $0) } ?? 0
        let ttl = loaded.map { self.ttl(ttl, forWriting: key, $0) } ?? ttl
        if ttl?.duration != nil { markExpiring() }
        return withStorage(at: finish, needsTime: ttl?.duration != nil) { storage, now, events in
            switch result {
            case .success(let value):
                storage.stats.recordLoad(succeeded: true, nanoseconds: elapsed)
                events.recordLoad(key, nanoseconds: elapsed)
                if let (_, slot) = storage.find(key, hash: hash) {
                    return storage.entries[slot].unsafelyUnwrapped.value
                }
                let deadline = storage.deadline(for: ttl, at: now)
                storage.insertNewIfItFits(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
                return nil
            case .failure(let error):
                storage.stats.recordLoad(succeeded: false, nanoseconds: elapsed)
                events.recordLoadFailure(key, error, nanoseconds: elapsed)
                return nil
            }
        }
    }
}
