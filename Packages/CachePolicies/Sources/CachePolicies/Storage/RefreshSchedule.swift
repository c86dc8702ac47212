import CacheCore

/// When the entries of a cache built with `refreshAfter` fall due for a background reload, and how
/// a reload starts.
///
/// Only such a cache has one; for every other cache ``CacheStorage/refresh`` is `nil` and no
/// operation pays more than the check for it.
@usableFromInline
struct RefreshSchedule<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// `refreshAfter`, in clock nanoseconds.
    @usableFromInline let interval: Int64
    /// The clock reading, per slot, from which a read of the entry starts a reload.
    @usableFromInline var dueTimes: ContiguousArray<Int64> = []
    /// Starts the reload of a key in a task of its own, given the reload's identifier and the
    /// time it was asked for (its load time counts from then). It only creates the task: the
    /// loader runs later, never under the cache's lock.
    @usableFromInline let start: @Sendable (Key, Int, CacheInstant) -> Task<Value, any Error>

    @usableFromInline
    init(interval: Duration, start: @escaping @Sendable (Key, Int, CacheInstant) -> Task<Value, any Error>) {
        self.interval = interval.cacheNanoseconds
        self.start = start
    }

    /// Whether the entry in `slot` is due for a reload at `now` (inclusive, as deadlines are).
    @inlinable
    func isDue(slot: Int, at now: Int64) -> Bool {
        now >= dueTimes[slot]
    }

    /// Notes that the entry in `slot` was written at `now`: its age starts again.
    @inlinable
    mutating func recordWrite(slot: Int, at now: Int64) {
        let (due, overflow) = now.addingReportingOverflow(interval)
        while dueTimes.count <= slot { dueTimes.append(.max) }
        dueTimes[slot] = overflow ? .max : due
    }
}
