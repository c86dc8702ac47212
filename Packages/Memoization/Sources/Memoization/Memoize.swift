import CacheCore
import CachePolicies

/// Wraps `function` so that its results are cached by its arguments: Python's
/// `functools.lru_cache`, cachetools' `cached` and cacheout's `memoize`, for a function of any
/// number of `Hashable` arguments.
///
///     let distance = memoize(maxSize: 1_024) { (from: City, to: City) in
///         routePlanner.distance(from, to)
///     }
///     distance(paris, rome)        // computed
///     distance(paris, rome)        // cached
///     distance.cacheInfo()         // CacheInfo(hits: 1, misses: 1, maxSize: 1024, currentSize: 1)
///     distance.cacheClear()
///
/// Results are keyed by the whole tuple of arguments (``ArgumentKey``), compared with `==`, so
/// calls whose arguments merely hash alike never share a result. Errors are not cached; `nil`
/// results are. An `async` function gets one computation shared by concurrent callers (see
/// ``AsyncMemoizedFunction``). For a recursive function, use `memoizeRecursive(…)`
/// or a global constant whose body calls itself.
///
/// - Parameters:
///   - maxSize: The most results to keep (128, as in Python); `nil` for no limit, 0 to keep
///     none (calls are still counted). Must not be negative.
///   - ttl: How long a result stays valid; `nil` for ever. Must be positive.
///   - policy: Which result to evict when the cache is full.
///   - typed: Whether arguments of different dynamic types are cached apart even when equal
///     (`1` and `1.0` as ``AnySendableHashable``), as Python's `typed=True`.
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
    _ function: @escaping @Sendable (repeat each Argument) throws(Failure) -> Result
) -> MemoizedFunction<repeat each Argument, ArgumentKey<repeat each Argument>, Result, Failure> {
    MemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { (arguments: repeat each Argument) in ArgumentKey(repeat each arguments, typed: typed) },
        body: { (_, arguments: repeat each Argument) throws(Failure) -> Result in try function(repeat each arguments) }
    )
}

/// Wraps `function` so that its results are cached under the key `key` makes from its
/// arguments (cachetools' `cached(key=…)`): to ignore an argument, normalise one, or memoize a
/// function whose arguments are not `Hashable`.
///
///     let render = memoize(key: { (page: Page, _: Logger) in page.id }) { page, logger in
///         renderer.render(page, logging: logger)
///     }
///
/// Calls whose keys are equal share one result, so the key must capture everything the result
/// depends on.
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
public func memoize<each Argument, Key: Hashable & Sendable, Result: Sendable, Failure: Error>(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    clock: CacheClock = .system,
    key: @escaping @Sendable (repeat each Argument) -> Key,
    _ function: @escaping @Sendable (repeat each Argument) throws(Failure) -> Result
) -> MemoizedFunction<repeat each Argument, Key, Result, Failure> {
    MemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: key,
        body: { (_, arguments: repeat each Argument) throws(Failure) -> Result in try function(repeat each arguments) }
    )
}

/// Memoizes a recursive function: `body` receives the memoized function as its first argument
/// and makes its recursive calls through it, so that they are cached too.
///
///     let fibonacci = memoizeRecursive { (fibonacci, n: Int) -> Int in
///         n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
///     }
///     fibonacci(90)   // 2880067194370816120, after 91 computations
///
/// (A global constant can also call itself by name: `let fib: … = memoize { n in … fib(n - 1) … }`.)
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
            MemoizedFunction<repeat each Argument, ArgumentKey<repeat each Argument>, Result, Failure>,
            repeat each Argument
        ) throws(Failure) -> Result
) -> MemoizedFunction<repeat each Argument, ArgumentKey<repeat each Argument>, Result, Failure> {
    MemoizedFunction(
        storage: MemoizationCache(maxSize: maxSize, ttl: ttl, policy: policy, clock: clock),
        key: { (arguments: repeat each Argument) in ArgumentKey(repeat each arguments, typed: typed) },
        body: body
    )
}
