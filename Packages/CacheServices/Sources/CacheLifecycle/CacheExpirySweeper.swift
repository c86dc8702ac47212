#if ServiceLifecycle
import CacheManagement
import ServiceLifecycle

/// A service that removes the expired entries of chosen caches every interval, as Caffeine's
/// scheduler does: memory is released, and removal listeners hear of expirations, while a cache
/// sits idle.
///
///     let sweeper = CacheExpirySweeper(every: .seconds(1), caches: [users, sessions])
///     let group = ServiceGroup(services: [sweeper, server], logger: logger)
///     try await group.run()
///
/// A cache expires what is due at each operation anyway, so a cache in use never returns or
/// counts a dead entry; the sweeper only matters for the time between operations. Each round
/// calls `expire()` once per cache: O(1) when nothing is due, amortized O(1) per expired entry,
/// taking each cache's lock once.
///
/// The service runs until the service group shuts down gracefully or its task is cancelled;
/// then it returns without sweeping again. The first round is one interval after the start.
/// The interval is measured on `clock`: a test passes a clock it advances by hand.
public struct CacheExpirySweeper<C: Clock>: Service where C.Duration == Duration {
    /// The time between two rounds.
    public let interval: Duration
    /// The clock that measures the interval.
    public let clock: C
    private let targets: Targets
    private let onSweep: (@Sendable (_ expired: Int) -> Void)?

    /// The caches a round sweeps.
    private enum Targets: Sendable {
        case caches([any SweepableCache])
        case manager(CacheManager)
    }

    /// Creates a sweeper of `caches`.
    ///
    /// - Parameters:
    ///   - interval: The time between two rounds; must be positive.
    ///   - caches: The caches to sweep.
    ///   - clock: The clock that measures the interval.
    ///   - onSweep: Runs after each round with the number of entries it removed in all, for
    ///     metrics or logs.
    /// - Complexity: O(1).
    public init(
        every interval: Duration,
        caches: [any SweepableCache],
        clock: C,
        onSweep: (@Sendable (_ expired: Int) -> Void)? = nil
    ) {
        precondition(interval > .zero, "CacheExpirySweeper: the interval must be positive, got \(interval)")
        self.interval = interval
        self.clock = clock
        self.targets = .caches(caches)
        self.onSweep = onSweep
    }

    /// Creates a sweeper of every sweepable cache of `manager`, as it is at each round: caches
    /// created or registered later are swept too.
    ///
    /// - Parameters:
    ///   - interval: The time between two rounds; must be positive.
    ///   - manager: The manager whose caches to sweep; a cache that is not a ``SweepableCache`` is
    ///     skipped.
    ///   - clock: The clock that measures the interval.
    ///   - onSweep: Runs after each round with the number of entries it removed in all.
    /// - Complexity: O(1).
    public init(
        every interval: Duration,
        manager: CacheManager,
        clock: C,
        onSweep: (@Sendable (_ expired: Int) -> Void)? = nil
    ) {
        precondition(interval > .zero, "CacheExpirySweeper: the interval must be positive, got \(interval)")
        self.interval = interval
        self.clock = clock
        self.targets = .manager(manager)
        self.onSweep = onSweep
    }

    /// Sweeps every interval until a graceful shutdown or cancellation, then returns.
    ///
    /// A round that starts late (the process was busy) is not made up for: the next one is
    /// scheduled one interval after it.
    public func run() async throws {
        let interval = interval
        let clock = clock
        await cancelWhenGracefulShutdown {
            var deadline = clock.now.advanced(by: interval)
            while true {
                do {
                    try await clock.sleep(until: deadline, tolerance: nil)
                } catch {
                    return
                }
                sweep()
                deadline = deadline.advanced(by: interval)
                let now = clock.now
                if deadline <= now { deadline = now.advanced(by: interval) }
            }
        }
    }

    /// Runs one round now: expires what is due in every cache.
    ///
    /// - Returns: The number of entries removed in all.
    /// - Complexity: O(*c*) for *c* caches, plus amortized O(1) per expired entry.
    @discardableResult
    public func sweep() -> Int {
        let caches: [any SweepableCache] =
            switch targets {
            case .caches(let caches): caches
            case .manager(let manager): manager.caches.compactMap { $0 as? any SweepableCache }
            }
        let expired = caches.reduce(0) { $0 + $1.expire() }
        onSweep?(expired)
        return expired
    }
}

extension CacheExpirySweeper where C == ContinuousClock {
    /// Creates a sweeper of `caches` on the continuous clock.
    ///
    /// - Parameters:
    ///   - interval: The time between two rounds; must be positive.
    ///   - caches: The caches to sweep.
    ///   - onSweep: Runs after each round with the number of entries it removed in all.
    /// - Complexity: O(1).
    public init(
        every interval: Duration,
        caches: [any SweepableCache],
        onSweep: (@Sendable (_ expired: Int) -> Void)? = nil
    ) {
        self.init(every: interval, caches: caches, clock: ContinuousClock(), onSweep: onSweep)
    }

    /// Creates a sweeper of every sweepable cache of `manager` on the continuous clock.
    ///
    /// - Parameters:
    ///   - interval: The time between two rounds; must be positive.
    ///   - manager: The manager whose caches to sweep.
    ///   - onSweep: Runs after each round with the number of entries it removed in all.
    /// - Complexity: O(1).
    public init(
        every interval: Duration,
        manager: CacheManager,
        onSweep: (@Sendable (_ expired: Int) -> Void)? = nil
    ) {
        self.init(every: interval, manager: manager, clock: ContinuousClock(), onSweep: onSweep)
    }
}
#endif
