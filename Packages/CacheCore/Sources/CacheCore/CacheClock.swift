/// Where a cache's time comes from.
///
/// Caches read the clock at most once per operation, and only while a TTL is in play.
/// - ``system``: the monotonic system clock (the default). It does not jump when the wall clock is
///   set.
/// - ``coarse``: the coarse monotonic clock, cheaper to read (a few nanoseconds on Linux) and
///   advancing in steps of a few milliseconds; fine when TTLs are seconds or more.
/// - ``manual(_:)``: a ``ManualClock`` that tests advance by hand.
/// - ``init(_:)``: any Swift `Clock` whose durations are `Duration`.
public struct CacheClock: Sendable {
    @usableFromInline
    enum Source: Sendable {
        case system
        case coarse
        case manual(ManualClock)
        case custom(@Sendable () -> CacheInstant)
    }

    @usableFromInline
    let source: Source

    @inlinable
    init(source: Source) {
        self.source = source
    }

    /// The system's monotonic clock.
    public static let system = CacheClock(source: .system)

    /// The system's coarse monotonic clock: millisecond steps, a fraction of the cost to read.
    public static let coarse = CacheClock(source: .coarse)

    /// A clock that reads `clock`, which tests advance by hand.
    ///
    /// - Complexity: O(1).
    public static func manual(_ clock: ManualClock) -> CacheClock {
        CacheClock(source: .manual(clock))
    }

    /// A clock that reads any Swift `Clock` measuring in `Duration`.
    ///
    /// Readings count from the moment this value is created, so they are never negative.
    ///
    /// - Parameter clock: The clock to read, such as `ContinuousClock()` or `SuspendingClock()`.
    /// - Complexity: O(1); each reading costs one `now` of `clock`.
    public init<C: Clock & Sendable>(_ clock: C) where C.Duration == Duration, C.Instant: Sendable {
        let origin = clock.now
        self.init(source: .custom { CacheInstant(nanoseconds: origin.duration(to: clock.now).cacheNanoseconds) })
    }

    /// Reads the clock.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func now() -> CacheInstant {
        switch source {
        case .system: CacheInstant(nanoseconds: monotonicNanoseconds())
        case .coarse: CacheInstant(nanoseconds: coarseMonotonicNanoseconds())
        case .manual(let clock): clock.now
        case .custom(let read): read()
        }
    }
}
