#if Hummingbird
import CacheManagement
import Prometheus
import Synchronization

/// The layered cache's reads as Prometheus metrics: every read counted by where it was
/// answered (`layer="local"`, `"redis"`, or `result="miss"` when the backend was asked), the
/// failures of a layer, and the hit ratio so far as a gauge, computed at each scrape.
final class HitRatioMetrics: Sendable {
    /// Where the metrics are kept and rendered.
    let registry: PrometheusCollectorRegistry
    private let hits: [Counter]
    private let misses: Counter
    private let ratio: Gauge
    private let failures: Counter
    private let counts = Mutex<(hits: Int, misses: Int)>((0, 0))

    /// Metrics for a layered cache whose layers are named `layerNames`, fastest first.
    init(registry: PrometheusCollectorRegistry, layerNames: [String]) {
        self.registry = registry
        let reads = MetricNameDescriptor(
            namespace: "products",
            subsystem: "cache",
            metricName: "reads",
            unitName: "total",
            helpText: "Reads of the products cache, by the layer that answered"
        )
        hits = layerNames.map { name in
            registry.makeCounter(descriptor: reads, labels: [("result", "hit"), ("layer", name)])
        }
        misses = registry.makeCounter(descriptor: reads, labels: [("result", "miss"), ("layer", "backend")])
        failures = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "products",
                subsystem: "cache",
                metricName: "layer_failures",
                unitName: "total",
                helpText: "Operations of a cache layer that failed (the read went on to the next layer)"
            )
        )
        ratio = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "products",
                subsystem: "cache",
                metricName: "hit",
                unitName: "ratio",
                helpText: "The share of reads of the products cache answered by a cache layer"
            )
        )
    }

    /// Counts a read of the layered cache; register it with `addListener`.
    func record(_ event: LayeredCacheEvent<Int>) {
        switch event {
        case .hit(_, let layer):
            hits[layer].increment()
            counts.withLock { $0.hits += 1 }
        case .miss:
            misses.increment()
            counts.withLock { $0.misses += 1 }
        case .layerFailed:
            failures.increment()
        case .loaded:
            break
        }
    }

    /// The hits and misses so far.
    var totals: (hits: Int, misses: Int) { counts.withLock { $0 } }

    /// The metrics in Prometheus's text format, with the hit ratio brought up to date.
    func render() -> String {
        let (hits, misses) = totals
        ratio.set(hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses))
        return registry.emitToString()
    }
}
#endif
