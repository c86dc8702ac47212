#if Macros
import CacheCore
import CachePolicies
import MemoizationMacros
import Synchronization
import Testing

// MARK: Functions at file scope

nonisolated let fibonacciCalls = Atomic<Int>(0)

@Memoized(maxSize: 200)
func fibonacci(_ n: Int) -> Int {
    fibonacciCalls.add(1, ordering: .relaxed)
    return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
}

@Memoized(maxSize: 2, policy: .fifo)
func describe(_ value: Int, in base: Int = 10) -> String {
    String(value, radix: base)
}

@Memoized
func firstWord(of text: String) -> Substring? {
    text.split(separator: " ").first
}

struct ParseFailure: Error, Equatable {
    let text: String
}

nonisolated let parseCalls = Atomic<Int>(0)

@Memoized
func parse(_ text: String) throws(ParseFailure) -> Int {
    parseCalls.add(1, ordering: .relaxed)
    guard let value = Int(text) else { throw ParseFailure(text: text) }
    return value
}

@Memoized
func total(_ values: Int...) -> Int {
    values.reduce(0, +)
}

let ttlClock = ManualClock()

@Memoized(ttl: .seconds(30), clock: .manual(ttlClock))
func stamp(_ label: String) -> Int {
    Int(ttlClock.now.nanoseconds / 1_000_000_000)
}

// MARK: Methods

/// Memoized methods keep one cache per instance.
final class Catalog: Sendable {
    let prices: [String: Int]
    let lookups = Atomic<Int>(0)

    init(prices: [String: Int]) { self.prices = prices }

    @Memoized(maxSize: 10)
    func price(of item: String, quantity: Int) -> Int? {
        lookups.add(1, ordering: .relaxed)
        return prices[item].map { $0 * quantity }
    }

    @Memoized
    func remotePrice(of item: String) async throws -> Int {
        lookups.add(1, ordering: .relaxed)
        await Task.yield()
        guard let price = prices[item] else { throw ParseFailure(text: item) }
        return price
    }

    @Memoized(maxSize: nil)
    static func factorial(_ n: Int) -> Int {
        n <= 1 ? 1 : n * factorial(n - 1)
    }
}

/// An instance method of a generic type is keyed by the type's generic parameters.
struct Lookup<Key: Hashable & Sendable, Value: Hashable & Sendable>: Sendable {
    let table: [Key: Value]

    @Memoized(maxSize: 8)
    func value(for key: Key, orElse fallback: Value) -> Value {
        table[key] ?? fallback
    }
}

actor Counter {
    var computations = 0

    @Memoized
    func square(_ n: Int) -> Int {
        computations += 1
        return n * n
    }

    @Memoized
    func slowSquare(_ n: Int) async -> Int {
        computations += 1
        await Task.yield()
        return n * n
    }
}

// MARK: Tests

@Suite("@Memoized")
struct MemoizedBehaviourTests {
    @Test func recursiveCallsGoThroughTheCache() {
        fibonacciCacheClear()
        fibonacciCalls.store(0, ordering: .relaxed)
        #expect(fibonacci(90) == 2_880_067_194_370_816_120)
        #expect(fibonacciCalls.load(ordering: .relaxed) == 91)
        #expect(fibonacciCacheInfo() == CacheInfo(hits: 88, misses: 91, maxSize: 200, currentSize: 91))
        #expect(fibonacciUncached(10) == 55)
        #expect(fibonacciCache.cache.count == 91)
    }

    @Test func theOptionsReachTheCache() {
        #expect(describe(255, in: 16) == "ff")
        #expect(describe(255) == "255")
        #expect(describe(255, in: 16) == "ff")
        #expect(describe(7, in: 2) == "111")  // evicts (255, 16), the first written
        #expect(describeCache.cache.policy.name == "fifo")
        #expect(describeCache.cache.keys.map { $0.arguments.0 } == [255, 7])
        #expect(describeCacheInfo() == CacheInfo(hits: 1, misses: 3, maxSize: 2, currentSize: 2))
    }

    @Test func nilResultsAreCachedAndErrorsAreNot() throws {
        #expect(firstWord(of: "") == nil)
        #expect(firstWord(of: "") == nil)
        #expect(firstWordCacheInfo().hits == 1)

        parseCalls.store(0, ordering: .relaxed)
        #expect(throws: ParseFailure(text: "x")) { try parse("x") }
        #expect(throws: ParseFailure(text: "x")) { try parse("x") }
        #expect(try parse("42") == 42)
        #expect(try parse("42") == 42)
        #expect(parseCalls.load(ordering: .relaxed) == 3)
        #expect(parseCache.cache.keys == ["42"])
    }

    @Test func variadicArgumentsAreKeyedAsArrays() {
        #expect(total(1, 2, 3) == 6)
        #expect(total(1, 2, 3) == 6)
        #expect(total() == 0)
        #expect(totalCacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 128, currentSize: 2))
        #expect(totalUncached([4, 5]) == 9)
    }

    @Test func resultsExpireAfterTheTTL() {
        stampCacheClear()
        let first = stamp("a")
        ttlClock.advance(by: .seconds(29))
        #expect(stamp("a") == first)
        ttlClock.advance(by: .seconds(1))
        #expect(stamp("a") == first + 30)
        #expect(stampCacheInfo().misses == 2)
    }

    @Test func eachInstanceHasItsOwnCache() {
        let shop = Catalog(prices: ["tea": 3])
        let other = Catalog(prices: ["tea": 5])
        #expect(shop.price(of: "tea", quantity: 2) == 6)
        #expect(shop.price(of: "tea", quantity: 2) == 6)
        #expect(shop.price(of: "milk", quantity: 1) == nil)
        #expect(other.price(of: "tea", quantity: 2) == 10)
        #expect(shop.lookups.load(ordering: .relaxed) == 2)
        #expect(shop.priceCacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 10, currentSize: 2))
        #expect(other.priceCacheInfo() == CacheInfo(hits: 0, misses: 1, maxSize: 10, currentSize: 1))
        shop.priceCacheClear()
        #expect(shop.priceCacheInfo() == CacheInfo(hits: 0, misses: 0, maxSize: 10, currentSize: 0))
    }

    @Test func anInstanceWithMemoizedMethodsIsDeallocated() {
        weak var released: Catalog?
        do {
            let catalog = Catalog(prices: ["tea": 3])
            released = catalog
            #expect(catalog.price(of: "tea", quantity: 1) == 3)
            #expect(catalog.price(of: "tea", quantity: 1) == 3)
        }
        #expect(released == nil)
    }

    @Test func asyncMethodsShareOneComputation() async throws {
        let catalog = Catalog(prices: ["tea": 3])
        async let first = catalog.remotePrice(of: "tea")
        async let second = catalog.remotePrice(of: "tea")
        #expect(try await [first, second] == [3, 3])
        #expect(try await catalog.remotePrice(of: "tea") == 3)
        #expect(catalog.lookups.load(ordering: .relaxed) == 1)
        await #expect(throws: ParseFailure(text: "coffee")) { try await catalog.remotePrice(of: "coffee") }
        #expect(catalog.remotePriceCache.cache.count == 1)
    }

    @Test func staticMethodsShareATypeWideCache() {
        #expect(Catalog.factorial(20) == 2_432_902_008_176_640_000)
        #expect(Catalog.factorialCacheInfo().currentSize == 20)
        #expect(Catalog.factorialUncached(5) == 120)
    }

    @Test func methodsOfGenericTypesAreKeyedByTheirParameters() {
        let lookup = Lookup(table: ["a": 1.5])
        #expect(lookup.value(for: "a", orElse: 0) == 1.5)
        #expect(lookup.value(for: "b", orElse: 2) == 2)
        #expect(lookup.value(for: "b", orElse: 2) == 2)
        #expect(lookup.valueCache.cache.keys == [ArgumentKey("a", 0.0), ArgumentKey("b", 2.0)])
        #expect(lookup.valueCacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 8, currentSize: 2))
    }

    @Test func actorMethodsKeepTheirIsolation() async {
        let counter = Counter()
        #expect(await counter.square(12) == 144)
        #expect(await counter.square(12) == 144)
        #expect(await counter.slowSquare(3) == 9)
        #expect(await counter.slowSquare(3) == 9)
        #expect(await counter.computations == 2)
        #expect(counter.squareCacheInfo() == CacheInfo(hits: 1, misses: 1, maxSize: 128, currentSize: 1))
    }
}
#endif
