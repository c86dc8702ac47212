import CacheCore

/// S3-FIFO (Yang, Zhang, Qiu, Yue and Rashmi, SOSP 2023): a small FIFO queue for new entries, a
/// main FIFO queue for entries that proved themselves, and a ghost queue of keys recently evicted
/// from the small one.
///
/// A new key enters the small queue (10% of the capacity), or the main queue when the ghost queue
/// remembers it. A hit only counts (nothing moves). Eviction takes from the main queue when it is
/// over its share (or the small queue is empty), otherwise from the small queue:
/// - small queue: its oldest entry moves to the main queue if it was hit at least
///   `promotionThreshold` times there, otherwise it is evicted and its key joins the ghost queue
///   (90% of the capacity, oldest keys forgotten first);
/// - main queue: its oldest entry goes back in as the newest, with one use fewer (at most 2 left),
///   if it was used; otherwise it is evicted — a CLOCK with a 2-bit counter.
///
/// This is libCacheSim's `S3FIFO.c` entry for entry (threshold 2 is its default; 1 is the rule the
/// paper's text gives), including its order of work: a missing key is looked up (and taken out
/// of) the ghost queue before room is made for it. Eviction is amortized O(1): every move spends
/// a use that a hit paid for, or promotes an entry once.
///
/// The engine calls it directly rather than through `any EvictionPolicy` (see
/// ``PolicyDispatch``); a hit, one counter raised, is inlined into the read.
@usableFromInline
struct S3FIFOPolicy: EvictionPolicy {
    @usableFromInline
    struct SlotState: Sendable {
        @usableFromInline var hash: Int
        @usableFromInline var uses: UInt8
        /// The queue the slot is in, `small` or `main`: it fills the padding after `uses`.
        @usableFromInline var queue: UInt8

        @inlinable
        init(hash: Int, uses: UInt8, queue: UInt8) {
            self.hash = hash
            self.uses = uses
            self.queue = queue
        }
    }

    private static let small: UInt8 = 0
    private static let main: UInt8 = 1

    private var links = SlotLinks()
    @usableFromInline var states: ContiguousArray<SlotState> = []
    private var smallQueue = SlotList()
    private var mainQueue = SlotList()
    private var ghosts = GhostLists()
    private var mainCapacity = Int.max
    private var ghostCapacity = 0
    /// The key (by hash) a `nextVictim` call is making room for, when the ghost queue held it.
    private var ghostHitHash: Int?
    private let promotionThreshold: UInt8
    /// The most uses a slot counts: more could change no decision, as the small queue compares
    /// them with the threshold and the main queue spends at most 3. A hit on a slot at the limit
    /// writes nothing, so hot entries' hits cost a load.
    @usableFromInline let usesLimit: UInt8

    /// Creates the policy.
    ///
    /// - Parameter promotionThreshold: The hits an entry needs in the small queue to move to the
    ///   main one; 1...255.
    @usableFromInline
    init(promotionThreshold: Int) {
        precondition(
            (1...255).contains(promotionThreshold),
            "S3-FIFO: the promotion threshold must be in 1...255, got \(promotionThreshold)"
        )
        self.promotionThreshold = UInt8(promotionThreshold)
        self.usesLimit = max(3, UInt8(promotionThreshold))
    }

    @usableFromInline
    mutating func capacityDidChange(to maxSize: Int?) {
        guard let maxSize else {
            mainCapacity = .max
            ghostCapacity = 0
            ghosts.removeAll()
            return
        }
        // libCacheSim sizes the queues as `(int64_t)(size * ratio)`; the small queue keeps at
        // least one entry so that tiny caches still admit.
        let smallCapacity = max(1, Int(Double(maxSize) * 0.1))
        mainCapacity = maxSize - smallCapacity
        ghostCapacity = Int(Double(maxSize) * 0.9)
        while ghosts.totalCount > ghostCapacity { ghosts.removeOldest(from: 0) }
    }

    @usableFromInline
    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        links.reserve(upTo: slot.index)
        if slot.index >= states.count {
            states.append(
                contentsOf: repeatElement(
                    SlotState(hash: 0, uses: 0, queue: S3FIFOPolicy.small),
                    count: links.links.count - states.count
                )
            )
        }
        let remembered = ghostHitHash == hash || ghosts.remove(hash)
        ghostHitHash = nil
        states[slot.index] = SlotState(hash: hash, uses: 0, queue: remembered ? S3FIFOPolicy.main : S3FIFOPolicy.small)
        if remembered {
            mainQueue.append(slot.rawValue, links: &links)
        } else {
            smallQueue.append(slot.rawValue, links: &links)
        }
    }

    @inlinable
    @inline(__always)
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        let uses = states[slot.index].uses
        if uses < usesLimit { states[slot.index].uses = uses &+ 1 }
    }

    @usableFromInline
    mutating func didRemove(_ slot: CacheSlot) {
        if states[slot.index].queue == S3FIFOPolicy.small {
            smallQueue.remove(slot.rawValue, links: &links)
        } else {
            mainQueue.remove(slot.rawValue, links: &links)
        }
    }

    @usableFromInline
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        // libCacheSim looks the missing key up in the ghost queue (and takes it out) before it
        // makes room, so the evictions cannot push it out of the ghost queue first.
        if let incomingHash, ghostHitHash != incomingHash, ghosts.remove(incomingHash) {
            ghostHitHash = incomingHash
        }
        return takeVictim(remembering: true).map(CacheSlot.init)
    }

    /// The order in which successive evictions would take the entries (run on a copy).
    @usableFromInline
    func slotsInEvictionOrder() -> [CacheSlot] {
        var copy = self
        copy.ghosts = GhostLists()
        var result: [CacheSlot] = []
        result.reserveCapacity(smallQueue.count + mainQueue.count)
        while let slot = copy.takeVictim(remembering: false) { result.append(CacheSlot(slot)) }
        return result
    }

    @usableFromInline
    mutating func removeAll() {
        links.removeAll()
        states.removeAll()
        smallQueue = SlotList()
        mainQueue = SlotList()
        ghosts.removeAll()
        ghostHitHash = nil
    }

    /// Evicts one entry, promoting and recycling entries on the way.
    ///
    /// - Parameter remembering: Whether keys evicted from the small queue join the ghost queue.
    private mutating func takeVictim(remembering: Bool) -> Int32? {
        while !smallQueue.isEmpty || !mainQueue.isEmpty {
            if mainQueue.count > mainCapacity || smallQueue.isEmpty {
                if let victim = evictFromMain() { return victim }
            } else if let victim = evictFromSmall(remembering: remembering) {
                return victim
            }
        }
        return nil
    }

    /// Promotes the small queue's oldest entries that earned it until one is evicted, or the
    /// queue runs empty (then `nil`).
    private mutating func evictFromSmall(remembering: Bool) -> Int32? {
        while let oldest = smallQueue.removeFirst(links: &links) {
            if states[Int(oldest)].uses >= promotionThreshold {
                states[Int(oldest)].uses = 0
                mainQueue.append(oldest, links: &links)
                states[Int(oldest)].queue = S3FIFOPolicy.main
            } else {
                if remembering && ghostCapacity > 0 {
                    if ghosts.totalCount >= ghostCapacity { ghosts.removeOldest(from: 0) }
                    ghosts.append(states[Int(oldest)].hash, to: 0)
                }
                return oldest
            }
        }
        return nil
    }

    /// Recycles the main queue's oldest entries that were used until one is evicted.
    private mutating func evictFromMain() -> Int32? {
        while let oldest = mainQueue.removeFirst(links: &links) {
            let uses = states[Int(oldest)].uses
            if uses >= 1 {
                states[Int(oldest)].uses = min(uses, 3) - 1
                mainQueue.append(oldest, links: &links)
            } else {
                return oldest
            }
        }
        return nil
    }
}
