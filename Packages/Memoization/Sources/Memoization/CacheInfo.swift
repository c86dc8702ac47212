/// The counters of a memoized function, as `functools.lru_cache`'s `cache_info()` reports them.
///
///     let square = memoize(maxSize: 100) { (n: Int) in n * n }
///     _ = square(3); _ = square(3)
///     square.cacheInfo()   // CacheInfo(hits: 1, misses: 1, maxSize: 100, currentSize: 1)
public struct CacheInfo: Hashable, Sendable, CustomStringConvertible {
    /// Calls answered from the cache.
    public var hits: Int
    /// Calls that found no cached result (a caller that waits for another caller's computation
    /// of the same arguments counts as a miss).
    public var misses: Int
    /// The most results the cache keeps; `nil` for no limit.
    public var maxSize: Int?
    /// The results the cache holds now.
    public var currentSize: Int

    /// Creates a report.
    ///
    /// - Complexity: O(1).
    public init(hits: Int, misses: Int, maxSize: Int?, currentSize: Int) {
        self.hits = hits
        self.misses = misses
        self.maxSize = maxSize
        self.currentSize = currentSize
    }

    /// `CacheInfo(hits: 1, misses: 1, maxSize: 100, currentSize: 1)`, with `nil` for no limit.
    public var description: String {
        "CacheInfo(hits: \(hits), misses: \(misses), maxSize: \(maxSize.map(String.init) ?? "nil"), "
            + "currentSize: \(currentSize))"
    }
}
