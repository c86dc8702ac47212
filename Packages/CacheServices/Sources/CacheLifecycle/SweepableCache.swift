#if ServiceLifecycle
import CachePolicies

/// A cache whose expired entries can be removed on demand, so a ``CacheExpirySweeper`` can
/// release them while nothing else touches the cache.
///
/// `Cache` and `ShardedCache` conform. A cache type of your own conforms by implementing
/// ``expire()``.
public protocol SweepableCache: AnyObject, Sendable {
    /// Removes every entry whose time to live has run out, telling the cache's removal listeners
    /// (cause `expired`).
    ///
    /// - Returns: The number of entries removed.
    @discardableResult
    func expire() -> Int
}

extension Cache: SweepableCache {}

extension ShardedCache: SweepableCache {}
#endif
