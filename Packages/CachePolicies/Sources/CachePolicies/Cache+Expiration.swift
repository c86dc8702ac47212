import CacheCore

extension Cache {
    /// Removes every entry whose TTL has run out (reported as ``/CacheCore/RemovalCause/expired``).
    ///
    /// Every operation already expires due entries first, so this is only needed to release
    /// memory (and tell listeners) while the cache is otherwise idle.
    ///
    /// - Returns: The number of entries expired.
    /// - Complexity: O(1) when nothing is due; amortized O(1) per expired entry.
    @discardableResult
    public func expire() -> Int {
        withStorage(at: timeIfExpiring(), expiringDue: false) { storage, now, events in
            storage.expireDue(at: now, events: &events)
        }
    }

    /// How long `key` has left: `nil` when it has no live value, ``/CacheCore/TimeToLive/never`` when it does
    /// not expire, else the time until its deadline. Not a use, not counted in ``stats``.
    ///
    /// - Complexity: O(1) on average.
    public func timeToLive(forKey key: Key) -> TimeToLive? {
        let hash = key.hashValue
        return withStorage(at: timeIfExpiring()) { storage, now, _ in
            guard let (_, slot) = storage.find(key, hash: hash) else { return nil }
            guard let deadline = storage.expirations.deadline(of: slot), let now else { return .never }
            return .after(now.duration(to: CacheInstant(nanoseconds: deadline)))
        }
    }

    /// The deadline of every live entry that has one, on the cache's ``clock``.
    ///
    /// - Complexity: O(*n*).
    public func expirationDeadlines() -> [Key: CacheInstant] {
        withStorage(at: timeIfExpiring()) { storage, _, _ in
            var deadlines: [Key: CacheInstant] = [:]
            for (slot, deadline) in storage.expirations.scheduled {
                deadlines[storage.entries[slot].unsafelyUnwrapped.key] = CacheInstant(nanoseconds: deadline)
            }
            return deadlines
        }
    }
}
