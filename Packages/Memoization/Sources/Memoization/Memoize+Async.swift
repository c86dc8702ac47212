import CacheCore
import CachePolicies

/// Wraps an `async` function so that its results are cached by its arguments, with one
/// computation shared by concurrent callers (single flight).
///
///     let profile = memoize(maxSize: 10_000, ttl: .seconds(300)) { (id: UserID) async throws in
///         try await api.fetchProfile(id)
///     }
///     async let a = profile(id), b = profile(id)   // one fetch
///
/// If the computation throws, every caller waiting for it gets the error and nothing is cached.
/// It runs in a task of its own, so cancelling one caller does not cancel it for the others.
///
/// - Parameters:
///   - maxSize: The most results to keep (128, as in Python); `nil` for no limit, 0 to keep
///     none (concurrent callers still share a computation). Must not be negative.
///   - ttl: How long a result stays valid; `nil` for ever. Must be positive.
///   - policy: Which result to evict when the cache is full.
///   - typed: Whether arguments of different dynamic types are cached apart even when equal.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
///   - function: The function to memoize.
/// - Returns: A callable value with `cacheInfo()`, `cacheClear()`, `uncached(…)` and `cache`.
/// - Complexity: O(1); a call of the result is O(1) on average, plus the function on a miss.
@inlinable
public func memoize<each Argument: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    typed: Bool = false,
    clock: CacheClock = .system,
    _ function: @escaping @Sendable (repeat each Argument) async throws(Failure) -> Result
) -> AsyncMemoizedFunction<repeat each Argument, ArgumentKey<repeat each Argument>, Result, Failure> {
    AsyncMemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { (arguments: repeat each Argument) in ArgumentKey(repeat each arguments, typed: typed) },
        body: { (_, arguments: repeat each Argument) async throws(Failure) -> Result in
            try await function(repeat each arguments)
        }
    )
}

/// Wraps an `async` function so that its results are cached under the key `key` makes from its
/// arguments, with one computation shared by concurrent callers of one key.
///
/// - Parameters:
///   - maxSize: The most results to keep; `nil` for no limit, 0 to keep none.
///   - ttl: How long a result stays valid; `nil` for ever.
///   - policy: Which result to evict when the cache is full.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
///   - key: Makes the cache key of a call.
///   - function: The function to memoize.
/// - Returns: A callable value with `cacheInfo()`, `cacheClear()`, `uncached(…)` and `cache`.
/// - Complexity: O(1); a call of the result is O(1) on average plus `key`, plus the function on
///   a miss.
@inlinable
public func memoize<each Argument: Sendable, Key: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    clock: CacheClock = .system,
    key: @escaping @Sendable (repeat each Argument) -> Key,
    _ function: @escaping @Sendable (repeat each Argument) async throws(Failure) -> Result
) -> AsyncMemoizedFunction<repeat each Argument, Key, Result, Failure> {
    AsyncMemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: key,
        body: { (_, arguments: repeat each Argument) async throws(Failure) -> Result in
            try await function(repeat each arguments)
        }
    )
}

/// Memoizes a recursive `async` function: `body` receives the memoized function as its first
/// argument and makes its recursive calls through it, so that they are cached and shared too.
///
/// A call must not wait, directly or through others, for its own arguments: it would wait for
/// itself.
///
/// - Parameters:
///   - maxSize: The most results to keep; `nil` for no limit, 0 to keep none.
///   - ttl: How long a result stays valid; `nil` for ever.
///   - policy: Which result to evict when the cache is full.
///   - typed: Whether arguments of different dynamic types are cached apart even when equal.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
///   - body: The function, given itself first.
/// - Returns: A callable value with `cacheInfo()`, `cacheClear()`, `uncached(…)` and `cache`.
/// - Complexity: O(1); a call of the result is O(1) on average, plus the function on a miss.
@inlinable
public func memoizeRecursive<each Argument: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    typed: Bool = false,
    clock: CacheClock = .system,
    _ body:
        @escaping @Sendable (
            AsyncMemoizedFunction<repeat each Argument, ArgumentKey<repeat each Argument>, Result, Failure>,
            repeat each Argument
        ) async throws(Failure) -> Result
) -> AsyncMemoizedFunction<repeat each Argument, ArgumentKey<repeat each Argument>, Result, Failure> {
    AsyncMemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { (arguments: repeat each Argument) in ArgumentKey(repeat each arguments, typed: typed) },
        body: body
    )
}
