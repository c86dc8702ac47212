import CacheCore
import Synchronization

extension Cache {
    /// Reads the live value of `key` (or `nil`) and stores or removes what `transform` makes of
    /// it, in one step under the cache's lock: Caffeine's `compute`, for counters, rate-limit
    /// buckets and merge-on-write.
    ///
    ///     cache.compute("hits") { ($0 ?? 0) + 1 }
    ///     cache.compute(id) { $0.map { $0.merging(update) } }   // only when present
    ///
    /// No other operation on the cache runs between the read and the write, so concurrent
    /// computations of one key never lose an update. What `transform` returns decides:
    /// - a value is stored as ``set(_:_:ttl:)`` stores it (replacing the old value, reported as
    ///   ``/CacheCore/RemovalCause/replaced``, or making room for a new entry), with `ttl`;
    /// - `nil` removes a live value (reported as ``/CacheCore/RemovalCause/deleted``) and does
    ///   nothing for a missing key.
    ///
    /// Either way, a load of the key in flight will not store its result. The read is not a use
    /// for the policy and is not counted in ``stats``; the write is counted as a set.
    ///
    /// `transform`, and the cost and expiry functions for its result, run while the cache's lock
    /// is held: keep them short, and do not use this cache from them. Calling the cache from
    /// inside `transform` stops the program with a message that says so (it would deadlock).
    /// Another cache may be used, but two caches that compute inside each other's closures on two
    /// threads at once deadlock, each holding the lock the other waits for: nest in one order only.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - ttl: The TTL of a stored result: `nil` for the expiry function's or the default TTL,
    ///     ``/CacheCore/TimeToLive/never`` for no expiry. Must not be negative.
    ///   - transform: Makes the new value from the key's live value (`nil` when it has none);
    ///     returns `nil` to remove the key. An error it throws leaves the cache unchanged and is
    ///     rethrown.
    /// - Returns: The key's live value afterwards: the stored result; `nil` after a removal, or
    ///   when the result left at once (dead on arrival with a zero TTL, or evicted to bring the
    ///   cache within its limits); the old value when the result can never fit (it costs more
    ///   than `maxCost`, or `maxSize` is 0), which leaves the cache unchanged.
    /// - Complexity: O(1) on average, plus `transform`, plus O(1) per entry evicted.
    @discardableResult
    public func compute<E: Error>(
        _ key: Key,
        ttl: TimeToLive? = nil,
        _ transform: (Value?) throws(E) -> Value?
    ) throws(E) -> Value? {
        if modes.load(ordering: .relaxed) >= CacheModes.oneComputation { preconditionNotComputing("compute") }
        let hash = key.hashValue
        // With `expiry`, the TTL is known only under the lock, and the cache reads the clock anyway.
        let time = time(forWriteWith: ttl)
        let needsTime = ttl?.duration != nil
        modes.wrappingAdd(CacheModes.oneComputation, ordering: .relaxed)
        defer { modes.wrappingSubtract(CacheModes.oneComputation, ordering: .relaxed) }
        let call = RunningComputation(
            cache: ObjectIdentifier(self),
            token: computationCount.wrappingAdd(1, ordering: .relaxed).newValue
        )
        let (outcome, events, released) = withoutActuallyEscaping(transform) { transform in
            // `transform` runs on this thread, under the lock, before this call returns; the lock's
            // `sending` storage would otherwise be merged into the region of the caller's closure.
            nonisolated(unsafe) let transform = transform
            return RunningComputations.$calls.withValue(RunningComputations.calls + [call]) {
                storage.withAnnotatedLock { @Sendable storage in
                    var (events, now) = storage.beginOperation(at: time, needsTime: needsTime, expiringDue: true)
                    computationHoldingLock.store(call.token, ordering: .releasing)
                    defer { computationHoldingLock.store(0, ordering: .releasing) }
                    let outcome = storage.compute(key, hash: hash, at: now, events: &events) {
                        @Sendable value throws(E) in
                        try transform(value).map { ($0, cost(of: key, $0), self.ttl(ttl, forWriting: key, $0)) }
                    }
                    let (delivery, released) = storage.endOperation(events)
                    return (outcome, delivery, released)
                }
            }
        }
        events?.deliver()
        _ = consume released
        return try outcome.get()
    }
}

extension CacheStorage {
    /// The body of ``Cache/compute(_:ttl:_:)`` under the lock: `transform` gives the new value,
    /// its cost and its TTL, or `nil` to remove the key.
    ///
    /// - Returns: The key's live value afterwards, or the error `transform` threw (nothing changed
    ///   then).
    mutating func compute<E: Error>(
        _ key: Key,
        hash: Int,
        at now: CacheInstant?,
        events: inout EventBuffer<Key, Value>,
        _ transform: (Value?) throws(E) -> (value: Value, cost: Int, ttl: TimeToLive?)?
    ) -> Result<Value?, E> {
        let current = find(key, hash: hash).map { entries[$0.slot].unsafelyUnwrapped.value }
        let result: (value: Value, cost: Int, ttl: TimeToLive?)?
        do {
            result = try transform(current)
        } catch {
            return .failure(error)
        }
        guard let (value, cost, ttl) = result else {
            _ = delete(key, hash: hash, cause: .deleted, events: &events)
            return .success(nil)
        }
        // A load in flight stops from storing even when the result is refused.
        loads.invalidate(key)
        let deadline = deadline(for: ttl, at: now)
        guard update(key, value, hash: hash, cost: cost, deadline: deadline, events: &events).stored else {
            // Refused: the value leaves with the events, to be released after the lock.
            events.keepForRelease(CacheEntry(key: key, value: value, tag: 0))
            return .success(current)
        }
        // Stored, the value may have left at once: dead on arrival (a zero TTL), or evicted to
        // bring the cache back within its limits (a LIFO policy evicts the newest entry).
        return .success(find(key, hash: hash) == nil ? nil : value)
    }
}
