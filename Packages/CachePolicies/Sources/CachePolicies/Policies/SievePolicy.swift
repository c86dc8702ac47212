import CacheCore

/// SIEVE (Zhang, Yang, Yue, Vigfusson and Rashmi, NSDI 2024): one queue, a visited bit per entry
/// and a hand that sweeps from the oldest entry toward the newest.
///
/// New entries join the newest end unvisited; a hit only sets the visited bit (nothing moves, so
/// hits are cheap). To evict, the hand clears the bits of visited entries as it passes them,
/// wrapping from the newest end to the oldest, and evicts the first unvisited entry; it then
/// rests on that entry's newer neighbour. Eviction is amortized O(1): each pass clears a bit that
/// a hit set. This is libCacheSim's `Sieve.c`, entry for entry.
///
/// The engine calls it directly rather than through `any EvictionPolicy` (see
/// ``PolicyDispatch``); a hit, one bit set, is inlined into the read.
@usableFromInline
struct SievePolicy: EvictionPolicy {
    /// A slot's group is its visited bit.
    @usableFromInline var links = SlotLinks(groups: true)
    /// Oldest entry at the front, newest at the back.
    private var queue = SlotList()
    /// Where the next sweep starts; -1 for the oldest entry.
    private var hand: Int32 = -1

    @inlinable
    init() {}

    @usableFromInline
    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        links.reserve(upTo: slot.index)
        queue.append(slot.rawValue, links: &links)
        links[groupOf: slot.rawValue] = 0
    }

    @inlinable
    @inline(__always)
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        // Written only when it changes: a hit on a visited entry leaves its line clean, so threads
        // applying their reads do not pull it from each other's caches.
        if links[groupOf: slot.rawValue] == 0 { links[groupOf: slot.rawValue] = 1 }
    }

    @usableFromInline
    mutating func didRemove(_ slot: CacheSlot) {
        if hand == slot.rawValue { hand = links[slot.rawValue].next }
        queue.remove(slot.rawValue, links: &links)
    }

    @usableFromInline
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        guard !queue.isEmpty else { return nil }
        var cursor = hand >= 0 ? hand : queue.head
        while links[groupOf: cursor] != 0 {
            links[groupOf: cursor] = 0
            cursor = links[cursor].next
            if cursor < 0 { cursor = queue.head }
        }
        hand = links[cursor].next
        queue.remove(cursor, links: &links)
        return CacheSlot(cursor)
    }

    /// The order in which successive evictions would take the entries (the hand's sweep, run on
    /// a copy).
    @usableFromInline
    func slotsInEvictionOrder() -> [CacheSlot] {
        var sweep = self
        var result: [CacheSlot] = []
        result.reserveCapacity(queue.count)
        while let slot = sweep.nextVictim(incomingHash: nil) { result.append(slot) }
        return result
    }

    @usableFromInline
    mutating func removeAll() {
        self = SievePolicy()
    }
}
