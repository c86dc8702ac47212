import CacheCore
import CoreMetrics
import Logging

/// Turns one cache's events into load-time samples and log messages.
struct EventHandler: Sendable {
    let cacheName: String
    let metrics: CacheMetrics
    let options: CacheObserver.Options

    /// Handles one event; runs on the thread of the cache operation, after the cache's lock.
    func handle(_ event: ObservedEvent) {
        switch event {
        case .load(_, let duration):
            if options.recordsLoadTimes { metrics.loadDuration.recordNanoseconds(duration.cacheNanoseconds) }
        case .loadFailure(let key, let error, let duration):
            if options.recordsLoadTimes { metrics.loadDuration.recordNanoseconds(duration.cacheNanoseconds) }
            if let logger = options.logger, let level = options.loadFailureLogLevel {
                logger.log(
                    level: level,
                    "cache load failed",
                    metadata: [
                        "cache": "\(cacheName)", "key": "\(key)", "error": "\(error)", "duration": "\(duration)",
                    ]
                )
            }
        case .removal(let key, let cause):
            if let logger = options.logger, let level = options.removalLogLevel,
                options.loggedRemovalCauses.contains(cause)
            {
                logger.log(
                    level: level,
                    "cache entry removed",
                    metadata: ["cache": "\(cacheName)", "key": "\(key)", "cause": "\(cause)"]
                )
            }
        }
    }
}
