import Synchronization

/// A clock that moves only when you move it: the deterministic time source for tests.
///
/// Give a cache `.manual(clock)` and advance the clock instead of sleeping:
///
///     let clock = ManualClock()
///     let cache = Cache<String, Int>(maxSize: 100, defaultTTL: .seconds(30), clock: .manual(clock))
///     cache["a"] = 1
///     clock.advance(by: .seconds(30))
///     #expect(cache["a"] == nil)   // expired: the deadline is inclusive
///
/// It is thread-safe; time never goes backwards.
public final class ManualClock: Sendable {
    private let nanoseconds: Atomic<Int64>

    /// Creates a clock that reads `start`.
    ///
    /// - Parameter start: The first reading; must not be negative.
    /// - Complexity: O(1).
    public init(start: CacheInstant = .zero) {
        precondition(start.nanoseconds >= 0, "ManualClock: the start must not be negative, got \(start)")
        nanoseconds = Atomic(start.nanoseconds)
    }

    /// The current reading.
    public var now: CacheInstant {
        CacheInstant(nanoseconds: nanoseconds.load(ordering: .acquiring))
    }

    /// Moves the clock forward by `duration`.
    ///
    /// - Parameter duration: How far to move; must not be negative.
    /// - Complexity: O(1).
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "ManualClock.advance(by:): time never goes backwards, got \(duration)")
        let step = duration.cacheNanoseconds
        var current = nanoseconds.load(ordering: .relaxed)
        while true {
            let (next, overflow) = current.addingReportingOverflow(step)
            let (exchanged, original) = nanoseconds.compareExchange(
                expected: current,
                desired: overflow ? .max : next,
                ordering: .acquiringAndReleasing
            )
            if exchanged { return }
            current = original
        }
    }

    /// Moves the clock forward to `instant`.
    ///
    /// - Parameter instant: The new reading; must not be earlier than ``now``.
    /// - Complexity: O(1).
    public func advance(to instant: CacheInstant) {
        var current = nanoseconds.load(ordering: .relaxed)
        while true {
            precondition(
                instant.nanoseconds >= current,
                "ManualClock.advance(to:): time never goes backwards (now \(current)ns, asked for \(instant))"
            )
            let (exchanged, original) = nanoseconds.compareExchange(
                expected: current,
                desired: instant.nanoseconds,
                ordering: .acquiringAndReleasing
            )
            if exchanged { return }
            current = original
        }
    }
}
