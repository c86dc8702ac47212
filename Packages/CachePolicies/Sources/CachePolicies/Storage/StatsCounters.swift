import CacheCore

/// The live counters behind ``/CacheCore/CacheStats``, kept under the cache's lock.
@usableFromInline
struct StatsCounters {
    @usableFromInline var hits = 0
    @usableFromInline var misses = 0
    @usableFromInline var sets = 0
    @usableFromInline var deletes = 0
    @usableFromInline var evictions = 0
    @usableFromInline var expirations = 0
    @usableFromInline var collections = 0
    @usableFromInline var loadSuccesses = 0
    @usableFromInline var loadFailures = 0
    @usableFromInline var loadNanoseconds: Int64 = 0

    /// Whether counting is on (enabled and not paused).
    @usableFromInline var isRecording: Bool
    @usableFromInline var isEnabled: Bool
    @usableFromInline var isPaused = false

    @usableFromInline
    init(enabled: Bool) {
        isEnabled = enabled
        isRecording = enabled
    }

    @inlinable mutating func recordHit() { if isRecording { hits &+= 1 } }
    @inlinable mutating func recordMiss() { if isRecording { misses &+= 1 } }
    @inlinable mutating func recordHits(_ count: Int) { if isRecording { hits &+= count } }
    @inlinable mutating func recordMisses(_ count: Int) { if isRecording { misses &+= count } }
    @inlinable mutating func recordSet() { if isRecording { sets &+= 1 } }

    @inlinable
    mutating func recordRemoval(_ cause: RemovalCause) {
        guard isRecording else { return }
        switch cause {
        case .deleted: deletes &+= 1
        case .evicted: evictions &+= 1
        case .expired: expirations &+= 1
        case .collected: collections &+= 1
        case .replaced, .cleared: break
        }
    }

    @inlinable
    mutating func recordLoad(succeeded: Bool, nanoseconds: Int64) {
        guard isRecording else { return }
        if succeeded { loadSuccesses &+= 1 } else { loadFailures &+= 1 }
        loadNanoseconds &+= nanoseconds
    }

    /// Zeroes the counters; the enabled and paused states stay.
    @usableFromInline
    mutating func reset() {
        self = StatsCounters(enabled: isEnabled, paused: isPaused)
    }

    @usableFromInline
    mutating func setEnabled(_ enabled: Bool) {
        if !enabled { reset() }
        isEnabled = enabled
        isRecording = isEnabled && !isPaused
    }

    @usableFromInline
    mutating func setPaused(_ paused: Bool) {
        isPaused = paused
        isRecording = isEnabled && !isPaused
    }

    @usableFromInline
    func snapshot(entryCount: Int, totalCost: Int) -> CacheStats {
        CacheStats(
            hits: hits,
            misses: misses,
            sets: sets,
            deletes: deletes,
            evictions: evictions,
            expirations: expirations,
            collections: collections,
            loadSuccesses: loadSuccesses,
            loadFailures: loadFailures,
            totalLoadTime: .nanoseconds(loadNanoseconds),
            entryCount: entryCount,
            totalCost: totalCost
        )
    }

    private init(enabled: Bool, paused: Bool) {
        isEnabled = enabled
        isPaused = paused
        isRecording = enabled && !paused
    }
}
