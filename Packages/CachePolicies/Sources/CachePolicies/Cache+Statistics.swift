import CacheCore
import Synchronization

extension Cache {
    /// A snapshot of the counters (see ``/CacheCore/CacheStats`` for what each counts).
    public var stats: CacheStats {
        withStorage(at: timeIfExpiring()) { storage, _, _ in
            storage.stats.snapshot(entryCount: storage.count, totalCost: storage.totalCost)
        }
    }

    /// Whether the counters are enabled (they may still be paused: see ``isStatsPaused``).
    public var isRecordingStats: Bool {
        withLockedStorage { $0.stats.isEnabled }
    }

    /// Whether ``pauseStats()`` froze the counters (until ``resumeStats()``); they count only when
    /// they are enabled and not paused.
    public var isStatsPaused: Bool {
        withLockedStorage { $0.stats.isPaused }
    }

    /// Starts counting, from the current values.
    ///
    /// - Complexity: O(1).
    public func enableStats() {
        withLockedStorage { $0.stats.setEnabled(true) }
    }

    /// Stops counting and zeroes the counters.
    ///
    /// - Complexity: O(1).
    public func disableStats() {
        withLockedStorage { $0.stats.setEnabled(false) }
    }

    /// Freezes the counters without zeroing them.
    ///
    /// - Complexity: O(1).
    public func pauseStats() {
        withLockedStorage { $0.stats.setPaused(true) }
    }

    /// Resumes counting after ``pauseStats()``.
    ///
    /// - Complexity: O(1).
    public func resumeStats() {
        withLockedStorage { $0.stats.setPaused(false) }
    }

    /// Zeroes the counters.
    ///
    /// - Complexity: O(1).
    public func resetStats() {
        withLockedStorage { $0.stats.reset() }
    }
}
