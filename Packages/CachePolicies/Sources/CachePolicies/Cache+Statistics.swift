import CacheCore
import Synchronization

extension Cache {
    /// A snapshot of the counters (see ``/CacheCore/CacheStats`` for what each counts).
    public var stats: CacheStats {
        withStorage(at: timeIfExpiring()) { storage, _, _ in
            storage.stats.snapshot(entryCount: storage.count)
        }
    }

    /// Whether the counters are enabled (they may still be paused).
    public var isRecordingStats: Bool {
        storage.withAnnotatedLock { $0.stats.isEnabled }
    }

    /// Starts counting, from the current values.
    public func enableStats() {
        storage.withAnnotatedLock { $0.stats.setEnabled(true) }
    }

    /// Stops counting and zeroes the counters.
    public func disableStats() {
        storage.withAnnotatedLock { $0.stats.setEnabled(false) }
    }

    /// Freezes the counters without zeroing them.
    public func pauseStats() {
        storage.withAnnotatedLock { $0.stats.setPaused(true) }
    }

    /// Resumes counting after ``pauseStats()``.
    public func resumeStats() {
        storage.withAnnotatedLock { $0.stats.setPaused(false) }
    }

    /// Zeroes the counters.
    public func resetStats() {
        storage.withAnnotatedLock { $0.stats.reset() }
    }
}
