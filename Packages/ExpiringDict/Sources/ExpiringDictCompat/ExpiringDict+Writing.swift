import CacheCore
@_spi(CachingInternals) import CachePolicies

extension ExpiringDict {
    /// Removes `key` and returns its live value, or `defaultValue` when it has none
    /// (`d.pop(key, default)`). An expired value is not returned (expiringdict returns it).
    ///
    /// - Complexity: O(1) on average.
    @discardableResult
    public func pop(_ key: Key, default defaultValue: Value? = nil) -> Value? {
        storage.removeValue(forKey: key)?.value ?? defaultValue
    }

    /// Removes every entry (`d.clear()`).
    ///
    /// - Complexity: O(*n*).
    public func clear() {
        storage.clear()
    }

    /// A new dictionary with the same limits, clock and live entries, each keeping the time it was
    /// written (`d.copy()`, which expiringdict does not support).
    ///
    /// - Complexity: O(*n*).
    public func copy() -> ExpiringDict<Key, Value> {
        let copy = ExpiringDict(checkedMaxLen: maxLen, maxAgeSeconds: maxAgeSeconds, clock: clock)
        copy.copyEntries(of: self)
        return copy
    }

    /// Stores `value` for `key`, stamped with the current time.
    ///
    /// The engine starts the TTL when it takes the write, an instant after the timestamp was
    /// read, so an entry stays readable for at least ``maxAgeSeconds`` after its timestamp, and
    /// longer only by that instant (nothing, on a ``/CacheCore/ManualClock`` that nobody moves meanwhile).
    /// Writing with `deadline:` would be exact, but that SPI cannot be inlined, and this path
    /// measured an order of magnitude slower without inlining.
    @inlinable
    func write(_ key: Key, _ value: Value) {
        storage.set(key, TimestampedValue(value, writtenAt: clock.now()), ttl: writeTTL)
    }

    /// Writes `other`'s live entries, in its order, with the times they were written; those too
    /// old for this dictionary's age are left out.
    func copyEntries(of other: ExpiringDict<Key, Value>) {
        let entries = other.storage.items
        let now = clock.now()
        for (key, entry) in entries {
            let deadline = deadline(ofWriteAt: entry.writtenAt)
            if deadline > now { storage.set(key, entry, deadline: deadline) }
        }
    }

    /// When an entry written at `time` expires.
    func deadline(ofWriteAt time: CacheInstant) -> CacheInstant {
        guard let maxAge else { return .distantFuture }
        return time + maxAge
    }
}
