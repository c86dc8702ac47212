import CacheCore

extension CacheStorage {
    /// Reads `key`: a hit is a use for the policy and counts as a hit; a miss is reported to the
    /// policy and counts as a miss.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    mutating func read(_ key: Key, hash: Int, events: inout EventBuffer<Key, Value>) -> Value? {
        guard let (_, slot) = find(key, hash: hash) else {
            policy.didMiss(hash: hash)
            stats.recordMiss()
            events.recordMiss(key)
            return nil
        }
        policy.didAccess(CacheSlot(index: slot), hash: hash)
        stats.recordHit()
        if accessExpiry != nil { recordAccess(slot: slot) }
        let value = entries[slot].unsafelyUnwrapped.value
        events.recordHit(key, value)
        if refresh != nil { reloadIfDue(key, slot: slot) }
        return value
    }

    /// Stores `value` for `key`, replacing a live value or making room for a new entry.
    ///
    /// - Returns: `false` when the entry can never fit (it costs more than the cost limit, or the
    ///   entry limit is 0); the cache is then unchanged.
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @inlinable
    @discardableResult
    mutating func write(
        _ key: Key,
        _ value: Value,
        hash: Int,
        cost: Int,
        deadline: Int64,
        events: inout EventBuffer<Key, Value>
    ) -> Bool {
        update(key, value, hash: hash, cost: cost, deadline: deadline, events: &events).stored
    }

    /// ``write(_:_:hash:cost:deadline:events:)``, which also returns the live value it replaced.
    ///
    /// A value whose deadline has passed already (a zero TTL) replaces the live one and expires
    /// at once, in this operation.
    ///
    /// - Returns: Whether the value was stored (see `write`), and the key's live value before,
    ///   when it was stored over one.
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @inlinable
    @inline(__always)
    mutating func update(
        _ key: Key,
        _ value: Value,
        hash: Int,
        cost: Int,
        deadline: Int64,
        events: inout EventBuffer<Key, Value>
    ) -> (stored: Bool, replaced: Value?) {
        guard admits(cost: cost) else { return (false, nil) }
        loads.invalidate(key)
        var replaced: Value?
        if let (bucket, slot) = find(key, hash: hash) {
            replaced = entries[slot].unsafelyUnwrapped.value
            replace(slot: slot, with: value, hash: hash, cost: cost, deadline: deadline, events: &events)
            if deadline <= latestTime.nanoseconds {
                // Dead on arrival, as in `insertNew`: reported as set, then expired at once.
                remove(slot: slot, bucket: bucket, cause: .expired, events: &events)
            } else {
                evictWhileOverLimits(events: &events)
            }
        } else {
            insertNew(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
        }
        return (true, replaced)
    }

    /// Stores `value` for `key` only when the key has no live entry.
    ///
    /// - Returns: Whether the value was stored.
    @inlinable
    mutating func add(
        _ key: Key,
        _ value: Value,
        hash: Int,
        cost: Int,
        deadline: Int64,
        events: inout EventBuffer<Key, Value>
    ) -> Bool {
        guard find(key, hash: hash) == nil else { return false }
        return insertNewIfItFits(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
    }

    /// Stores `value` for `key`, which has no live entry (the caller looked), unless it can never
    /// fit.
    ///
    /// - Returns: Whether the value was stored.
    @inlinable
    @discardableResult
    mutating func insertNewIfItFits(
        _ key: Key,
        _ value: Value,
        hash: Int,
        cost: Int,
        deadline: Int64,
        events: inout EventBuffer<Key, Value>
    ) -> Bool {
        guard admits(cost: cost) else { return false }
        loads.invalidate(key)
        insertNew(key, value, hash: hash, cost: cost, deadline: deadline, events: &events)
        return true
    }

    /// Makes room for and stores an entry for `key`, which has no live entry.
    ///
    /// An entry whose deadline has passed already (a zero TTL) is reported as set and expired at
    /// once, and makes no room: evicting a live entry for it would leave the cache with less.
    @inlinable
    mutating func insertNew(
        _ key: Key,
        _ value: Value,
        hash: Int,
        cost: Int,
        deadline: Int64,
        events: inout EventBuffer<Key, Value>
    ) {
        if deadline <= latestTime.nanoseconds {
            stats.recordSet()
            events.recordSet(key, value, oldValue: nil)
            stats.recordRemoval(.expired)
            recordRemoval(of: CacheEntry(key: key, value: value, tag: 0), cause: .expired, events: &events)
            return
        }
        makeRoom(forCost: cost, incomingHash: hash, events: &events)
        let slot = insertEntry(key: key, value: value, hash: hash, cost: cost, deadline: deadline)
        policy.didInsert(CacheSlot(index: slot), hash: hash)
        stats.recordSet()
        events.recordSet(key, value, oldValue: nil)
    }

    /// Replaces the value in `slot`: the old value is reported as replaced.
    @inlinable
    mutating func replace(
        slot: Int,
        with value: Value,
        hash: Int,
        cost: Int,
        deadline: Int64,
        events: inout EventBuffer<Key, Value>
    ) {
        let key = entries[slot].unsafelyUnwrapped.key
        let oldValue = entries[slot].unsafelyUnwrapped.value
        entries[slot]!.value = value
        if usesCostFunction {
            totalCost &+= cost &- costs[slot]
            costs[slot] = cost
        }
        reschedule(slot, at: effectiveDeadline(ofWritten: slot, deadline: deadline))
        policy.didUpdate(CacheSlot(index: slot), hash: hash)
        if refresh != nil { refresh!.recordWrite(slot: slot, at: latestTime.nanoseconds) }
        stats.recordSet()
        recordRemoval(of: CacheEntry(key: key, value: oldValue, tag: 0), cause: .replaced, events: &events)
        events.recordSet(key, value, oldValue: oldValue)
    }

    /// Removes `key` for `cause`.
    ///
    /// - Returns: Whether the key had a live entry.
    @inlinable
    mutating func delete(
        _ key: Key,
        hash: Int,
        cause: RemovalCause,
        events: inout EventBuffer<Key, Value>
    ) -> Bool {
        loads.invalidate(key)
        guard let (bucket, slot) = find(key, hash: hash) else { return false }
        remove(slot: slot, bucket: bucket, cause: cause, events: &events)
        return true
    }

    /// Evicts the policy's next victim and returns it.
    @inlinable
    mutating func popVictim(events: inout EventBuffer<Key, Value>) -> (key: Key, value: Value)? {
        guard count > 0 else { return nil }
        let entry = evictOne(incomingHash: nil, events: &events)
        return (entry.key, entry.value)
    }

    /// The live entries in the policy's eviction order.
    @usableFromInline
    func entriesInEvictionOrder() -> [CacheEntry<Key, Value>] {
        policy.slotsInEvictionOrder().map { entries[$0.index].unsafelyUnwrapped }
    }
}
