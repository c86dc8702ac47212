import CacheCore

extension Cache {
    /// Stores `value` for `key`, replacing any live value (reported to removal listeners as
    /// ``/CacheCore/RemovalCause/replaced``).
    ///
    /// A new key first makes room: the policy evicts entries until it fits.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value.
    ///   - ttl: `nil` for the cache's default TTL, ``/CacheCore/TimeToLive/never`` for no expiry, or how long
    ///     the entry lives. Must not be negative.
    /// - Returns: `true` when the value was stored; `false` when it can never fit (its cost
    ///   exceeds `maxCost`, or `maxSize` is 0). A refused value changes nothing: the key keeps its
    ///   value and no entry is evicted. Use ``store(_:_:ttl:)`` to get an error instead.
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @inlinable
    @discardableResult
    public func set(_ key: Key, _ value: Value, ttl: TimeToLive? = nil) -> Bool {
        write(key, value, ttl: ttl, onlyIfAbsent: false)
    }

    /// Stores `value` for `key` like ``set(_:_:ttl:)``, throwing when the cache refuses it.
    ///
    /// - Throws: ``CacheWriteError/costExceedsLimit(cacheName:cost:maxCost:)`` when the value costs more
    ///   than `maxCost`, ``CacheWriteError/cacheStoresNothing(cacheName:)`` when `maxSize` is 0. The cache is
    ///   unchanged.
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @inlinable
    public func store(_ key: Key, _ value: Value, ttl: TimeToLive? = nil) throws(CacheWriteError) {
        if !write(key, value, ttl: ttl, onlyIfAbsent: false) { throw refusal(for: key, value) }
    }

    /// Stores `value` only when `key` has no live value (an expired one counts as none); an
    /// existing value and its TTL stay as they are.
    ///
    /// - Returns: `true` when the value was stored.
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @inlinable
    @discardableResult
    public func add(_ key: Key, _ value: Value, ttl: TimeToLive? = nil) -> Bool {
        write(key, value, ttl: ttl, onlyIfAbsent: true)
    }

    /// Stores every pair, in order, under one lock, with one TTL.
    ///
    /// - Complexity: O(*k*) on average for *k* pairs.
    public func setMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive? = nil) {
        writeMany(items, ttl: ttl, onlyIfAbsent: false)
    }

    /// Stores each pair whose key has no live value, in order, under one lock.
    ///
    /// - Returns: The number of pairs stored.
    /// - Complexity: O(*k*) on average for *k* pairs.
    @discardableResult
    public func addMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive? = nil) -> Int {
        writeMany(items, ttl: ttl, onlyIfAbsent: true)
    }

    /// Removes `key` (reported as ``/CacheCore/RemovalCause/deleted``).
    ///
    /// A load of the key that is in flight will not store its result.
    ///
    /// - Returns: `true` when the key had a live value.
    /// - Complexity: O(1) on average.
    @inlinable
    @discardableResult
    public func delete(_ key: Key) -> Bool {
        delete(key, hash: key.hashValue)
    }

    /// ``delete(_:)`` for a key whose `hashValue` is `hash`.
    @inlinable
    func delete(_ key: Key, hash: Int) -> Bool {
        withStorage(at: timeIfExpiring()) { storage, _, events in
            storage.delete(key, hash: hash, cause: .deleted, events: &events)
        }
    }

    /// Removes `key` (reported as ``/CacheCore/RemovalCause/deleted``) and returns its live value:
    /// `Dictionary`'s `removeValue(forKey:)`.
    ///
    /// A load of the key that is in flight will not store its result.
    ///
    /// - Returns: The value the key had, or `nil` when it had no live value.
    /// - Complexity: O(1) on average.
    @discardableResult
    public func removeValue(forKey key: Key) -> Value? {
        let hash = key.hashValue
        return withStorage(at: timeIfExpiring()) { storage, _, events in
            storage.loads.invalidate(key)
            guard let (bucket, slot) = storage.find(key, hash: hash) else { return nil }
            let value = storage.entries[slot].unsafelyUnwrapped.value
            storage.remove(slot: slot, bucket: bucket, cause: .deleted, events: &events)
            return value
        }
    }

    /// Stores `value` for `key` like ``set(_:_:ttl:)`` and returns the live value it replaced, in
    /// one step: `Dictionary`'s `updateValue(_:forKey:)`.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - key: The key.
    ///   - ttl: As for ``set(_:_:ttl:)``.
    /// - Returns: The value the key had, or `nil` when it had no live value, or when the cache
    ///   refused the new value (it can never fit; see ``set(_:_:ttl:)``), which leaves the key's
    ///   value in place.
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @discardableResult
    public func updateValue(_ value: Value, forKey key: Key, ttl: TimeToLive? = nil) -> Value? {
        let ttl = self.ttl(ttl, forWriting: key, value)
        let hash = key.hashValue
        let cost = cost(of: key, value)
        return withStorage(at: time(forWriteWith: ttl), needsTime: ttl?.duration != nil) { storage, now, events in
            let deadline = storage.deadline(for: ttl, at: now)
            return storage.update(key, value, hash: hash, cost: cost, deadline: deadline, events: &events).replaced
        }
    }

    /// Removes the keys `filter` selects.
    ///
    /// Patterns and predicates are matched, outside the lock, against a snapshot of the keys.
    ///
    /// - Returns: The number of live entries removed.
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries.
    @discardableResult
    public func deleteMany(_ filter: KeyFilter<Key>) -> Int {
        let keys = filter.listedKeys ?? snapshotKeys().filter(filter.matches)
        let hashed = keys.map { ($0, $0.hashValue) }
        return withStorage(at: timeIfExpiring()) { storage, _, events in
            hashed.reduce(0) { removed, pair in
                removed + (storage.delete(pair.0, hash: pair.1, cause: .deleted, events: &events) ? 1 : 0)
            }
        }
    }

    /// Removes every entry (each reported as ``/CacheCore/RemovalCause/cleared``). Statistics stay; loads in
    /// flight will not store their results.
    ///
    /// - Complexity: O(*n*).
    public func clear() {
        withStorage(at: nil) { storage, _, events in
            storage.removeAllEntries(events: &events)
        }
    }

    /// Removes every entry: `Dictionary`'s name for ``clear()``.
    ///
    /// - Complexity: O(*n*).
    public func removeAll() {
        clear()
    }

    /// Removes and returns the policy's next victim (reported as ``/CacheCore/RemovalCause/evicted``), after
    /// expiring due entries; `nil` when the cache is empty.
    ///
    /// - Complexity: O(1), plus O(1) amortized per expired entry.
    @discardableResult
    public func popItem() -> (key: Key, value: Value)? {
        withStorage(at: timeIfExpiring()) { storage, _, events in
            storage.popVictim(events: &events)
        }
    }

    /// Expires due entries, then evicts until one more entry fits without evicting (as cacheout's
    /// `evict()`): a full cache ends one below its entry limit.
    ///
    /// - Returns: The number of entries expired and evicted.
    /// - Complexity: O(1) amortized per entry removed.
    @discardableResult
    public func evict() -> Int {
        withStorage(at: timeIfExpiring(), expiringDue: false) { storage, now, events in
            var removed = storage.expireDue(at: now, events: &events)
            while storage.count > 0 && storage.needsRoom(forCost: 1) {
                storage.evictOne(incomingHash: nil, events: &events)
                removed += 1
            }
            return removed
        }
    }

    @inlinable
    func write(_ key: Key, _ value: Value, ttl: TimeToLive?, onlyIfAbsent: Bool) -> Bool {
        write(key, value, hash: key.hashValue, ttl: ttl, onlyIfAbsent: onlyIfAbsent)
    }

    /// Stores `value` for `key`, whose `hashValue` is `hash`: ``set(_:_:ttl:)``, or ``add(_:_:ttl:)``
    /// with `onlyIfAbsent`.
    @inlinable
    func write(_ key: Key, _ value: Value, hash: Int, ttl: TimeToLive?, onlyIfAbsent: Bool) -> Bool {
        let ttl = self.ttl(ttl, forWriting: key, value)
        let cost = cost(of: key, value)
        return withStorage(at: time(forWriteWith: ttl), needsTime: ttl?.duration != nil) { storage, now, events in
            let deadline = storage.deadline(for: ttl, at: now)
            return onlyIfAbsent
                ? storage.add(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
                : storage.write(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
        }
    }

    @discardableResult
    func writeMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive?, onlyIfAbsent: Bool) -> Int {
        let prepared = items.map { item in
            (
                item.key, item.value, item.key.hashValue, cost(of: item.key, item.value),
                self.ttl(ttl, forWriting: item.key, item.value)
            )
        }
        let setsDeadline = prepared.contains { $0.4?.duration != nil }
        return withStorage(at: time(forWriteSettingDeadline: setsDeadline), needsTime: setsDeadline) {
            storage,
            now,
            events in
            var stored = 0
            for (key, value, hash, cost, ttl) in prepared {
                let deadline = storage.deadline(for: ttl, at: now)
                let wasStored =
                    onlyIfAbsent
                    ? storage.add(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
                    : storage.write(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
                if wasStored { stored += 1 }
            }
            return stored
        }
    }

    @usableFromInline
    func refusal(for key: Key, _ value: Value) -> CacheWriteError {
        let limits = self.limits
        if limits.maxSize == 0 { return .cacheStoresNothing(cacheName: name) }
        return .costExceedsLimit(cacheName: name, cost: cost(of: key, value), maxCost: limits.maxCost ?? 0)
    }
}
