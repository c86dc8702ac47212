/// A point in time on a ``CacheClock``: nanoseconds since the clock's origin.
///
/// Caches keep deadlines as raw nanoseconds so that checking one costs an integer comparison.
/// Arithmetic with `Duration` saturates at the ends of the range, so a very long TTL means
/// "practically never", not an overflow.
@frozen
public struct CacheInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public var nanoseconds: Int64

    /// Creates an instant `nanoseconds` after the clock's origin.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The clock's origin.
    public static let zero = CacheInstant(nanoseconds: 0)

    /// The latest representable instant; deadlines that never come use it.
    public static let distantFuture = CacheInstant(nanoseconds: .max)

    /// The instant `duration` after this one, saturating at ``distantFuture``.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func advanced(by duration: Duration) -> CacheInstant {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(duration.cacheNanoseconds)
        if overflow { return duration < .zero ? CacheInstant(nanoseconds: .min) : .distantFuture }
        return CacheInstant(nanoseconds: sum)
    }

    /// The time from this instant to `other` (negative when `other` is earlier).
    ///
    /// - Complexity: O(1).
    @inlinable
    public func duration(to other: CacheInstant) -> Duration {
        let (difference, overflow) = other.nanoseconds.subtractingReportingOverflow(nanoseconds)
        if overflow { return other.nanoseconds > nanoseconds ? .nanoseconds(Int64.max) : .nanoseconds(Int64.min) }
        return .nanoseconds(difference)
    }

    /// Orders instants by time.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func < (lhs: CacheInstant, rhs: CacheInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The instant `rhs` after `lhs`, saturating.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func + (lhs: CacheInstant, rhs: Duration) -> CacheInstant { lhs.advanced(by: rhs) }

    /// The time from `rhs` to `lhs`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func - (lhs: CacheInstant, rhs: CacheInstant) -> Duration { rhs.duration(to: lhs) }

    /// The instant as nanoseconds since the origin, for diagnostics.
    public var description: String { "\(nanoseconds)ns" }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at the ends of `Int64` and rounding toward
    /// zero below one nanosecond.
    @inlinable
    public var cacheNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (secondsPart, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = secondsPart.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }
}
