import CacheCore

/// The cache's eviction policy, called directly when it is one of the queue policies (FIFO,
/// LIFO, LRU, MRU) and through `any EvictionPolicy` otherwise.
///
/// A call through the existential costs a projection of its box and an indirect call that the
/// optimiser cannot see through; for the queue policies the engine instead inlines the policy's
/// few link writes into the operation. Every other policy, built-in or custom, keeps its
/// existential call.
@usableFromInline
struct PolicyDispatch {
    /// The policy, when it is a queue policy; otherwise an unused, empty one.
    @usableFromInline var queue: QueuePolicy
    /// The policy, when it is not a queue policy.
    @usableFromInline var other: (any EvictionPolicy)?
    /// Whether the policy is `queue` (checking `other` for `nil` would copy the existential).
    @usableFromInline let isQueue: Bool

    @usableFromInline
    init(_ policy: any EvictionPolicy) {
        if let queue = policy as? QueuePolicy {
            self.queue = queue
            self.other = nil
            self.isQueue = true
        } else {
            self.queue = QueuePolicy(evictsNewest: false, refreshesOnAccess: false)
            self.other = policy
            self.isQueue = false
        }
    }

    @inlinable
    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        if isQueue { queue.didInsert(slot, hash: hash) } else { other!.didInsert(slot, hash: hash) }
    }

    @inlinable
    @inline(__always)
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        if isQueue { queue.didAccess(slot, hash: hash) } else { other!.didAccess(slot, hash: hash) }
    }

    @inlinable
    mutating func didUpdate(_ slot: CacheSlot, hash: Int) {
        if isQueue { queue.didUpdate(slot, hash: hash) } else { other!.didUpdate(slot, hash: hash) }
    }

    @inlinable
    mutating func didRemove(_ slot: CacheSlot) {
        if isQueue { queue.didRemove(slot) } else { other!.didRemove(slot) }
    }

    @inlinable
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        if isQueue { return queue.nextVictim(incomingHash: incomingHash) }
        return other!.nextVictim(incomingHash: incomingHash)
    }

    @inlinable
    func slotsInEvictionOrder() -> [CacheSlot] {
        isQueue ? queue.slotsInEvictionOrder() : other!.slotsInEvictionOrder()
    }

    @inlinable
    mutating func removeAll() {
        if isQueue { queue.removeAll() } else { other!.removeAll() }
    }

    @inlinable
    mutating func capacityDidChange(to maxSize: Int?) {
        if isQueue { queue.capacityDidChange(to: maxSize) } else { other!.capacityDidChange(to: maxSize) }
    }
}
