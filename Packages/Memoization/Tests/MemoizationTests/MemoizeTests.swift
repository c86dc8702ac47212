import CacheCore
import CachePolicies
import Memoization
import Testing

@Suite("memoize")
struct MemoizeTests {
    @Test func equalArgumentsHitAndDifferentArgumentsCompute() {
        let calls = CallCounter()
        let square = memoize { (n: Int) in
            calls.record()
            return n * n
        }
        #expect(square(3) == 9)
        #expect(square(3) == 9)
        #expect(square(4) == 16)
        #expect(calls.count == 2)
        #expect(square.cacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 128, currentSize: 2))
    }

    @Test func argumentsWhoseHashesCollideNeverShareAResult() {
        // cacheout 0.17 keys on hash values: f(-1) then f(-2) returns -1 there.
        let identity = memoize { (key: CollidingKey) in key.value }
        #expect(identity(CollidingKey(value: -1)) == -1)
        #expect(identity(CollidingKey(value: -2)) == -2)
        #expect(identity(CollidingKey(value: -1)) == -1)
        #expect(identity.cacheInfo().currentSize == 2)
        #expect(identity.cacheInfo().hits == 1)
    }

    @Test func theKeyIsTheWholeArgumentTuple() {
        let calls = CallCounter()
        let join = memoize { (a: Int, b: String, c: Bool) in
            calls.record()
            return "\(a)|\(b)|\(c)"
        }
        #expect(join(1, "23", true) == "1|23|true")
        #expect(join(12, "3", true) == "12|3|true")
        #expect(join(1, "23", false) == "1|23|false")
        #expect(join(1, "23", true) == "1|23|true")
        #expect(calls.count == 3)

        let constant = memoize {
            calls.record()
            return 42
        }
        #expect(constant() == 42)
        #expect(constant() == 42)
        #expect(calls.count == 4)
    }

    @Test func maxSizeBoundsTheCacheWithThePolicy() {
        let lru = memoize(maxSize: 2) { (n: Int) in n }
        _ = lru(1)
        _ = lru(2)
        _ = lru(1)
        _ = lru(3)  // evicts 2, the least recently used
        #expect(lru.cache.keys == [1, 3])

        let fifo = memoize(maxSize: 2, policy: .fifo) { (n: Int) in n }
        _ = fifo(1)
        _ = fifo(2)
        _ = fifo(1)
        _ = fifo(3)  // evicts 1, the first written
        #expect(fifo.cache.keys == [2, 3])
        #expect(fifo.cache.policy.name == "fifo")
        #expect(fifo.cacheInfo() == CacheInfo(hits: 1, misses: 3, maxSize: 2, currentSize: 2))
    }

    @Test func maxSizeNilIsUnboundedAndZeroCachesNothing() {
        let unbounded = memoize(maxSize: nil) { (n: Int) in n }
        for n in 0..<1_000 { _ = unbounded(n) }
        #expect(unbounded.cacheInfo() == CacheInfo(hits: 0, misses: 1_000, maxSize: nil, currentSize: 1_000))

        let calls = CallCounter()
        let uncachedSquare = memoize(maxSize: 0) { (n: Int) in
            calls.record()
            return n * n
        }
        #expect(uncachedSquare(5) == 25)
        #expect(uncachedSquare(5) == 25)
        #expect(calls.count == 2)
        #expect(uncachedSquare.cacheInfo() == CacheInfo(hits: 0, misses: 2, maxSize: 0, currentSize: 0))
    }

    @Test func resultsExpireAfterTheTTL() {
        let clock = ManualClock()
        let calls = CallCounter()
        let stamp = memoize(ttl: .seconds(10), clock: .manual(clock)) { (n: Int) in
            calls.record()
            return calls.count
        }
        #expect(stamp(1) == 1)
        clock.advance(by: .seconds(9))
        #expect(stamp(1) == 1)
        clock.advance(by: .seconds(1))
        #expect(stamp(1) == 2)
        #expect(stamp.cacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 128, currentSize: 1))
    }

    @Test func typedKeepsEqualValuesOfDifferentTypesApart() {
        let untypedCalls = CallCounter()
        let untyped = memoize { (value: AnySendableHashable) in
            untypedCalls.record()
            return "\(value)"
        }
        #expect(untyped(1) == "1")
        #expect(untyped(1.0) == "1")  // 1 == 1.0, as AnyHashable and Python compare them
        #expect(untypedCalls.count == 1)

        let typedCalls = CallCounter()
        let typed = memoize(typed: true) { (value: AnySendableHashable) in
            typedCalls.record()
            return "\(value)"
        }
        #expect(typed(1) == "1")
        #expect(typed(1.0) == "1.0")
        #expect(typed(1) == "1")
        #expect(typed("1") == "1")
        #expect(typedCalls.count == 3)
        #expect(typed.cacheInfo().currentSize == 3)
    }

    @Test func aKeyFunctionDecidesWhichCallsShareAResult() {
        let calls = CallCounter()
        let caseInsensitiveName: @Sendable (String, Int) -> String = { name, _ in name.lowercased() }
        let greet = memoize(key: caseInsensitiveName) { name, attempt in
            calls.record()
            return "hello \(name) (\(attempt))"
        }
        #expect(greet("Ada", 1) == "hello Ada (1)")
        #expect(greet("ADA", 2) == "hello Ada (1)")
        #expect(calls.count == 1)
        #expect(greet.cache.keys == ["ada"])
    }

    @Test func aKeyFunctionMemoizesArgumentsThatAreNotHashable() {
        let label: @Sendable ([Double], String) -> String = { _, label in label }
        let total = memoize(key: label) { values, _ in values.reduce(0, +) }
        #expect(total([1, 2], "a") == 3)
        #expect(total([5], "a") == 3)
        #expect(total([5], "b") == 5)
    }

    @Test func uncachedRunsTheFunctionWithoutTheCache() {
        let calls = CallCounter()
        let square = memoize { (n: Int) in
            calls.record()
            return n * n
        }
        #expect(square.uncached(7) == 49)
        #expect(square.uncached(7) == 49)
        #expect(calls.count == 2)
        #expect(square.cacheInfo() == CacheInfo(hits: 0, misses: 0, maxSize: 128, currentSize: 0))
    }

    @Test func cacheClearEmptiesTheCacheAndZeroesTheCounters() {
        let calls = CallCounter()
        let square = memoize { (n: Int) in
            calls.record()
            return n * n
        }
        _ = square(2)
        _ = square(2)
        square.cacheClear()
        #expect(square.cacheInfo() == CacheInfo(hits: 0, misses: 0, maxSize: 128, currentSize: 0))
        _ = square(2)
        #expect(calls.count == 2)
        #expect(square.cacheInfo() == CacheInfo(hits: 0, misses: 1, maxSize: 128, currentSize: 1))
    }

    @Test func thrownErrorsAreNotCached() throws {
        let calls = CallCounter()
        let parse = memoize { (text: String) throws(Failure) -> Int in
            calls.record()
            guard let value = Int(text), calls.count > 1 else { throw Failure(code: calls.count) }
            return value
        }
        #expect(throws: Failure(code: 1)) { try parse("12") }
        #expect(parse.cache.isEmpty)
        #expect(try parse("12") == 12)
        #expect(try parse("12") == 12)
        #expect(calls.count == 2)
        #expect(parse.cacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 128, currentSize: 1))
    }

    @Test func untypedThrowsArePassedThrough() throws {
        let check = memoize { (n: Int) in
            if n < 0 { throw Failure(code: n) }
            return n
        }
        #expect(throws: Failure(code: -1)) { try check(-1) }
        #expect(try check(1) == 1)
    }

    @Test func nilResultsAreCached() {
        let calls = CallCounter()
        let lookup = memoize { (name: String) -> Int? in
            calls.record()
            return name == "one" ? 1 : nil
        }
        #expect(lookup("none") == nil)
        #expect(lookup("none") == nil)
        #expect(lookup("one") == 1)
        #expect(calls.count == 2)
        #expect(lookup.cacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 128, currentSize: 2))
        #expect(lookup.cache.get("none") == .some(nil))
    }

    @Test func recursiveCallsGoThroughTheCache() {
        let calls = CallCounter()
        let fibonacci = memoizeRecursive { (fibonacci, n: Int) -> Int in
            calls.record()
            return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
        }
        #expect(fibonacci(90) == 2_880_067_194_370_816_120)
        #expect(calls.count == 91)
        #expect(fibonacci.cacheInfo() == CacheInfo(hits: 88, misses: 91, maxSize: 128, currentSize: 91))
        #expect(fibonacci(90) == 2_880_067_194_370_816_120)
        #expect(calls.count == 91)
    }

    @Test func aGlobalConstantCanCallItselfByName() {
        #expect(globalFibonacci(80) == 23_416_728_348_467_685)
        #expect(globalFibonacci.cacheInfo().misses == 81)
    }

    @Test func oneArgumentIsItsOwnKeyAndSeveralMakeAnArgumentKey() {
        let single = memoize { (n: Int) in n }
        let typedSingle = memoize(typed: true) { (n: AnySendableHashable) in n }
        let pair = memoize { (a: Int, b: Int) in a + b }
        _ = single(1)
        _ = typedSingle(1)
        _ = pair(1, 2)
        #expect(single.cache.keys == [1])
        #expect(typedSingle.cache.keys == [ArgumentKey(AnySendableHashable(1), typed: true)])
        #expect(pair.cache.keys == [ArgumentKey(1, 2)])
    }

    @Test func theUnderlyingCacheIsAnOrdinaryCache() {
        let square = memoize(maxSize: 10) { (n: Int) in n * n }
        square.cache.set(3, 10)
        #expect(square(3) == 10)
        #expect(square.cache.stats.hits == 1)
        #expect(square.cache.limits.maxSize == 10)
    }
}

/// A memoized function that recurses by name, as a Python module-level `@lru_cache` does.
let globalFibonacci: MemoizedFunction<Int, Int, Int, Never> = memoize(maxSize: nil) { n in
    n < 2 ? n : globalFibonacci(n - 1) + globalFibonacci(n - 2)
}
