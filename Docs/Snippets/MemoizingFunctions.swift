// Memoization: `memoize` for a function of any arity, `lru_cache`'s `cache_info()` and
// `cache_clear()`, recursion through the cache, single flight for `async` functions, and a cache
// per instance for methods.
import Memoization

// snippet.hide
struct City: Hashable, Sendable {
    var name: String
}
let paris = City(name: "Paris")
let rome = City(name: "Rome")
func routeLength(_ from: City, _ to: City) -> Int { from.name.count * 100 + to.name.count }
// snippet.show
// snippet.basic
// @functools.lru_cache(maxsize=256)
// def distance(a, b): ...
let distance = memoize(maxSize: 256) { (from: City, to: City) in routeLength(from, to) }
let computed = distance(paris, rome)  // computed
let cached = distance(paris, rome)  // cached
print(distance.cacheInfo())  // CacheInfo(hits: 1, misses: 1, maxSize: 256, currentSize: 1)
distance.cacheClear()  // distance.cache_clear()
// snippet.end

// snippet.recursive
// Recursive calls go through the cache too: fibonacci(90) computes 91 values.
let fibonacci = memoizeRecursive(maxSize: nil) { (fibonacci, n: Int) -> Int in
    n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
}
let fib90 = fibonacci(90)
// snippet.end

// snippet.async
// Concurrent callers with the same arguments share one computation; errors are not cached.
let square = memoize(maxSize: 1_000, ttl: .seconds(60)) { (n: Int) async throws -> Int in n * n }
async let first = square(12)
async let second = square(12)
let squares = try await (first, second)
// snippet.end

// snippet.method
// One cache per instance, released with it (cachetools' `cachedmethod`).
final class Geocoder: Sendable {
    private let coordinates = MemoizationCache<String, [Double]>(maxSize: 1_000)

    func coordinate(of address: String) -> [Double] {
        coordinates.get(address) { Self.resolve(address) }
    }

    static func resolve(_ address: String) -> [Double] { [Double(address.count), 0] }
}
// snippet.end
// snippet.hide
precondition(computed == cached)
let geocoder = Geocoder()
precondition(geocoder.coordinate(of: "1 Main St") == [9, 0])
precondition(distance.cacheInfo() == CacheInfo(hits: 0, misses: 0, maxSize: 256, currentSize: 0))
precondition(fib90 == 2_880_067_194_370_816_120 && fibonacci.cacheInfo().misses == 91)
precondition(squares == (144, 144) && square.cacheInfo().currentSize == 1)
