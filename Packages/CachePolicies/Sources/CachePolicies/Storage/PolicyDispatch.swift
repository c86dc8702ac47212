import CacheCore

/// The cache's eviction policy, called directly when it is one of the queue policies (FIFO,
/// LIFO, LRU, MRU), W-TinyLFU (the default), SIEVE, S3-FIFO or LFU, and through
/// `any EvictionPolicy` otherwise.
///
/// A call through the existential costs a projection of its box (with a uniqueness check of the
/// box on every mutation) and an indirect call that the optimiser cannot see through; for the
/// queue policies the engine instead inlines the policy's few link writes into the operation,
/// for SIEVE and S3-FIFO their hit (a bit or a counter), and calls the methods of W-TinyLFU,
/// LFU and the rest directly. Every other policy, built-in or custom, keeps its existential call.
@usableFromInline
struct PolicyDispatch {
    /// Which of the stored policies is the cache's.
    @usableFromInline
    enum Kind: Sendable {
        case queue
        case tinyLFU
        case sieve
        case s3fifo
        case lfu
        case other
    }

    /// The policy, when it is a queue policy; otherwise an unused, empty one.
    @usableFromInline var queue: QueuePolicy
    /// The policy, when it is W-TinyLFU; otherwise an unused, empty one.
    @usableFromInline var tinyLFU: WindowTinyLFUPolicy
    /// The policy, when it is SIEVE; otherwise an unused, empty one.
    @usableFromInline var sieve: SievePolicy
    /// The policy, when it is S3-FIFO; otherwise an unused, empty one.
    @usableFromInline var s3fifo: S3FIFOPolicy
    /// The policy, when it is LFU; otherwise an unused, empty one.
    @usableFromInline var lfu: LFUPolicy
    /// The policy, when it is none of the above.
    @usableFromInline var other: (any EvictionPolicy)?
    /// Which policy is the cache's (checking `other` for `nil` would copy the existential).
    @usableFromInline let kind: Kind

    @usableFromInline
    init(_ policy: any EvictionPolicy) {
        self.queue = QueuePolicy(evictsNewest: false, refreshesOnAccess: false)
        self.tinyLFU = WindowTinyLFUPolicy(window: .fixed, seed: 0)
        self.sieve = SievePolicy()
        self.s3fifo = S3FIFOPolicy(promotionThreshold: 1)
        self.lfu = LFUPolicy()
        self.other = nil
        if let queue = policy as? QueuePolicy {
            self.queue = queue
            self.kind = .queue
        } else if var tinyLFU = policy as? WindowTinyLFUPolicy {
            tinyLFU.readsTagsFromEntries()
            self.tinyLFU = tinyLFU
            self.kind = .tinyLFU
        } else if let sieve = policy as? SievePolicy {
            self.sieve = sieve
            self.kind = .sieve
        } else if let s3fifo = policy as? S3FIFOPolicy {
            self.s3fifo = s3fifo
            self.kind = .s3fifo
        } else if let lfu = policy as? LFUPolicy {
            self.lfu = lfu
            self.kind = .lfu
        } else {
            self.other = policy
            self.kind = .other
        }
    }

    @inlinable
    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        switch kind {
        case .queue: queue.didInsert(slot, hash: hash)
        case .tinyLFU: tinyLFU.didInsert(slot, hash: hash)
        case .sieve: sieve.didInsert(slot, hash: hash)
        case .s3fifo: s3fifo.didInsert(slot, hash: hash)
        case .lfu: lfu.didInsert(slot, hash: hash)
        case .other: other!.didInsert(slot, hash: hash)
        }
    }

    @inlinable
    @inline(__always)
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        switch kind {
        case .queue: queue.didAccess(slot, hash: hash)
        case .tinyLFU: tinyLFU.didAccess(slot, hash: hash)
        case .sieve: sieve.didAccess(slot, hash: hash)
        case .s3fifo: s3fifo.didAccess(slot, hash: hash)
        case .lfu: lfu.didAccess(slot, hash: hash)
        case .other: other!.didAccess(slot, hash: hash)
        }
    }

    @inlinable
    mutating func didMiss(hash: Int) {
        switch kind {
        case .queue, .sieve, .s3fifo, .lfu: break
        case .tinyLFU: tinyLFU.didMiss(hash: hash)
        case .other: other!.didMiss(hash: hash)
        }
    }

    @inlinable
    mutating func didUpdate(_ slot: CacheSlot, hash: Int) {
        switch kind {
        case .queue: queue.didUpdate(slot, hash: hash)
        case .tinyLFU: tinyLFU.didUpdate(slot, hash: hash)
        case .sieve: sieve.didUpdate(slot, hash: hash)
        case .s3fifo: s3fifo.didUpdate(slot, hash: hash)
        case .lfu: lfu.didUpdate(slot, hash: hash)
        case .other: other!.didUpdate(slot, hash: hash)
        }
    }

    /// Tells the policy that the entry in `slot`, whose key has index tag `tag`, was removed
    /// (not evicted); W-TinyLFU adds the key's pending uses to its sketch.
    @inlinable
    mutating func didRemove(_ slot: CacheSlot, tag: UInt32) {
        switch kind {
        case .queue: queue.didRemove(slot)
        case .tinyLFU: tinyLFU.didRemove(slot, tag: tag)
        case .sieve: sieve.didRemove(slot)
        case .s3fifo: s3fifo.didRemove(slot)
        case .lfu: lfu.didRemove(slot)
        case .other: other!.didRemove(slot)
        }
    }

    /// The next victim; W-TinyLFU reads the tags of the keys it compares from `entryTags`.
    @inlinable
    mutating func nextVictim(incomingHash: Int?, entryTags: EntryTags) -> CacheSlot? {
        switch kind {
        case .queue: queue.nextVictim(incomingHash: incomingHash)
        case .tinyLFU: tinyLFU.nextVictim(incomingHash: incomingHash, tags: entryTags)
        case .sieve: sieve.nextVictim(incomingHash: incomingHash)
        case .s3fifo: s3fifo.nextVictim(incomingHash: incomingHash)
        case .lfu: lfu.nextVictim(incomingHash: incomingHash)
        case .other: other!.nextVictim(incomingHash: incomingHash)
        }
    }

    @inlinable
    func slotsInEvictionOrder() -> [CacheSlot] {
        switch kind {
        case .queue: queue.slotsInEvictionOrder()
        case .tinyLFU: tinyLFU.slotsInEvictionOrder()
        case .sieve: sieve.slotsInEvictionOrder()
        case .s3fifo: s3fifo.slotsInEvictionOrder()
        case .lfu: lfu.slotsInEvictionOrder()
        case .other: other!.slotsInEvictionOrder()
        }
    }

    @inlinable
    mutating func removeAll() {
        switch kind {
        case .queue: queue.removeAll()
        case .tinyLFU: tinyLFU.removeAll()
        case .sieve: sieve.removeAll()
        case .s3fifo: s3fifo.removeAll()
        case .lfu: lfu.removeAll()
        case .other: other!.removeAll()
        }
    }

    @inlinable
    mutating func capacityDidChange(to maxSize: Int?) {
        switch kind {
        case .queue: queue.capacityDidChange(to: maxSize)
        case .tinyLFU: tinyLFU.capacityDidChange(to: maxSize)
        case .sieve: sieve.capacityDidChange(to: maxSize)
        case .s3fifo: s3fifo.capacityDidChange(to: maxSize)
        case .lfu: lfu.capacityDidChange(to: maxSize)
        case .other: other!.capacityDidChange(to: maxSize)
        }
    }
}
