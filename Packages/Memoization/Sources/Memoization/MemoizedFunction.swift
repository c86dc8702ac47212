import CacheCore
import CachePolicies

/// A synchronous function whose results are cached by their arguments; `memoize(…)` and
/// `memoizeRecursive(…)` make them.
///
/// Call it like the function it wraps:
///
///     let slowSquare = memoize(maxSize: 256) { (n: Int) in expensiveSquare(n) }
///     slowSquare(12)          // computes
///     slowSquare(12)          // cached
///     slowSquare.cacheInfo()  // CacheInfo(hits: 1, misses: 1, maxSize: 256, currentSize: 1)
///
/// A call that throws caches nothing. A `nil` result is cached like any other. Two calls that
/// run at the same time for arguments not yet cached may both compute (as with `lru_cache`);
/// use an `async` function for one shared computation.
///
/// Copies share one cache. The type is `Sendable`, so a memoized function can be a global
/// constant.
public struct MemoizedFunction<each Argument, Key: Hashable & Sendable, Result: Sendable, Failure: Error>: Sendable {
    /// The function's body; it receives the memoized function, for recursive calls.
    @usableFromInline
    let body: @Sendable (Self, repeat each Argument) throws(Failure) -> Result

    /// Makes the cache key of a call.
    @usableFromInline
    let makeKey: @Sendable (repeat each Argument) -> Key

    /// Where the results live.
    @usableFromInline
    let storage: MemoizationCache<Key, Result>

    /// Creates a memoized function from a body that receives the memoized function itself.
    ///
    /// - Parameters:
    ///   - storage: Where the results live.
    ///   - key: Makes the cache key of a call.
    ///   - body: Computes a result; call its first argument to recurse through the cache.
    /// - Complexity: O(1).
    @inlinable
    public init(
        storage: MemoizationCache<Key, Result>,
        key: @escaping @Sendable (repeat each Argument) -> Key,
        body: @escaping @Sendable (Self, repeat each Argument) throws(Failure) -> Result
    ) {
        self.storage = storage
        self.makeKey = key
        self.body = body
    }

    /// The result for these arguments: cached, or computed and then cached.
    ///
    /// - Complexity: O(1) on average, plus the function on a miss.
    @inlinable
    public func callAsFunction(_ arguments: repeat each Argument) throws(Failure) -> Result {
        try storage.get(makeKey(repeat each arguments)) { () throws(Failure) -> Result in
            try body(self, repeat each arguments)
        }
    }

    /// Runs the original function, bypassing the cache for this call (Python's `uncached` and
    /// `__wrapped__`); its recursive calls, if any, still go through the cache.
    ///
    /// - Complexity: That of the function; nothing is read from or stored in the cache.
    @inlinable
    public func uncached(_ arguments: repeat each Argument) throws(Failure) -> Result {
        try body(self, repeat each arguments)
    }

    /// The cache that holds the results.
    public var cache: Cache<Key, Result> { storage.cache }

    /// The hits, misses, limit and size of the cache, as `lru_cache`'s `cache_info()`.
    ///
    /// - Complexity: O(1).
    public func cacheInfo() -> CacheInfo { storage.cacheInfo() }

    /// Removes every cached result and zeroes the counters, as `lru_cache`'s `cache_clear()`.
    ///
    /// - Complexity: O(*n*) for *n* cached results.
    public func cacheClear() { storage.cacheClear() }
}
