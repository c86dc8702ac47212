/// The contract between the `Cache` engine and an eviction policy.
///
/// A policy decides which entry leaves when the cache is full. It never sees keys or values: the
/// engine stores every entry in a numbered ``CacheSlot``, hashes each key once per operation, and
/// reports to the policy what happened to which slot. So a policy is plain, non-generic code that
/// works on small integers, keeps its metadata in arrays indexed by slot, and is fully optimised
/// wherever it is compiled. Where a policy needs to recognise a key it no longer holds (a ghost
/// list, a frequency sketch), it uses the `hash` the engine passes, which is the key's `hashValue`.
///
/// The engine calls the policy under the cache's lock, one call at a time, so a policy needs no
/// synchronisation of its own. The calls for one entry follow its life:
///
/// 1. ``didInsert(_:hash:)`` once, when a new entry is stored in a slot;
/// 2. any number of ``didAccess(_:hash:)`` (a read that found the entry) and
///    ``didUpdate(_:hash:)`` (a write that replaced its value);
/// 3. then exactly one of: ``didRemove(_:)`` (deleted, expired, collected, or cleared by the user),
///    or being returned by ``nextVictim(incomingHash:)``, which removes the slot from the policy's
///    bookkeeping itself. After either, the engine may reuse the slot for a new entry.
///
/// When the cache must make room (before storing a new entry, after its limits shrink, or on
/// `popItem()`), it calls ``nextVictim(incomingHash:)`` until it has room.
///
/// A minimal policy that evicts in insertion order:
///
///     struct OldestFirst: EvictionPolicy {
///         var order: [CacheSlot] = []   // O(n) removal: fine for a sketch, not for production
///         mutating func didInsert(_ slot: CacheSlot, hash: Int) { order.append(slot) }
///         mutating func didAccess(_ slot: CacheSlot, hash: Int) {}
///         mutating func didRemove(_ slot: CacheSlot) { order.removeAll { $0 == slot } }
///         mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
///             order.isEmpty ? nil : order.removeFirst()
///         }
///         func slotsInEvictionOrder() -> [CacheSlot] { order }
///         mutating func removeAll() { order.removeAll() }
///     }
///
/// Every built-in policy does each of these calls in O(1) (amortized where it says so); a custom
/// policy should too, since the engine calls one of them on every cache operation.
public protocol EvictionPolicy: Sendable {
    /// Records that a new entry was stored in `slot`.
    ///
    /// - Parameters:
    ///   - slot: The slot of the new entry. It is not tracked by the policy at this point.
    ///   - hash: The `hashValue` of the entry's key.
    mutating func didInsert(_ slot: CacheSlot, hash: Int)

    /// Records a read that found the entry in `slot` (a cache hit).
    ///
    /// Reads that only look (`contains`, `timeToLive(forKey:)`, views of the contents) are not
    /// reported.
    ///
    /// - Parameters:
    ///   - slot: The slot of the entry that was read.
    ///   - hash: The `hashValue` of the entry's key.
    mutating func didAccess(_ slot: CacheSlot, hash: Int)

    /// Records a read that found no entry for the key with `hash` (a cache miss).
    ///
    /// Frequency-based policies count it, so that a key read often while it is absent is known
    /// to be popular when it is written, even when no read loads it (a blind write: the
    /// application stores a value it produced). A read-through miss is reported here and then
    /// stored with ``didInsert(_:hash:)``; a policy that counts both should count the key once.
    /// The default implementation does nothing.
    ///
    /// - Parameter hash: The `hashValue` of the key that was read.
    mutating func didMiss(hash: Int)

    /// Records a write that replaced the value of the entry in `slot`.
    ///
    /// The default implementation treats an update as an access.
    ///
    /// - Parameters:
    ///   - slot: The slot of the entry whose value was replaced.
    ///   - hash: The `hashValue` of the entry's key.
    mutating func didUpdate(_ slot: CacheSlot, hash: Int)

    /// Records that the entry in `slot` was removed for a reason other than eviction by this
    /// policy: deleted, expired, collected or cleared by the user.
    ///
    /// - Parameter slot: A slot the policy tracks; after this call it must no longer track it.
    mutating func didRemove(_ slot: CacheSlot)

    /// Chooses the entry to evict, stops tracking it, and returns its slot.
    ///
    /// The engine removes the returned entry from the cache; it does not call ``didRemove(_:)``
    /// for it. A policy may reorganise itself while it chooses (move entries between queues, move
    /// a clock hand, age counters).
    ///
    /// - Parameter incomingHash: The `hashValue` of the key about to be inserted when the eviction
    ///   makes room for a new entry, or `nil` when it does not (`popItem()`, shrinking limits).
    ///   Policies with ghost lists use it to adapt; others ignore it.
    /// - Returns: A tracked slot, or `nil` only when the policy tracks no slot.
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot?

    /// The tracked slots, from the next victim to the last.
    ///
    /// The engine uses this order for the cache's `keys`, `values` and `items`. Policies whose
    /// choice is not an order (random replacement) return their slots in any fixed order and
    /// document it.
    func slotsInEvictionOrder() -> [CacheSlot]

    /// Forgets every slot, as when the cache is cleared.
    mutating func removeAll()

    /// Tells the policy the cache's entry limit changed.
    ///
    /// The engine calls this once before the first insertion and again whenever the limit
    /// changes. Policies that size internal regions (windows, queues, ghost lists) from the limit
    /// do it here; the default implementation does nothing.
    ///
    /// - Parameter maxSize: The new maximum number of entries, or `nil` when the cache has no
    ///   entry limit.
    mutating func capacityDidChange(to maxSize: Int?)
}

extension EvictionPolicy {
    /// Treats an update as an access.
    ///
    /// - Complexity: That of `didAccess(_:hash:)`.
    @inlinable
    public mutating func didUpdate(_ slot: CacheSlot, hash: Int) {
        didAccess(slot, hash: hash)
    }

    /// Ignores misses.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func didMiss(hash: Int) {}

    /// Ignores the limit.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func capacityDidChange(to maxSize: Int?) {}
}
