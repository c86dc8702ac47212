import CacheCore
import CacheManagement
import CachePolicies
import Synchronization

/// Reports a cache's statistics and events to swift-metrics, and optionally its removals and load
/// failures to swift-log: for one `Cache`, or for every cache of a `CacheManager`.
///
///     let observer = CacheObserver(observing: users)        // or: observing: manager
///     …
///     observer.flush()                                      // on each scrape, or:
///     try await observer.run(every: .seconds(10))           // in a task of its own
///
/// Metrics (labels start with ``Options/labelPrefix``, `cache` by default; every metric has the
/// dimension `("cache", name)`):
///
/// | label | kind | what |
/// |---|---|---|
/// | `cache_hits`, `cache_misses` | counter | reads |
/// | `cache_loads`, `cache_load_failures` | counter | loader runs that returned or threw |
/// | `cache_evictions` | counter | removals by the cache, dimension `cause`: `evicted`, `expired`, `collected` |
/// | `cache_size`, `cache_cost` | gauge | live entries and their total cost, at each flush |
/// | `cache_load_duration` | timer | each load's time, on the cache's clock |
///
/// **Nothing on the read path.** The counters come from the cache's own statistics (which it
/// counts anyway), read once per ``flush()`` and reported as increases since the last flush, so
/// neither a read nor a write pays anything for being observed. Only loads (to time them), and
/// removals when ``Options/removalLogLevel`` asks for them, reach the observer as they happen,
/// through the cache's listeners. A cache nobody observes pays nothing at all: the engine knows
/// nothing about metrics. The counters need the cache's statistics on (`recordsStats`).
///
/// The first flush reports everything the cache counted before; after `resetStats()` the counts
/// start again from zero and are reported as new. For a manager, each flush also picks up the
/// caches created or registered since the last one (their earlier counts included; their loads
/// are timed from then on) and lets go of the caches removed.
public final class CacheObserver: Sendable {
    /// What the observer reports, and where.
    public let options: Options

    private let source: Source
    private let state = Mutex(State())

    /// Where the caches come from.
    private enum Source: Sendable {
        case cache(any ManagedCache)
        case manager(CacheManager)
    }

    private struct State {
        var tracked: [ObjectIdentifier: TrackedCache] = [:]
        var isDetached = false
    }

    /// An observed cache: its metrics, its counters at the last flush, its listener.
    private struct TrackedCache {
        let cache: any ManagedCache
        let metrics: CacheMetrics
        var reported = CacheStats()
        var listener: CacheListenerID?
    }

    /// Starts observing `cache`.
    ///
    /// - Parameters:
    ///   - cache: The cache; a `Cache` is observed through its statistics and its events, any
    ///     other managed cache through its statistics.
    ///   - options: What to report, and where.
    /// - Complexity: O(1).
    public init(observing cache: some ManagedCache, options: Options = Options()) {
        self.options = options
        self.source = .cache(cache)
        state.withAnnotatedLock { state in self.track(cache, in: &state) }
    }

    /// Starts observing every cache of `manager`: those that exist now, and at each ``flush()``
    /// those created or registered since.
    ///
    /// - Complexity: O(*n*) for *n* caches.
    public init(observing manager: CacheManager, options: Options = Options()) {
        self.options = options
        self.source = .manager(manager)
        let caches = manager.caches
        state.withAnnotatedLock { state in
            for cache in caches { self.track(cache, in: &state) }
        }
    }

    /// Reports every observed cache's activity since the last flush to the counters, and its size
    /// and cost to the gauges.
    ///
    /// Call it when the metrics backend scrapes, or let ``run(every:clock:)`` call it. Each cache's
    /// counters are read atomically, with one lock of the cache.
    ///
    /// - Complexity: O(*n*) for *n* caches.
    public func flush() {
        let caches: [any ManagedCache] =
            switch source {
            case .cache(let cache): [cache]
            case .manager(let manager): manager.caches
            }
        let snapshots = caches.map { ($0, $0.stats) }
        let reports: [(CacheMetrics, CacheStats, CacheStats)] = state.withAnnotatedLock { state in
            guard !state.isDetached else { return [] }
            var current = Set<ObjectIdentifier>()
            var reports: [(CacheMetrics, CacheStats, CacheStats)] = []
            for (cache, stats) in snapshots {
                let id = ObjectIdentifier(cache)
                current.insert(id)
                if state.tracked[id] == nil { track(cache, in: &state) }
                let increase = stats.increase(since: state.tracked[id]!.reported)
                state.tracked[id]!.reported = stats
                reports.append((state.tracked[id]!.metrics, increase, stats))
            }
            for (id, tracked) in state.tracked where !current.contains(id) {
                forget(tracked)
                state.tracked[id] = nil
            }
            return reports
        }
        for (metrics, increase, stats) in reports { metrics.report(increase, current: stats) }
    }

    /// Flushes one last time, then stops observing: the listeners leave the caches, and later
    /// flushes report nothing.
    ///
    /// - Complexity: O(*n*) for *n* caches.
    public func detach() {
        flush()
        state.withAnnotatedLock { state in
            for tracked in state.tracked.values { forget(tracked) }
            state.tracked = [:]
            state.isDetached = true
        }
    }

    /// Starts reporting `cache`: makes its metrics and, when the options need events and it is a
    /// `Cache`, registers its listener.
    private func track(_ cache: any ManagedCache, in state: inout State) {
        let metrics = CacheMetrics(cacheName: cache.name, options: options)
        var tracked = TrackedCache(cache: cache, metrics: metrics)
        let kinds = options.eventKinds
        if !kinds.isEmpty, let observed = cache as? any ObservedCache {
            let handler = EventHandler(cacheName: cache.name, metrics: metrics, options: options)
            tracked.listener = observed.addObservation(for: kinds, handler.handle)
        }
        state.tracked[ObjectIdentifier(cache)] = tracked
    }

    /// Removes the listener of a cache no longer observed.
    private func forget(_ tracked: TrackedCache) {
        if let listener = tracked.listener, let observed = tracked.cache as? any ObservedCache {
            observed.removeListener(listener)
        }
    }
}
