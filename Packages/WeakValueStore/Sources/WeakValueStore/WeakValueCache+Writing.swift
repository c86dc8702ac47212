import CacheCore
@_spi(CachingInternals) import CachePolicies
import Synchronization

extension WeakValueCache {
    /// Stores a weak reference to `value` for `key`, replacing any live value (reported to
    /// removal listeners as ``/CacheCore/RemovalCause/replaced``), and holds it in the keep-alive.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value; the cache keeps it only while something else holds it, or while the
    ///     keep-alive does.
    ///   - ttl: `nil` for the cache's default TTL, ``/CacheCore/TimeToLive/never`` for no expiry, or how long
    ///     the entry lives at most. Must not be negative.
    /// - Returns: `true`: the cache has no limit, so every value is stored.
    /// - Complexity: Amortized O(1).
    @inlinable
    @discardableResult
    public func set(_ key: Key, _ value: Value, ttl: TimeToLive? = nil) -> Bool {
        noteTTL(ttl)
        removeIfCollected(key)
        table.set(key, WeakReference(value), ttl: ttl)
        keepAlive?.set(key, value, ttl: ttl)
        didWrite()
        return true
    }

    /// Stores `value` like ``set(_:_:ttl:)``, but only when `key` has no live value; an existing
    /// value and its TTL stay as they are.
    ///
    /// - Returns: `true` when the value was stored.
    /// - Complexity: Amortized O(1).
    @inlinable
    @discardableResult
    public func add(_ key: Key, _ value: Value, ttl: TimeToLive? = nil) -> Bool {
        noteTTL(ttl)
        removeIfCollected(key)
        guard table.add(key, WeakReference(value), ttl: ttl) else { return false }
        keepAlive?.set(key, value, ttl: ttl)
        didWrite()
        return true
    }

    /// Stores every pair, in order, with one TTL.
    ///
    /// - Complexity: Amortized O(*k*) for *k* pairs.
    public func setMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive? = nil) {
        for (key, value) in items { set(key, value, ttl: ttl) }
    }

    /// Stores each pair whose key has no live value, in order.
    ///
    /// - Returns: The number of pairs stored.
    /// - Complexity: Amortized O(*k*) for *k* pairs.
    @discardableResult
    public func addMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive? = nil) -> Int {
        items.reduce(0) { stored, item in stored + (add(item.key, item.value, ttl: ttl) ? 1 : 0) }
    }

    /// Removes `key` (reported as ``/CacheCore/RemovalCause/deleted``) and lets the keep-alive drop its value.
    ///
    /// - Returns: `true` when the key had a live value.
    /// - Complexity: O(1) on average.
    @discardableResult
    public func delete(_ key: Key) -> Bool {
        removeValue(forKey: key) != nil
    }

    /// Removes `key` like ``delete(_:)`` and returns its live value (`WeakValueDictionary.pop`).
    ///
    /// - Returns: The value, or `nil` when the key had no live value.
    /// - Complexity: O(1) on average.
    @discardableResult
    public func removeValue(forKey key: Key) -> Value? {
        // The value is held from the lookup on, so the removal listeners get it even when only
        // the keep-alive held it. The lookup also removes a collected entry.
        while let (reference, value) = liveEntry(forKey: key) {
            // Removes that very entry; if a write replaced it meanwhile, look again.
            if table.remove(key, ifIdenticalTo: reference, cause: .deleted) {
                keepAlive?.remove(key, ifIdenticalTo: value, cause: .deleted)
                return value
            }
        }
        return nil
    }

    /// Removes the keys `filter` selects.
    ///
    /// - Returns: The number of live entries removed.
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries.
    @discardableResult
    public func deleteMany(_ filter: KeyFilter<Key>) -> Int {
        let keys = filter.listedKeys ?? liveEntries().map(\.key).filter(filter.matches)
        return keys.reduce(0) { removed, key in removed + (delete(key) ? 1 : 0) }
    }

    /// Removes every entry (each reported as ``/CacheCore/RemovalCause/cleared``) and empties the keep-alive.
    /// Statistics stay.
    ///
    /// - Complexity: O(*n*).
    public func clear() {
        table.clear()
        keepAlive?.clear()
    }

    /// Remembers that an entry may expire once a write gives one a TTL.
    @inlinable
    func noteTTL(_ ttl: TimeToLive?) {
        if case .after = ttl, !mayExpire.load(ordering: .relaxed) { mayExpire.store(true, ordering: .relaxed) }
    }

    /// Removes the entry for `key` if its value was deallocated, so that a write or delete that
    /// follows reports it as collected rather than as replaced or deleted.
    @inlinable
    func removeIfCollected(_ key: Key) {
        _ = resolve(key, countingAsRead: false)
    }
}
