import CacheCore

extension CacheStorage {
    /// Whether the cache holds more than its limits allow.
    @inlinable
    var isOverLimits: Bool {
        if let maxSize = limits.maxSize, count > maxSize { return true }
        if let maxCost = limits.maxCost, totalCost > maxCost { return true }
        return false
    }

    /// Whether an entry costing `cost` can ever fit.
    @inlinable
    func admits(cost: Int) -> Bool {
        if let maxSize = limits.maxSize, maxSize == 0 { return false }
        if let maxCost = limits.maxCost, cost > maxCost { return false }
        return true
    }

    /// Evicts entries until a new entry costing `cost` fits.
    ///
    /// - Parameter incomingHash: The new key's hash, for policies that adapt to it.
    @inlinable
    mutating func makeRoom(forCost cost: Int, incomingHash: Int, events: inout EventBuffer<Key, Value>) {
        while needsRoom(forCost: cost) {
            evictOne(incomingHash: incomingHash, events: &events)
        }
    }

    @inlinable
    func needsRoom(forCost cost: Int) -> Bool {
        if let maxSize = limits.maxSize, count >= maxSize { return true }
        if let maxCost = limits.maxCost, totalCost > maxCost &- cost { return true }
        return false
    }

    /// Evicts entries until the cache is within its limits.
    ///
    /// - Returns: The number of entries evicted.
    @inlinable
    @discardableResult
    mutating func evictWhileOverLimits(events: inout EventBuffer<Key, Value>) -> Int {
        var evicted = 0
        while isOverLimits {
            evictOne(incomingHash: nil, events: &events)
            evicted += 1
        }
        return evicted
    }

    /// Evicts the policy's next victim.
    ///
    /// - Returns: The evicted entry.
    @inlinable
    @discardableResult
    mutating func evictOne(incomingHash: Int?, events: inout EventBuffer<Key, Value>) -> CacheEntry<Key, Value> {
        let choice = entries.withUnsafeBufferPointer { entries in
            policy.nextVictim(incomingHash: incomingHash, entryTags: EntryTags(entries, tagOffset: entryTagOffset))
        }
        guard let victim = choice else {
            preconditionFailure("Cache: the eviction policy chose no victim while the cache holds \(count) entries")
        }
        let slot = victim.index
        precondition(
            slot < entries.count && entries[slot] != nil,
            "Cache: the eviction policy chose \(victim), which holds no entry"
        )
        let entry = removeEntry(slot: slot, bucket: nil)
        stats.recordRemoval(.evicted)
        recordRemoval(of: entry, cause: .evicted, events: &events)
        return entry
    }
}
