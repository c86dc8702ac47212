#if ServiceLifecycle
import CacheObservability
import ServiceLifecycle

/// A service that runs a `CacheObserver`'s periodic flush: it flushes at the start and then
/// every interval, and once more when the service group shuts down, so the last activity before
/// shutdown reaches the metrics backend.
///
///     let observer = CacheObserver(observing: manager)
///     let group = ServiceGroup(
///         services: [observer.service(every: .seconds(10)), server],
///         logger: logger
///     )
///
/// On a graceful shutdown or cancellation it stops, flushes a last time and, with
/// ``detachesOnShutdown``, detaches the observer (its listeners leave the caches).
public struct CacheObserverService<C: Clock>: Service where C.Duration == Duration {
    /// The observer whose flushes the service runs.
    public let observer: CacheObserver
    /// The time between two flushes.
    public let interval: Duration
    /// The clock that measures the interval.
    public let clock: C
    /// Whether the observer is detached when the service ends (see `CacheObserver.detach()`).
    public let detachesOnShutdown: Bool

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - observer: The observer to flush.
    ///   - interval: The time between two flushes; must be positive.
    ///   - clock: The clock that measures the interval.
    ///   - detachesOnShutdown: Whether to detach the observer when the service ends.
    /// - Complexity: O(1).
    public init(observer: CacheObserver, every interval: Duration, clock: C, detachesOnShutdown: Bool = true) {
        precondition(interval > .zero, "CacheObserverService: the interval must be positive, got \(interval)")
        self.observer = observer
        self.interval = interval
        self.clock = clock
        self.detachesOnShutdown = detachesOnShutdown
    }

    /// Flushes now and every interval until a graceful shutdown or cancellation, then flushes once
    /// more (and detaches the observer with ``detachesOnShutdown``) and returns.
    public func run() async throws {
        let observer = observer
        let interval = interval
        let clock = clock
        await cancelWhenGracefulShutdown {
            await observer.run(every: interval, clock: clock)
        }
        if detachesOnShutdown { observer.detach() }
    }
}

extension CacheObserverService where C == ContinuousClock {
    /// Creates the service on the continuous clock.
    ///
    /// - Parameters:
    ///   - observer: The observer to flush.
    ///   - interval: The time between two flushes; must be positive.
    ///   - detachesOnShutdown: Whether to detach the observer when the service ends.
    /// - Complexity: O(1).
    public init(observer: CacheObserver, every interval: Duration, detachesOnShutdown: Bool = true) {
        self.init(observer: observer, every: interval, clock: ContinuousClock(), detachesOnShutdown: detachesOnShutdown)
    }
}

extension CacheObserver {
    /// A service that flushes this observer every `interval` of `clock` while the service group
    /// runs, and once more when it shuts down.
    ///
    /// - Parameters:
    ///   - interval: The time between two flushes; must be positive.
    ///   - clock: The clock that measures the interval.
    ///   - detachesOnShutdown: Whether to detach the observer when the service ends.
    /// - Complexity: O(1).
    public func service<C: Clock>(
        every interval: Duration,
        clock: C,
        detachesOnShutdown: Bool = true
    ) -> CacheObserverService<C> where C.Duration == Duration {
        CacheObserverService(observer: self, every: interval, clock: clock, detachesOnShutdown: detachesOnShutdown)
    }

    /// A service that flushes this observer every `interval` while the service group runs, and
    /// once more when it shuts down.
    ///
    /// - Parameters:
    ///   - interval: The time between two flushes; must be positive.
    ///   - detachesOnShutdown: Whether to detach the observer when the service ends.
    /// - Complexity: O(1).
    public func service(
        every interval: Duration,
        detachesOnShutdown: Bool = true
    ) -> CacheObserverService<ContinuousClock> {
        CacheObserverService(observer: self, every: interval, detachesOnShutdown: detachesOnShutdown)
    }
}
#endif
