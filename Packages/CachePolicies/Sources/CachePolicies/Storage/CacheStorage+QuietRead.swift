import CacheCore

extension CacheStorage {
    /// Reads `key` when the read can have no side effect beyond the policy and the counters: no
    /// entry has a deadline (so none can expire) and no listener wants reads. Then a read needs no
    /// clock, no event buffer and releases nothing, and ``Cache/get(_:)`` takes this path. A cache
    /// with `refreshAfter` never does: its reads need the clock to tell a stale entry, so its
    /// ``Cache/readsQuietly`` is always false.
    ///
    /// - Returns: `nil` when the read is not quiet (the caller takes the full path); otherwise the
    ///   read's result, a hit counted as ``read(_:hash:events:)`` counts it.
    /// - Complexity: O(1) on average.
    @inlinable
    @inline(__always)
    mutating func readQuietly(_ key: Key, hash: Int, countingMiss: Bool) -> Value?? {
        guard expirations.count == 0, !listeners.kinds.contains(.get) else { return nil }
        guard let (_, slot) = find(key, hash: hash) else {
            if countingMiss {
                policy.didMiss(hash: hash)
                stats.recordMiss()
            }
            return .some(nil)
        }
        policy.didAccess(CacheSlot(index: slot), hash: hash)
        stats.recordHit()
        return .some(entries[slot].unsafelyUnwrapped.value)
    }

    /// Reads `key` in the storage at `storage` for a quiet read that shares the lock (see
    /// ``CacheStorageLock``): it changes nothing, so readers on several threads may run it at
    /// once. It reads the fields it needs through the pointer, one by one: a method of the whole
    /// storage would copy it, or, if `mutating`, count as modifying it.
    ///
    /// - Returns: `nil` when the read is not quiet; `.some(nil)` for a miss; the slot and value
    ///   of a hit.
    /// - Complexity: O(1) on average.
    @inlinable
    @inline(__always)
    static func readSharingLock(
        at storage: UnsafeMutablePointer<Self>,
        _ key: Key,
        hash: Int
    ) -> (slot: Int, value: Value)?? {
        guard storage.pointee.expirations.count == 0, !storage.pointee.listeners.kinds.contains(.get) else {
            return nil
        }
        let found = storage.pointee.index.find(tag: SlotIndex.tag(of: hash)) { slot in
            storage.pointee.entries[slot].unsafelyUnwrapped.key == key
        }
        guard let (_, slot) = found else { return .some(nil) }
        return .some((slot, storage.pointee.entries[slot].unsafelyUnwrapped.value))
    }

    /// Tells the policy and the counters of `reads`, a stripe's buffered reads, as
    /// ``readQuietly(_:hash:countingMiss:)`` would have told them one by one.
    @inlinable
    mutating func apply(_ reads: UnsafeBufferPointer<BufferedRead>) {
        policy.didRead(reads)
        var misses = 0
        for read in reads where read.slot < 0 { misses &+= 1 }
        stats.recordHits(reads.count &- misses)
        stats.recordMisses(misses)
    }
}
