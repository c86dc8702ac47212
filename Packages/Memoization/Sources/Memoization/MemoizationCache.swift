import CacheCore
import CachePolicies

/// A cache of computed results with `functools.lru_cache`'s reports: the storage behind every
/// memoized function, and what a type holds to memoize its methods per instance (cachetools'
/// `cachedmethod`).
///
///     final class Geocoder: Sendable {
///         private let coordinates = MemoizationCache<String, Coordinate>(maxSize: 1_000)
///
///         func coordinate(of address: String) -> Coordinate {
///             coordinates.get(address) { resolve(address) }
///         }
///     }
///
/// Each `Geocoder` owns its cache, which goes away with it; there is no global state. The
/// closure is not stored (it runs at most once, during the call), so capturing `self` in it
/// makes no reference cycle.
///
/// A result is computed outside the cache's lock. Synchronous computations of one key that run
/// at the same time each run (as with `lru_cache`), and each caller returns the first result
/// stored, so that all get the same one; ``value(forKey:compute:)`` shares one run among
/// concurrent asynchronous callers. A computation that throws stores nothing.
///
/// Copies share one cache.
public struct MemoizationCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The cache that holds the results: for listeners, statistics, `configure`, or direct
    /// reads and writes.
    public let cache: Cache<Key, Value>

    /// Creates a memoization cache.
    ///
    /// - Parameters:
    ///   - maxSize: The most results to keep (128, as in Python, unless given); `nil` for no
    ///     limit, 0 to keep none (calls are still counted). Must not be negative.
    ///   - ttl: How long a result stays valid; `nil` for ever. Must be positive.
    ///   - policy: Which result to evict when the cache is full.
    ///   - clock: Where time comes from; use `.manual(clock)` in tests.
    /// - Complexity: O(1).
    public init(
        maxSize: Int? = 128,
        ttl: TimeToLive? = nil,
        policy: CachePolicy = .lru,
        clock: CacheClock = .system
    ) {
        self.cache = Cache(maxSize: maxSize, defaultTTL: ttl, policy: policy, clock: clock)
    }

    /// Memoizes into an existing cache (cachetools' `cached(cache)`), which may be shared with
    /// other users: ``cacheInfo()`` and ``cacheClear()`` then report and clear all of it.
    ///
    /// - Complexity: O(1).
    public init(_ cache: Cache<Key, Value>) {
        self.cache = cache
    }

    /// The cached result for `key`, or the result of `compute`, which is then cached.
    ///
    /// A thrown error is not cached: it goes to the caller, and the next call computes again.
    ///
    /// - Complexity: O(1) on average, plus `compute` on a miss.
    @inlinable
    public func get<Failure: Error>(
        _ key: Key,
        orCompute compute: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        try cache.get(key) { (_: Key) throws(Failure) -> Value in try compute() }
    }

    /// The cached result for `key`, or the result of `compute`, run once for every caller that
    /// asks for `key` while it runs (single flight).
    ///
    /// `compute` runs in a task of its own. If it throws, every waiting caller gets the error and
    /// nothing is cached. Cancelling a caller does not cancel the computation the others wait for.
    /// Do not wait, inside `compute`, for the value of the same key: that waits for itself.
    ///
    /// - Complexity: O(1) on average, plus `compute` on a miss.
    @inlinable
    public func value<Failure: Error>(
        forKey key: Key,
        compute: @escaping @Sendable () async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        do {
            return try await cache.value(forKey: key) { _ in try await compute() }
        } catch {
            throw rethrown(error, as: Failure.self)
        }
    }

    /// The hits, misses, limit and size of the cache, as `lru_cache`'s `cache_info()`.
    ///
    /// - Complexity: O(1).
    public func cacheInfo() -> CacheInfo {
        let stats = cache.stats
        return CacheInfo(
            hits: stats.hits,
            misses: stats.misses,
            maxSize: cache.limits.maxSize,
            currentSize: stats.entryCount
        )
    }

    /// Removes every result and zeroes the hit and miss counters, as `lru_cache`'s
    /// `cache_clear()`. Computations in flight finish for their callers but are not cached.
    ///
    /// - Complexity: O(*n*) for *n* cached results.
    public func cacheClear() {
        cache.clear()
        cache.resetStats()
    }
}

/// `error`, which a computation that throws only `Failure` threw, as a `Failure` again: the
/// engine's single-flight loads throw `any Error`.
@inlinable
func rethrown<Failure: Error>(_ error: any Error, as _: Failure.Type) -> Failure {
    guard let failure = error as? Failure else {
        preconditionFailure("Memoization: a computation threw \(error), which is not a \(Failure.self)")
    }
    return failure
}
