#if Hummingbird
import CacheCore

extension Duration {
    /// The duration in whole milliseconds, rounded up, so that a value never outlives it;
    /// `Int64.max` (or `Int64.min`) when it does not fit.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let milliseconds = scaled.saturatingAdding(attoseconds / 1_000_000_000_000_000)
        return attoseconds % 1_000_000_000_000_000 > 0 ? milliseconds.saturatingAdding(1) : milliseconds
    }

    /// The TTL a persist driver gives an entry that lives this long: a negative duration becomes
    /// zero (an entry that is already dead), as Hummingbird's `MemoryPersistDriver` accepts it.
    var persistTTL: TimeToLive {
        .after(max(self, .zero))
    }
}

extension Int64 {
    /// `self + other`, or the nearest bound when the sum does not fit.
    func saturatingAdding(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other < 0 ? .min : .max
    }
}
#endif
