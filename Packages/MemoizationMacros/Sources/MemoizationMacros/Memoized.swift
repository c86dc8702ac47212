@_exported import CacheCore
@_exported import CachePolicies
@_exported import Memoization

#if Macros
/// Memoizes a function or method: every call, recursive calls included, goes through a cache
/// keyed by the arguments, as with Python's `@functools.lru_cache`.
///
///     @Memoized(maxSize: 256)
///     func fibonacci(_ n: Int) -> Int {
///         n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
///     }
///
///     fibonacci(90)            // 91 computations; the recursive calls hit the cache
///     fibonacciCacheInfo()     // CacheInfo(hits: 88, misses: 91, maxSize: 256, currentSize: 91)
///     fibonacciCacheClear()
///
/// Next to the function the macro declares `fibonacciCache` (its ``/Memoization/MemoizationCache``),
/// `fibonacciCacheInfo()`, `fibonacciCacheClear()` and `fibonacciUncached(_:)` (the original
/// body, which the memoized body calls on a miss), with the function's access level. On an
/// instance method the cache is a stored property, so each instance has its own, released with
/// it (cachetools' `cachedmethod`); on a static method it is a static property; on a function
/// at file scope, a global constant.
///
/// The semantics are those of `memoize(…)`:
/// errors are not cached, `nil` results are; an `async` function shares one computation among
/// concurrent callers of the same arguments (its method's type must then be `Sendable`).
///
/// Every parameter must be `Hashable` and `Sendable`. The macro reports, with a fix-it where one
/// helps, what it cannot memoize: a declaration that is not a function or has no body,
/// `inout` parameters, parameters that are functions, tuples, metatypes or existentials
/// (`AnyHashable` becomes ``/Memoization/AnySendableHashable``), unnamed parameters, generic functions and
/// opaque results, local functions, and instance methods of enums, extensions and protocols,
/// which cannot hold a stored cache. Overloads of one name cannot both be memoized: their
/// companions would share names.
///
/// - Parameters:
///   - maxSize: The most results to keep (128, as in Python); `nil` for no limit, 0 to keep
///     none.
///   - ttl: How long a result stays valid; `nil` for ever.
///   - policy: Which result to evict when the cache is full.
///   - clock: Where time comes from; use `.manual(clock)` in tests.
@attached(peer, names: suffixed(Cache), suffixed(CacheInfo), suffixed(CacheClear), suffixed(Uncached))
@attached(body)
public macro Memoized(
    maxSize: Int? = 128,
    ttl: TimeToLive? = nil,
    policy: CachePolicy = .lru,
    clock: CacheClock = .system
) = #externalMacro(module: "MemoizationMacrosPlugin", type: "MemoizedMacro")
#endif
