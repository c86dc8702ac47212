import CacheCore

/// What a cache with an idle timeout (`expireAfterAccess`) keeps per slot: the deadline its last
/// write gave the entry and the time of its last access.
///
/// The expiration queue holds each entry's effective deadline, the earlier of the two: the
/// write's, and the last access plus the timeout. An access moves that deadline (an O(1)
/// reschedule), so entries that share the timeout expire in access order, and expiry needs no
/// other queue or scan.
@usableFromInline
struct AccessExpiry {
    /// The idle timeout, in nanoseconds; positive.
    @usableFromInline var timeout: Int64
    /// The deadline each slot's last write gave it; `Int64.max` for none.
    @usableFromInline var writeDeadlines: ContiguousArray<Int64> = []
    /// When each slot was last written or read, in clock nanoseconds.
    @usableFromInline var lastAccesses: ContiguousArray<Int64> = []

    @inlinable
    init(timeout: Int64) {
        self.timeout = timeout
    }

    /// The effective deadline of `slot`: the earlier of its write's and its idle one.
    @inlinable
    func deadline(of slot: Int) -> Int64 {
        let (idle, overflow) = lastAccesses[slot].addingReportingOverflow(timeout)
        return overflow ? writeDeadlines[slot] : min(writeDeadlines[slot], idle)
    }

    /// Records a write of `slot` at `now` with `deadline`, and returns its effective deadline.
    @inlinable
    mutating func recordWrite(slot: Int, deadline: Int64, at now: Int64) -> Int64 {
        if slot >= writeDeadlines.count {
            let added = slot + 1 - writeDeadlines.count
            writeDeadlines.append(contentsOf: repeatElement(.max, count: added))
            lastAccesses.append(contentsOf: repeatElement(0, count: added))
        }
        writeDeadlines[slot] = deadline
        lastAccesses[slot] = now
        return self.deadline(of: slot)
    }

    /// Records a read of `slot` at `now`, and returns its effective deadline.
    @inlinable
    mutating func recordRead(slot: Int, at now: Int64) -> Int64 {
        lastAccesses[slot] = now
        return deadline(of: slot)
    }
}

extension CacheStorage {
    /// The deadline to schedule for `slot`, just written with `deadline`: `deadline` itself, or
    /// with an idle timeout, the earlier of it and the timeout from now.
    @inlinable
    mutating func effectiveDeadline(ofWritten slot: Int, deadline: Int64) -> Int64 {
        guard accessExpiry != nil else { return deadline }
        return accessExpiry!.recordWrite(slot: slot, deadline: deadline, at: latestTime.nanoseconds)
    }

    /// Restarts the idle timeout of `slot`, just read. Call only when ``accessExpiry`` is set.
    @inlinable
    mutating func recordAccess(slot: Int) {
        reschedule(slot, at: accessExpiry!.recordRead(slot: slot, at: latestTime.nanoseconds))
    }

    /// Sets the idle timeout (`nil` for none), rescheduling every entry: with a new timeout an
    /// entry's deadline is its write's or its last access plus the timeout, whichever is earlier
    /// (an entry already past it expires at the next operation); without one, its write's. Live
    /// entries count as accessed now when the timeout is first set.
    ///
    /// - Complexity: O(*n*) when the timeout changes, O(1) otherwise.
    @usableFromInline
    mutating func setIdleTimeout(_ timeout: Int64?) {
        guard timeout != accessExpiry?.timeout else { return }
        let now = latestTime.nanoseconds
        let previous = accessExpiry
        guard let timeout else {
            accessExpiry = nil
            for slot in entries.indices where entries[slot] != nil {
                reschedule(slot, at: previous.unsafelyUnwrapped.writeDeadlines[slot])
            }
            return
        }
        var updated = previous ?? AccessExpiry(timeout: timeout)
        updated.timeout = timeout
        for slot in entries.indices where entries[slot] != nil {
            if previous == nil {
                _ = updated.recordWrite(slot: slot, deadline: expirations.deadline(of: slot) ?? .max, at: now)
            }
            reschedule(slot, at: max(updated.deadline(of: slot), now))
        }
        accessExpiry = updated
    }

    /// Gives `slot` the deadline `deadline`, or none for `Int64.max`.
    @inlinable
    mutating func reschedule(_ slot: Int, at deadline: Int64) {
        if deadline == .max {
            expirations.unscheduleIfNeeded(slot)
        } else {
            expirations.schedule(slot, at: deadline)
        }
    }
}
