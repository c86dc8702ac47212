import CacheCore

/// ARC, the Adaptive Replacement Cache (Megiddo and Modha, FAST 2003).
///
/// Entries seen once recently live in T1, entries seen at least twice in T2, both in LRU order;
/// the ghost lists B1 and B2 remember the keys (by hash) last evicted from each. A target `p` for
/// the size of T1 adapts to the workload: a miss on a key in B1 means T1 was too small (`p`
/// grows by max(|B2|/|B1|, 1)), a miss on a key in B2 that T2 was (`p` shrinks by
/// max(|B1|/|B2|, 1)). To make room ARC evicts T1's least recently used entry into B1 when T1
/// is over its target (or at it, for a key remembered by B2), otherwise T2's into B2. The lists
/// keep |T1| + |B1| ≤ c and |T1| + |T2| + |B1| + |B2| ≤ 2c for a capacity of c entries.
///
/// `p` is real-valued, as in the paper (an integer step changes the results). Every operation is
/// O(1) on average.
struct ARCPolicy: EvictionPolicy {
    private static let recent: UInt8 = 1
    private static let frequent: UInt8 = 2
    private static let recentGhosts = 0
    private static let frequentGhosts = 1

    /// A link's group is its list: ``recent`` (T1) or ``frequent`` (T2).
    private var links = SlotLinks(groups: true)
    private var hashes: ContiguousArray<Int> = []
    private var recent = SlotList()
    private var frequent = SlotList()
    /// B1 (list 0) and B2 (list 1).
    private var ghosts = GhostLists()
    /// The entry limit, or `nil` when the cache has none (then the number of entries held when
    /// an eviction is asked for stands in for it).
    private var capacity: Int?
    /// The target size of T1.
    private var target = 0.0
    /// The hash of the key a `nextVictim` call made room for, whose miss already adapted the target.
    private var adaptedHash: Int?

    mutating func capacityDidChange(to maxSize: Int?) {
        capacity = maxSize
        guard let maxSize else { return }
        target = min(target, Double(maxSize))
        trimGhosts(capacity: maxSize, makingRoom: false)
    }

    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        links.reserve(upTo: slot.index)
        if slot.index >= hashes.count {
            hashes.append(contentsOf: repeatElement(0, count: links.links.count - hashes.count))
        }
        hashes[slot.index] = hash
        let c = effectiveCapacity
        if let ghost = ghosts.list(holding: hash) {
            if adaptedHash != hash { adaptTarget(toGhostHitIn: ghost, capacity: c) }
            ghosts.remove(hash)
            frequent.append(slot.rawValue, links: &links)
            links[groupOf: slot.rawValue] = ARCPolicy.frequent
        } else {
            trimGhosts(capacity: c, makingRoom: true)
            recent.append(slot.rawValue, links: &links)
            links[groupOf: slot.rawValue] = ARCPolicy.recent
        }
        adaptedHash = nil
    }

    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        if links[groupOf: slot.rawValue] == ARCPolicy.recent {
            recent.remove(slot.rawValue, links: &links)
            frequent.append(slot.rawValue, links: &links)
            links[groupOf: slot.rawValue] = ARCPolicy.frequent
        } else {
            frequent.moveToBack(slot.rawValue, links: &links)
        }
    }

    mutating func didRemove(_ slot: CacheSlot) {
        if links[groupOf: slot.rawValue] == ARCPolicy.recent {
            recent.remove(slot.rawValue, links: &links)
        } else {
            frequent.remove(slot.rawValue, links: &links)
        }
    }

    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        guard !recent.isEmpty || !frequent.isEmpty else { return nil }
        guard let incomingHash else { return CacheSlot(replace(incomingInFrequentGhosts: false)) }
        let c = effectiveCapacity
        let ghost = ghosts.list(holding: incomingHash)
        if let ghost {
            if adaptedHash != incomingHash { adaptTarget(toGhostHitIn: ghost, capacity: c) }
            adaptedHash = incomingHash
        } else if recent.count + ghosts.count(of: ARCPolicy.recentGhosts) >= c {
            // |T1| + |B1| = c: forget B1's oldest key, or, when T1 fills the cache, evict T1's
            // least recently used entry without remembering it.
            if recent.count < c {
                ghosts.removeOldest(from: ARCPolicy.recentGhosts)
            } else if let victim = recent.removeFirst(links: &links) {
                return CacheSlot(victim)
            }
        } else if residentCount + ghosts.totalCount >= 2 * c {
            ghosts.removeOldest(from: ARCPolicy.frequentGhosts)
        }
        return CacheSlot(replace(incomingInFrequentGhosts: ghost == ARCPolicy.frequentGhosts))
    }

    /// The order of successive `popItem()`s: T1's oldest entries while T1 is over its target,
    /// then T2 from the least recently used, then the rest of T1.
    func slotsInEvictionOrder() -> [CacheSlot] {
        let recentSlots = recent.slots(links: links)
        let keptInRecent = min(recentSlots.count, Int(max(0, target).rounded(.down)))
        let leadingRecent = recentSlots.count - keptInRecent
        return Array(recentSlots[..<leadingRecent]) + frequent.slots(links: links)
            + recentSlots[leadingRecent...]
    }

    mutating func removeAll() {
        links.removeAll()
        hashes.removeAll()
        recent = SlotList()
        frequent = SlotList()
        ghosts.removeAll()
        target = 0
        adaptedHash = nil
    }

    private var residentCount: Int { recent.count + frequent.count }

    private var effectiveCapacity: Int { capacity ?? max(residentCount, 1) }

    /// Moves `p` after a miss on a key remembered by ghost list `ghost`.
    private mutating func adaptTarget(toGhostHitIn ghost: Int, capacity c: Int) {
        let recentGhosts = Double(ghosts.count(of: ARCPolicy.recentGhosts))
        let frequentGhosts = Double(ghosts.count(of: ARCPolicy.frequentGhosts))
        if ghost == ARCPolicy.recentGhosts {
            target = min(Double(c), target + max(frequentGhosts / recentGhosts, 1))
        } else {
            target = max(0, target - max(recentGhosts / frequentGhosts, 1))
        }
    }

    /// ARC's REPLACE: evicts T1's least recently used entry into B1 or T2's into B2.
    private mutating func replace(incomingInFrequentGhosts: Bool) -> Int32 {
        let recentCount = Double(recent.count)
        if !recent.isEmpty && (recentCount > target || (incomingInFrequentGhosts && recentCount == target))
            || frequent.isEmpty
        {
            let victim = recent.removeFirst(links: &links)!
            ghosts.append(hashes[Int(victim)], to: ARCPolicy.recentGhosts)
            return victim
        }
        let victim = frequent.removeFirst(links: &links)!
        ghosts.append(hashes[Int(victim)], to: ARCPolicy.frequentGhosts)
        return victim
    }

    /// Keeps |T1| + |B1| and the total within bounds; with `makingRoom`, leaves room for one more
    /// entry in T1.
    private mutating func trimGhosts(capacity c: Int, makingRoom: Bool) {
        let extra = makingRoom ? 1 : 0
        while recent.count + ghosts.count(of: ARCPolicy.recentGhosts) + extra > c
            && ghosts.count(of: ARCPolicy.recentGhosts) > 0
        {
            ghosts.removeOldest(from: ARCPolicy.recentGhosts)
        }
        while residentCount + ghosts.totalCount + extra > 2 * c && ghosts.totalCount > 0 {
            ghosts.removeOldest(
                from: ghosts.count(of: ARCPolicy.frequentGhosts) > 0 ? ARCPolicy.frequentGhosts : ARCPolicy.recentGhosts
            )
        }
    }
}
