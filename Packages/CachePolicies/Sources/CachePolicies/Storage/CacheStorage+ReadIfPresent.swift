import CacheCore

extension CacheStorage {
    /// Reads `key` like ``read(_:hash:events:)``, but counts and reports nothing when it is
    /// absent (the caller goes on to a read that does).
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    mutating func readIfPresent(_ key: Key, hash: Int, events: inout EventBuffer<Key, Value>) -> Value? {
        guard let (_, slot) = find(key, hash: hash) else { return nil }
        policy.didAccess(CacheSlot(index: slot), hash: hash)
        stats.recordHit()
        if accessExpiry != nil { recordAccess(slot: slot) }
        let value = entries[slot].unsafelyUnwrapped.value
        events.recordHit(key, value)
        if refresh != nil { reloadIfDue(key, slot: slot) }
        return value
    }
}
