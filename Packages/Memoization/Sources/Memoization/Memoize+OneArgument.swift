import CacheCore
import CachePolicies

// The one-argument forms of `memoize` and `memoizeRecursive`: Swift picks them over the
// variadic forms for a function of one argument (unless `typed:` is given), and they key the
// cache by the argument itself. A one-element `ArgumentKey` hashes through a `Hasher`, which
// measured 1.5× the cost of a `Cache.get` hit; the argument's own hash costs nothing extra.

/// Wraps a function of one `Hashable` argument so that its results are cached by the argument.
///
/// The one-argument form of `memoize(…)`, with the same semantics.
///
/// - Parameters:
///   - maxSize: The most results to keep (128, as in Python); `nil` for no limit, 0 to keep none.
///   - ttl: How long a result stays valid; `nil` for ever.
///   - policy: Which result to evict when the cache is full.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
///   - function: The function to memoize.
/// - Returns: A callable value with `cacheInfo()`, `cacheClear()`, `uncached(…)` and `cache`.
/// - Complexity: O(1); a call of the result is O(1) on average, plus the function on a miss.
@inlinable
public func memoize<Argument: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    clock: CacheClock = .system,
    _ function: @escaping @Sendable (Argument) throws(Failure) -> Result
) -> MemoizedFunction<Argument, Argument, Result, Failure> {
    MemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { $0 },
        body: { (_, argument: Argument) throws(Failure) -> Result in try function(argument) }
    )
}

/// Memoizes a recursive function of one `Hashable` argument, keyed by the argument.
///
/// The one-argument form of `memoizeRecursive(…)`.
///
/// - Parameters:
///   - maxSize: The most results to keep; `nil` for no limit, 0 to keep none.
///   - ttl: How long a result stays valid; `nil` for ever.
///   - policy: Which result to evict when the cache is full.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
///   - body: The function, given itself first.
/// - Returns: A callable value with `cacheInfo()`, `cacheClear()`, `uncached(…)` and `cache`.
/// - Complexity: O(1); a call of the result is O(1) on average, plus the function on a miss.
@inlinable
public func memoizeRecursive<Argument: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    clock: CacheClock = .system,
    _ body:
        @escaping @Sendable (MemoizedFunction<Argument, Argument, Result, Failure>, Argument) throws(Failure) -> Result
) -> MemoizedFunction<Argument, Argument, Result, Failure> {
    MemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { $0 },
        body: body
    )
}

/// Wraps an `async` function of one `Hashable` argument so that its results are cached by the
/// argument, with one computation shared by concurrent callers.
///
/// The one-argument form of the `async` `memoize(…)`.
///
/// - Parameters:
///   - maxSize: The most results to keep (128, as in Python); `nil` for no limit, 0 to keep none.
///   - ttl: How long a result stays valid; `nil` for ever.
///   - policy: Which result to evict when the cache is full.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
///   - function: The function to memoize.
/// - Returns: A callable value with `cacheInfo()`, `cacheClear()`, `uncached(…)` and `cache`.
/// - Complexity: O(1); a call of the result is O(1) on average, plus the function on a miss.
@inlinable
public func memoize<Argument: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    clock: CacheClock = .system,
    _ function: @escaping @Sendable (Argument) async throws(Failure) -> Result
) -> AsyncMemoizedFunction<Argument, Argument, Result, Failure> {
    AsyncMemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { $0 },
        body: { (_, argument: Argument) async throws(Failure) -> Result in try await function(argument) }
    )
}

/// Memoizes a recursive `async` function of one `Hashable` argument, keyed by the argument.
///
/// The one-argument form of the `async` `memoizeRecursive(…)`.
///
/// - Parameters:
///   - maxSize: The most results to keep; `nil` for no limit, 0 to keep none.
///   - ttl: How long a result stays valid; `nil` for ever.
///   - policy: Which result to evict when the cache is full.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
///   - body: The function, given itself first.
/// - Returns: A callable value with `cacheInfo()`, `cacheClear()`, `uncached(…)` and `cache`.
/// - Complexity: O(1); a call of the result is O(1) on average, plus the function on a miss.
@inlinable
public func memoizeRecursive<Argument: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    clock: CacheClock = .system,
    _ body:
        @escaping @Sendable (AsyncMemoizedFunction<Argument, Argument, Result, Failure>, Argument) async throws(Failure)
        ->
        Result
) -> AsyncMemoizedFunction<Argument, Argument, Result, Failure> {
    AsyncMemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { $0 },
        body: body
    )
}
