import CacheCore

/// FIFO, LIFO, LRU and MRU: one queue of slots in write (or use) order.
///
/// New entries and rewritten ones go to the back; with `refreshesOnAccess` (LRU, MRU) so do hits.
/// The victim is the front (FIFO, LRU) or the back (LIFO, MRU). Every operation is O(1).
///
/// The engine calls it directly rather than through `any EvictionPolicy` (see
/// ``PolicyDispatch``), so its operations are inlinable and specialised into the caller.
@usableFromInline
struct QueuePolicy: EvictionPolicy {
    @usableFromInline var links = SlotLinks()
    @usableFromInline var queue = SlotList()
    @usableFromInline let evictsNewest: Bool
    @usableFromInline let refreshesOnAccess: Bool

    @inlinable
    init(evictsNewest: Bool, refreshesOnAccess: Bool) {
        self.evictsNewest = evictsNewest
        self.refreshesOnAccess = refreshesOnAccess
    }

    @inlinable
    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        links.reserve(upTo: slot.index)
        queue.append(slot.rawValue, links: &links)
    }

    @inlinable
    @inline(__always)
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        if refreshesOnAccess { queue.moveToBack(slot.rawValue, links: &links) }
    }

    @inlinable
    mutating func didUpdate(_ slot: CacheSlot, hash: Int) {
        queue.moveToBack(slot.rawValue, links: &links)
    }

    @inlinable
    mutating func didRemove(_ slot: CacheSlot) {
        queue.remove(slot.rawValue, links: &links)
    }

    @inlinable
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        let victim = evictsNewest ? queue.removeLast(links: &links) : queue.removeFirst(links: &links)
        return victim.map(CacheSlot.init)
    }

    @usableFromInline
    func slotsInEvictionOrder() -> [CacheSlot] {
        let frontToBack = queue.slots(links: links)
        return evictsNewest ? frontToBack.reversed() : frontToBack
    }

    @inlinable
    mutating func removeAll() {
        links.removeAll()
        queue = SlotList()
    }
}
