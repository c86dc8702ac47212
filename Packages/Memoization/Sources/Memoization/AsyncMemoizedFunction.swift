import CacheCore
import CachePolicies

/// An asynchronous function whose results are cached by their arguments, with one computation
/// shared by concurrent callers; `memoize(…)` and `memoizeRecursive(…)` make them from `async`
/// functions.
///
///     let profile = memoize(maxSize: 1_000, ttl: .seconds(60)) { (id: UserID) async throws in
///         try await api.fetchProfile(id)
///     }
///     let alice = try await profile(aliceID)
///
/// Callers that ask for the same arguments while the first computation runs wait for it rather
/// than starting their own (single flight). If it throws, all of them get the error and nothing
/// is cached. The computation runs in a task of its own: cancelling one caller does not cancel
/// it for the others. A `nil` result is cached like any other.
///
/// Copies share one cache. The type is `Sendable`, so a memoized function can be a global
/// constant.
public struct AsyncMemoizedFunction<
    each Argument: Sendable,
    Key: Hashable & Sendable,
    Result: Sendable,
    Failure: Error
>: Sendable {
    /// The function's body; it receives the memoized function, for recursive calls.
    @usableFromInline
    let body: @Sendable (Self, repeat each Argument) async throws(Failure) -> Result

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
        body: @escaping @Sendable (Self, repeat each Argument) async throws(Failure) -> Result
    ) {
        self.storage = storage
        self.makeKey = key
        self.body = body
    }

    /// The result for these arguments: cached, awaited from a computation in flight, or
    /// computed and then cached.
    ///
    /// - Complexity: O(1) on average, plus the function on a miss.
    @inlinable
    public func callAsFunction(_ arguments: repeat each Argument) async throws(Failure) -> Result {
        do {
            return try await storage.cache.value(forKey: makeKey(repeat each arguments)) { [self] _ in
                try await body(self, repeat each arguments)
            }
        } catch {
            throw rethrown(error, as: Failure.self)
        }
    }

    /// Runs the original function, bypassing the cache for this call (Python's `uncached` and
    /// `__wrapped__`); its recursive calls, if any, still go through the cache.
    ///
    /// - Complexity: That of the function; nothing is read from or stored in the cache.
    @inlinable
    public func uncached(_ arguments: repeat each Argument) async throws(Failure) -> Result {
        try await body(self, repeat each arguments)
    }

    /// The cache that holds the results.
    public var cache: Cache<Key, Result> { storage.cache }

    /// The hits, misses, limit and size of the cache, as `lru_cache`'s `cache_info()`.
    ///
    /// - Complexity: O(1).
    public func cacheInfo() -> CacheInfo { storage.cacheInfo() }

    /// Removes every cached result and zeroes the counters, as `lru_cache`'s `cache_clear()`.
    /// Computations in flight finish for their callers but are not cached.
    ///
    /// - Complexity: O(*n*) for *n* cached results.
    public func cacheClear() { storage.cacheClear() }
}
