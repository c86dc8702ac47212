import CacheCore
import CachePolicies

extension WeakValueCache {
    /// A snapshot of the counters, as ``/CachePolicies/Cache/stats``: reads (``get(_:)``, the subscript,
    /// ``getMany(_:)``) count as hits or misses, values whose deallocation the cache noticed as
    /// `collections`, and `entryCount` is ``count``. The keep-alive letting a value go is not a
    /// removal, so `evictions` stays 0.
    ///
    /// - Complexity: O(*n*), as ``count``: taking a snapshot sweeps.
    public var stats: CacheStats {
        sweep()
        return table.stats
    }

    /// Whether the counters are enabled (they may still be paused: see ``isStatsPaused``).
    public var isRecordingStats: Bool { table.isRecordingStats }

    /// Whether ``pauseStats()`` froze the counters (until ``resumeStats()``).
    public var isStatsPaused: Bool { table.isStatsPaused }

    /// Starts counting, from the current values.
    ///
    /// - Complexity: O(1).
    public func enableStats() { table.enableStats() }

    /// Stops counting and zeroes the counters.
    ///
    /// - Complexity: O(1).
    public func disableStats() { table.disableStats() }

    /// Freezes the counters without zeroing them.
    ///
    /// - Complexity: O(1).
    public func pauseStats() { table.pauseStats() }

    /// Resumes counting after ``pauseStats()``.
    ///
    /// - Complexity: O(1).
    public func resumeStats() { table.resumeStats() }

    /// Zeroes the counters.
    ///
    /// - Complexity: O(1).
    public func resetStats() { table.resetStats() }
}
