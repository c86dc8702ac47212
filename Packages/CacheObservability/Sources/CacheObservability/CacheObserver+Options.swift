import CacheCore
import CoreMetrics
import Logging

extension CacheObserver {
    /// What a ``CacheObserver`` reports, and where.
    ///
    ///     var options = CacheObserver.Options()
    ///     options.logger = Logger(label: "caches")
    ///     options.removalLogLevel = .debug         // every eviction, expiry, collection
    ///     let observer = CacheObserver(observing: users, options: options)
    public struct Options: Sendable {
        /// The start of every metric's label: `cache` gives `cache_hits`, `cache_size`, ….
        public var labelPrefix: String
        /// Dimensions added to every metric, after `("cache", name)`.
        public var dimensions: [(String, String)]
        /// The metrics backend; `nil` for the one bootstrapped in `MetricsSystem`.
        public var metricsFactory: (any MetricsFactory)?
        /// Whether each load's time goes to the `_load_duration` timer (the observer then listens
        /// to the cache's load events, which only loads produce).
        public var recordsLoadTimes: Bool
        /// Where removals and load failures are logged; `nil` for no logging.
        public var logger: Logger?
        /// The level of removal messages; `nil` (the default) logs none, and the observer does
        /// not listen to removals at all.
        public var removalLogLevel: Logger.Level?
        /// The causes of the removals that are logged.
        public var loggedRemovalCauses: Set<RemovalCause>
        /// The level of load-failure messages; `nil` logs none.
        public var loadFailureLogLevel: Logger.Level?

        /// Creates options; by default every metric is reported to `MetricsSystem`, with load
        /// times, and nothing is logged.
        public init(
            labelPrefix: String = "cache",
            dimensions: [(String, String)] = [],
            metricsFactory: (any MetricsFactory)? = nil,
            recordsLoadTimes: Bool = true,
            logger: Logger? = nil,
            removalLogLevel: Logger.Level? = nil,
            loggedRemovalCauses: Set<RemovalCause> = [.evicted, .expired, .collected],
            loadFailureLogLevel: Logger.Level? = .warning
        ) {
            self.labelPrefix = labelPrefix
            self.dimensions = dimensions
            self.metricsFactory = metricsFactory
            self.recordsLoadTimes = recordsLoadTimes
            self.logger = logger
            self.removalLogLevel = removalLogLevel
            self.loggedRemovalCauses = loggedRemovalCauses
            self.loadFailureLogLevel = loadFailureLogLevel
        }

        /// The event kinds the observer listens to; empty when it needs none.
        var eventKinds: CacheEventKinds {
            var kinds: CacheEventKinds = []
            if recordsLoadTimes { kinds.formUnion([.load, .loadFailure]) }
            if logger != nil {
                if removalLogLevel != nil && !loggedRemovalCauses.isEmpty { kinds.insert(.removal) }
                if loadFailureLogLevel != nil { kinds.insert(.loadFailure) }
            }
            return kinds
        }
    }
}
