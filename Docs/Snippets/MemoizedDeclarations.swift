// `@Memoized`: the memoization of `memoize`, written on the declaration (package trait `Macros`).
// The macro also declares `fibonacciCacheInfo()`, `fibonacciCacheClear()`, `fibonacciCache` and
// `fibonacciUncached(_:)` next to the function.
// snippet.hide
#if Macros
// snippet.show
import MemoizationMacros

// snippet.fibonacci
@Memoized(maxSize: 256)
func fibonacci(_ n: Int) -> Int {
    n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
}

let fib90 = fibonacci(90)  // 91 computations: the recursive calls go through the cache
print(fibonacciCacheInfo())  // CacheInfo(hits: 88, misses: 91, maxSize: 256, currentSize: 91)
fibonacciCacheClear()
// snippet.end

// On a method, the cache is a stored property: one per instance.
final class Pricing: Sendable {
    @Memoized(maxSize: 1_000, ttl: .seconds(60))
    func price(of item: String, quantity: Int) -> Int { item.count * quantity }
}
// snippet.hide
precondition(fib90 == 2_880_067_194_370_816_120)
precondition(Pricing().price(of: "tea", quantity: 2) == 6)
#endif
