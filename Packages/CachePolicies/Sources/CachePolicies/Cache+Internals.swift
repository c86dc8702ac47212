import CacheCore

// Hooks for swift-caching's own packages built on `Cache` (the weak store, the ExpiringDict
// layer). They are SPI, not API: `@_spi(CachingInternals) import CachePolicies` to use them.

extension Cache {
    /// Looks `key` up through `resolve`, which turns the stored value into what the caller gets
    /// or returns `nil` when the value is gone (a weakly held object that was deallocated).
    ///
    /// An entry whose value `resolve` rejects is removed with cause ``/CacheCore/RemovalCause/collected``.
    /// With `countingAsRead`, the lookup is a read like ``get(_:)``: a resolved value is a hit and
    /// a use for the policy, a rejected or absent one a miss; without it nothing is counted or
    /// touched (like ``contains(_:)``).
    ///
    /// `resolve` runs under the cache's lock: it must not call into the cache, and it must hand
    /// out (return) any strong reference it takes rather than release it there, so that no
    /// `deinit` runs under the lock.
    ///
    /// Not API: it is public (underscored, not SPI) only so that the read paths of the packages
    /// built on `Cache`, such as `WeakValueCache`, can be `@inlinable`, which code using SPI
    /// cannot be; without it their reads ran unspecialised, 9–11× slower.
    ///
    /// - Returns: What `resolve` made of the live value, or `nil`.
    /// - Complexity: O(1) on average.
    @inlinable
    public func _get<Resolved: Sendable>(
        _ key: Key,
        countingAsRead: Bool,
        resolving resolve: @Sendable (Value) -> Resolved?
    ) -> Resolved? {
        let hash = key.hashValue
        return withStorage(at: timeIfExpiring()) { storage, _, events in
            guard let (bucket, slot) = storage.find(key, hash: hash) else {
                if countingAsRead {
                    storage.policy.didMiss(hash: hash)
                    storage.stats.recordMiss()
                    events.recordMiss(key)
                }
                return nil
            }
            let value = storage.entries[slot].unsafelyUnwrapped.value
            guard let resolved = resolve(value) else {
                storage.remove(slot: slot, bucket: bucket, cause: .collected, events: &events)
                if countingAsRead {
                    storage.policy.didMiss(hash: hash)
                    storage.stats.recordMiss()
                    events.recordMiss(key)
                }
                return nil
            }
            if countingAsRead {
                storage.policy.didAccess(CacheSlot(index: slot), hash: hash)
                storage.stats.recordHit()
                events.recordHit(key, value)
            }
            return resolved
        }
    }

    /// Stores `value` for `key` with an absolute deadline instead of a TTL (the ExpiringDict layer
    /// writes entries whose timestamps it keeps, and copies them with their deadlines).
    ///
    /// Otherwise it is ``set(_:_:ttl:)``: a live value is replaced, a new key makes room first.
    /// A deadline at or before the cache's current time stores an entry that is already dead (and
    /// makes no room), as a zero TTL does; ``/CacheCore/CacheInstant/distantFuture`` stores one
    /// that never expires.
    ///
    /// - Returns: `false` when the value can never fit (see ``set(_:_:ttl:)``).
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @_spi(CachingInternals)
    @discardableResult
    public func set(_ key: Key, _ value: Value, deadline: CacheInstant) -> Bool {
        let hash = key.hashValue
        let cost = cost(of: key, value)
        let expires = deadline != .distantFuture
        let time = expires ? time(forWriteWith: .after(.zero)) : timeIfExpiring()
        return withStorage(at: time, needsTime: expires) { storage, now, events in
            let clamped = now.map { Swift.max(deadline.nanoseconds, $0.nanoseconds) } ?? deadline.nanoseconds
            return storage.write(key, value, hash: hash, cost: cost, deadline: clamped, events: &events)
        }
    }
}

extension Cache where Value: AnyObject {
    /// Removes `key` for `cause` only while its value is `value` itself (the same object), so that
    /// a caller that saw an entry earlier never removes a newer one written meanwhile.
    ///
    /// - Returns: Whether the entry was removed.
    /// - Complexity: O(1) on average.
    @_spi(CachingInternals)
    @discardableResult
    public func remove(_ key: Key, ifIdenticalTo value: Value, cause: RemovalCause) -> Bool {
        let hash = key.hashValue
        return withStorage(at: timeIfExpiring()) { storage, _, events in
            guard let (bucket, slot) = storage.find(key, hash: hash),
                storage.entries[slot].unsafelyUnwrapped.value === value
            else { return false }
            storage.remove(slot: slot, bucket: bucket, cause: cause, events: &events)
            return true
        }
    }
}
