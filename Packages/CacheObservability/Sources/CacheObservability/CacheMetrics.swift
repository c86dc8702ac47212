import CacheCore
import CoreMetrics

/// The swift-metrics objects of one observed cache.
struct CacheMetrics: Sendable {
    let hits: Counter
    let misses: Counter
    let loads: Counter
    let loadFailures: Counter
    let evictions: [RemovalCause: Counter]
    let size: Gauge
    let cost: Gauge
    let loadDuration: Timer

    /// The removal causes counted as evictions, each a value of the `cause` dimension.
    static let evictionCauses: [RemovalCause] = [.evicted, .expired, .collected]

    init(cacheName: String, options: CacheObserver.Options) {
        let factory = options.metricsFactory ?? MetricsSystem.factory
        let prefix = options.labelPrefix
        let dimensions = [("cache", cacheName)] + options.dimensions
        func counter(_ name: String, _ extra: [(String, String)] = []) -> Counter {
            Counter(label: "\(prefix)_\(name)", dimensions: dimensions + extra, factory: factory)
        }
        hits = counter("hits")
        misses = counter("misses")
        loads = counter("loads")
        loadFailures = counter("load_failures")
        evictions = Dictionary(
            uniqueKeysWithValues: Self.evictionCauses.map { ($0, counter("evictions", [("cause", $0.rawValue)])) }
        )
        size = Gauge(label: "\(prefix)_size", dimensions: dimensions, factory: factory)
        cost = Gauge(label: "\(prefix)_cost", dimensions: dimensions, factory: factory)
        loadDuration = Timer(label: "\(prefix)_load_duration", dimensions: dimensions, factory: factory)
    }

    /// Adds the activity of `delta` to the counters and records the state of `current`.
    func report(_ delta: CacheStats, current: CacheStats) {
        func add(_ counter: Counter, _ amount: Int) {
            if amount > 0 { counter.increment(by: amount) }
        }
        add(hits, delta.hits)
        add(misses, delta.misses)
        add(loads, delta.loadSuccesses)
        add(loadFailures, delta.loadFailures)
        add(evictions[.evicted]!, delta.evictions)
        add(evictions[.expired]!, delta.expirations)
        add(evictions[.collected]!, delta.collections)
        size.record(current.entryCount)
        cost.record(current.totalCost)
    }
}

extension CacheStats {
    /// The activity since `earlier`, for counters that only grow: a counter lower than before was
    /// reset (`resetStats()`, `disableStats()`), so all of its value is new.
    func increase(since earlier: CacheStats) -> CacheStats {
        func increase(_ now: Int, _ before: Int) -> Int { now >= before ? now - before : now }
        return CacheStats(
            hits: increase(hits, earlier.hits),
            misses: increase(misses, earlier.misses),
            sets: increase(sets, earlier.sets),
            deletes: increase(deletes, earlier.deletes),
            evictions: increase(evictions, earlier.evictions),
            expirations: increase(expirations, earlier.expirations),
            collections: increase(collections, earlier.collections),
            loadSuccesses: increase(loadSuccesses, earlier.loadSuccesses),
            loadFailures: increase(loadFailures, earlier.loadFailures),
            totalLoadTime: totalLoadTime >= earlier.totalLoadTime
                ? totalLoadTime - earlier.totalLoadTime : totalLoadTime,
            entryCount: entryCount,
            totalCost: totalCost
        )
    }
}
