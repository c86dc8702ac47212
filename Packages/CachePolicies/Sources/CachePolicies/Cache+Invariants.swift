import CacheCore
import Synchronization

extension Cache {
    /// Checks every internal invariant of the cache and stops the program with a description of
    /// the first one that fails. For tests; O(*n*).
    @_spi(Testing)
    public func checkInvariants() {
        withLockedStorage { $0.checkInvariants() }
    }
}

extension CacheStorage {
    /// Checks that the index, the entries, the free slots, the costs, the expiration queue and the
    /// policy agree, and that the limits hold.
    @usableFromInline
    func checkInvariants() {
        let liveSlots = Set(entries.indices.filter { entries[$0] != nil })
        precondition(liveSlots.count == index.count, "index holds \(index.count) keys for \(liveSlots.count) entries")
        for (tag, slot) in index.indexedSlots {
            guard let entry = entries[slot] else { preconditionFailure("index points at empty \(slot)") }
            precondition(entry.tag == tag, "slot \(slot) has tag \(entry.tag), indexed as \(tag)")
            precondition(SlotIndex.tag(of: entry.key.hashValue) == tag, "slot \(slot)'s key hashes to another tag")
            precondition(find(entry.key, hash: entry.key.hashValue)?.slot == slot, "slot \(slot)'s key is not found")
        }
        let free = freeSlots.map(Int.init)
        precondition(Set(free).count == free.count, "a slot is free twice")
        precondition(Set(free).isDisjoint(with: liveSlots), "a live slot is on the free list")
        precondition(free.count + liveSlots.count == entries.count, "slots leak: neither live nor free")
        let expectedCost = usesCostFunction ? liveSlots.reduce(0) { $0 + costs[$1] } : liveSlots.count
        precondition(totalCost == expectedCost, "total cost \(totalCost), entries add up to \(expectedCost)")
        let ordered = policy.slotsInEvictionOrder().map(\.index)
        precondition(
            ordered.count == liveSlots.count,
            "policy tracks \(ordered.count) slots for \(liveSlots.count) entries"
        )
        precondition(Set(ordered) == liveSlots, "policy tracks other slots than the live ones")
        let scheduled = expirations.scheduled
        precondition(
            scheduled.count == expirations.count,
            "expiration count \(expirations.count) for \(scheduled.count)"
        )
        for (slot, deadline) in scheduled {
            precondition(liveSlots.contains(slot), "expiration scheduled for empty slot \(slot)")
            precondition(deadline >= expirations.last, "deadline \(deadline) before the queue's time")
            precondition(deadline >= expirations.lowerBound, "deadline \(deadline) below the lower bound")
        }
        if let maxSize = limits.maxSize { precondition(count <= maxSize, "\(count) entries over maxSize \(maxSize)") }
        if let maxCost = limits.maxCost {
            precondition(totalCost <= maxCost, "cost \(totalCost) over maxCost \(maxCost)")
        }
    }
}
