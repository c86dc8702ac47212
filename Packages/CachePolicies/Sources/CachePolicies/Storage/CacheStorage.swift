import CacheCore

/// Everything a cache holds, guarded by its ``CacheStorageLock``.
///
/// Entries live in `entries`, indexed by slot; `index` maps key hashes to slots; the policy and
/// the expiration queue keep their own per-slot metadata. Every method runs under the cache's
/// lock and never calls user code: listeners get the events collected in an ``EventBuffer``
/// after the lock is released. The methods that readers sharing the lock run
/// (``readSharingLock(at:_:hash:)``) change nothing.
@usableFromInline
struct CacheStorage<Key: Hashable & Sendable, Value: Sendable> {
    @usableFromInline var index: SlotIndex
    @usableFromInline var entries: ContiguousArray<CacheEntry<Key, Value>?> = []
    @usableFromInline var freeSlots: ContiguousArray<Int32> = []
    @usableFromInline var policy: PolicyDispatch
    /// The cost of each slot, when the cache has a cost function; otherwise every entry costs 1.
    @usableFromInline var costs: ContiguousArray<Int> = []
    @usableFromInline var totalCost = 0
    @usableFromInline let usesCostFunction: Bool
    @usableFromInline var expirations = ExpirationQueue()
    /// The idle timeout's per-slot state; `nil` unless the cache has `expireAfterAccess`.
    @usableFromInline var accessExpiry: AccessExpiry?
    @usableFromInline var limits: CacheLimits
    @usableFromInline var stats: StatsCounters
    @usableFromInline var listeners = ListenerRegistry<Key, Value>()
    @usableFromInline var loads = InFlightLoads<Key, Value>()
    /// When entries fall due for a background reload; `nil` unless the cache has `refreshAfter`.
    @usableFromInline var refresh: RefreshSchedule<Key, Value>?
    @usableFromInline let clock: CacheClock
    /// Where ``CacheEntry/tag`` lies in an entry, for ``EntryTags``.
    @usableFromInline let entryTagOffset = MemoryLayout<CacheEntry<Key, Value>>.offset(of: \.tag).unsafelyUnwrapped
    /// The latest time any operation used; time seen by the cache never goes backwards.
    @usableFromInline var latestTime = CacheInstant.zero
    /// The first entry the current operation removed while nobody listens for removals; the
    /// operation takes it out of the lock to release it there (see ``recordRemoval(of:cause:events:)``).
    @usableFromInline var pendingRelease: CacheEntry<Key, Value>?

    @usableFromInline
    init(
        limits: CacheLimits,
        policy: any EvictionPolicy,
        clock: CacheClock,
        usesCostFunction: Bool,
        recordsStats: Bool
    ) {
        self.index = SlotIndex(minimumCapacity: min(limits.maxSize ?? 0, 1 << 16))
        self.policy = PolicyDispatch(policy)
        self.limits = limits
        self.clock = clock
        self.usesCostFunction = usesCostFunction
        self.stats = StatsCounters(enabled: recordsStats)
        self.policy.capacityDidChange(to: limits.maxSize)
        self.accessExpiry = limits.idleTimeoutNanoseconds.map(AccessExpiry.init(timeout:))
    }

    /// The number of live entries (once due entries have been expired).
    @inlinable
    var count: Int { index.count }

    // MARK: - Time

    /// The time for this operation, or `nil` when no TTL is in play and `needed` is false.
    ///
    /// Uses `given` (read before taking the lock, when the cache says a TTL may be in play) when
    /// there is one, reads the clock otherwise, and never returns a time earlier than one an
    /// earlier operation used.
    @inlinable
    mutating func resolveTime(_ given: CacheInstant?, needed: Bool) -> CacheInstant? {
        guard
            given != nil || needed || expirations.count > 0 || limits.defaultTTLDuration != nil || refresh != nil
                || accessExpiry != nil
        else { return nil }
        let now = given ?? clock.now()
        if now < latestTime { return latestTime }
        latestTime = now
        return now
    }

    /// The deadline, in clock nanoseconds, of an entry written at `now` with `ttl`; `Int64.max`
    /// when it never expires.
    @inlinable
    func deadline(for ttl: TimeToLive?, at now: CacheInstant?) -> Int64 {
        let duration: Duration
        switch ttl {
        case .none:
            guard let defaultTTL = limits.defaultTTLDuration else { return .max }
            duration = defaultTTL
        case .some(.never):
            return .max
        case .some(.after(let given)):
            duration = given
        }
        guard let now else { preconditionFailure("Cache: a TTL needs the current time") }
        return now.advanced(by: duration).nanoseconds
    }

    /// Reports a removed entry to the listeners that want removals, and makes sure its key and
    /// value are released after the lock, never under it: their `deinit` may use the cache, and
    /// the lock is not recursive.
    ///
    /// Without a removal listener, the first removed entry of an operation waits in
    /// ``pendingRelease`` (no allocation), later ones in the event buffer; plain data, which has
    /// no `deinit`, is simply dropped.
    @inlinable
    mutating func recordRemoval(
        of entry: consuming CacheEntry<Key, Value>,
        cause: RemovalCause,
        events: inout EventBuffer<Key, Value>
    ) {
        if events.wanted.contains(.removal) {
            events.recordRemoval(entry.key, entry.value, cause)
        } else if _isPOD(Key.self) && _isPOD(Value.self) {
            return
        } else if pendingRelease == nil {
            pendingRelease = entry
        } else {
            events.keepForRelease(entry)
        }
    }

    /// Removes every entry whose deadline is at or before `now`.
    ///
    /// - Returns: The number of entries expired.
    /// - Complexity: O(1) when nothing is due; amortized O(1) per expired entry.
    @inlinable
    @discardableResult
    mutating func expireDue(at now: CacheInstant?, events: inout EventBuffer<Key, Value>) -> Int {
        guard let now, expirations.mayHaveDue(at: now.nanoseconds) else { return 0 }
        var expired = 0
        while let slot = expirations.popDue(at: now.nanoseconds) {
            let entry = removeEntry(slot: slot, bucket: nil)
            policy.didRemove(CacheSlot(index: slot), tag: entry.tag)
            stats.recordRemoval(.expired)
            recordRemoval(of: entry, cause: .expired, events: &events)
            expired += 1
        }
        return expired
    }

    // MARK: - Slots

    /// The bucket and slot of `key`, whose `hashValue` is `hash`.
    @inlinable
    @inline(__always)
    func find(_ key: Key, hash: Int) -> (bucket: Int, slot: Int)? {
        index.find(tag: SlotIndex.tag(of: hash)) { slot in entries[slot].unsafelyUnwrapped.key == key }
    }

    /// Takes the entry out of `slot` and out of the index, the costs and the expiration queue,
    /// and frees the slot. The policy is not told.
    @inlinable
    mutating func removeEntry(slot: Int, bucket: Int?) -> CacheEntry<Key, Value> {
        let entry = entries[slot].take().unsafelyUnwrapped
        index.remove(bucket: bucket ?? index.bucket(holding: slot, tag: entry.tag))
        expirations.unscheduleIfNeeded(slot)
        if usesCostFunction {
            totalCost &-= costs[slot]
            costs[slot] = 0
        } else {
            totalCost &-= 1
        }
        freeSlots.append(Int32(truncatingIfNeeded: slot))
        return entry
    }

    /// Stores a new entry in a free slot and indexes it; the policy is not told.
    @inlinable
    mutating func insertEntry(key: Key, value: Value, hash: Int, cost: Int, deadline: Int64) -> Int {
        let tag = SlotIndex.tag(of: hash)
        let entry = CacheEntry(key: key, value: value, tag: tag)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = Int(free)
            entries[slot] = entry
        } else {
            slot = entries.count
            precondition(slot < Int(Int32.max), "Cache: more than \(Int32.max) entries")
            if slot == entries.capacity { growEntries() }
            entries.append(entry)
            if usesCostFunction { costs.append(0) }
        }
        index.insert(tag: tag, slot: slot)
        if usesCostFunction {
            costs[slot] = cost
            totalCost &+= cost
        } else {
            totalCost &+= 1
        }
        let effective = effectiveDeadline(ofWritten: slot, deadline: deadline)
        if effective != .max { expirations.schedule(slot, at: effective) }
        if refresh != nil { refresh!.recordWrite(slot: slot, at: latestTime.nanoseconds) }
        return slot
    }

    /// Makes room for more entries, as `append` would (doubling), but never for more slots than
    /// the entry limit: a cache whose limit lies just above a power of two would otherwise carry
    /// nearly as many unused slots as entries once full.
    @usableFromInline
    mutating func growEntries() {
        var capacity = Swift.max(entries.capacity * 2, 16)
        if let maxSize = limits.maxSize, maxSize > entries.count { capacity = Swift.min(capacity, maxSize) }
        entries.reserveCapacity(capacity)
    }

    /// Removes the entry in `slot` for `cause` (not eviction), telling the policy.
    @inlinable
    mutating func remove(slot: Int, bucket: Int?, cause: RemovalCause, events: inout EventBuffer<Key, Value>) {
        let entry = removeEntry(slot: slot, bucket: bucket)
        policy.didRemove(CacheSlot(index: slot), tag: entry.tag)
        stats.recordRemoval(cause)
        recordRemoval(of: entry, cause: cause, events: &events)
    }

    /// Removes every entry, reporting each with cause ``/CacheCore/RemovalCause/cleared``; the entries leave
    /// with `events`, to be released after the lock.
    @usableFromInline
    mutating func removeAllEntries(events: inout EventBuffer<Key, Value>) {
        if events.wanted.contains(.removal) {
            for slot in policy.slotsInEvictionOrder() {
                let entry = entries[slot.index].unsafelyUnwrapped
                events.recordRemoval(entry.key, entry.value, .cleared)
            }
        }
        index.removeAll(keepingCapacity: false)
        events.discard(entries)
        entries = []
        freeSlots = []
        costs = []
        totalCost = 0
        expirations.removeAll()
        if accessExpiry != nil {
            accessExpiry!.writeDeadlines = []
            accessExpiry!.lastAccesses = []
        }
        policy.removeAll()
        loads.invalidateAll()
        refresh?.dueTimes = []
    }
}

extension CacheStorage {
    /// Starts an operation under the lock: resolves its time and, unless `expiringDue` is false,
    /// removes the entries due by then.
    ///
    /// - Returns: The buffer for the operation's events, and its time.
    @inlinable
    @inline(__always)
    mutating func beginOperation(
        at time: CacheInstant?,
        needsTime: Bool,
        expiringDue: Bool
    ) -> (EventBuffer<Key, Value>, CacheInstant?) {
        var events = EventBuffer<Key, Value>(wanted: listeners.kinds)
        let now = resolveTime(time, needed: needsTime)
        if expiringDue { expireDue(at: now, events: &events) }
        return (events, now)
    }

    /// Ends an operation under the lock: checks the invariants in checked builds, and takes out
    /// the events to deliver and the entries to release once the lock is released.
    @inlinable
    @inline(__always)
    mutating func endOperation(
        _ events: consuming EventBuffer<Key, Value>
    ) -> (EventBuffer<Key, Value>?, CacheEntry<Key, Value>?) {
        #if CACHE_INTERNAL_CHECKS
        // O(n) per operation: exhaustive for the small caches of model-based tests, skipped for
        // large ones, which tests check explicitly.
        if entries.count <= 1_024 { checkInvariants() }
        #endif
        events.prepareDelivery(to: listeners)
        return (events.isEmpty ? nil : events, pendingRelease.take())
    }
}
