import CacheCore
import CachePolicies
import Memoization
import Testing

@Suite("memoize, async")
struct AsyncMemoizeTests {
    @Test func equalArgumentsHitAndDifferentArgumentsCompute() async {
        let calls = CallCounter()
        let double = memoize { (n: Int) async -> Int in
            calls.record()
            await Task.yield()
            return n * 2
        }
        #expect(await double(4) == 8)
        #expect(await double(4) == 8)
        #expect(await double(5) == 10)
        #expect(calls.count == 2)
        #expect(double.cacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 128, currentSize: 2))
    }

    @Test func thrownErrorsAreNotCached() async throws {
        let calls = CallCounter()
        let fetch = memoize { (id: Int) async throws(Failure) -> String in
            calls.record()
            await Task.yield()
            if calls.count == 1 { throw Failure(code: id) }
            return "user \(id)"
        }
        await #expect(throws: Failure(code: 7)) { try await fetch(7) }
        #expect(fetch.cache.isEmpty)
        #expect(try await fetch(7) == "user 7")
        #expect(try await fetch(7) == "user 7")
        #expect(calls.count == 2)
    }

    @Test func untypedThrowsArePassedThrough() async {
        let fetch = memoize { (id: Int) async throws -> Int in
            await Task.yield()
            throw Failure(code: id)
        }
        await #expect(throws: Failure(code: 3)) { try await fetch(3) }
    }

    @Test func nilResultsAreCached() async {
        let calls = CallCounter()
        let find = memoize { (name: String) async -> Int? in
            calls.record()
            return nil
        }
        #expect(await find("x") == nil)
        #expect(await find("x") == nil)
        #expect(calls.count == 1)
        #expect(find.cacheInfo().currentSize == 1)
    }

    @Test func recursiveCallsGoThroughTheCache() async {
        let calls = CallCounter()
        let fibonacci = memoizeRecursive(maxSize: nil) { (fibonacci, n: Int) async -> Int in
            calls.record()
            guard n >= 2 else { return n }
            return await fibonacci(n - 1) + fibonacci(n - 2)
        }
        #expect(await fibonacci(90) == 2_880_067_194_370_816_120)
        #expect(calls.count == 91)
        #expect(fibonacci.cacheInfo() == CacheInfo(hits: 88, misses: 91, maxSize: nil, currentSize: 91))
    }

    @Test func optionsApply() async {
        let clock = ManualClock()
        let calls = CallCounter()
        let stamp = memoize(maxSize: 1, ttl: .seconds(5), policy: .fifo, clock: .manual(clock)) { (n: Int) async in
            calls.record()
            return n
        }
        _ = await stamp(1)
        _ = await stamp(1)
        clock.advance(by: .seconds(5))
        _ = await stamp(1)
        _ = await stamp(2)
        #expect(calls.count == 3)
        #expect(stamp.cache.keys == [2])
        #expect(stamp.cache.policy.name == "fifo")
        #expect(stamp.cacheInfo() == CacheInfo(hits: 1, misses: 3, maxSize: 1, currentSize: 1))
    }

    @Test func typedAndKeyFunctionsWork() async {
        let typed = memoize(typed: true) { (value: AnySendableHashable) async in "\(value)" }
        #expect(await typed(1) == "1")
        #expect(await typed(1.0) == "1.0")

        let length: @Sendable (String) -> Int = { $0.count }
        let byLength = memoize(key: length) { (text: String) async in text }
        #expect(await byLength("abc") == "abc")
        #expect(await byLength("xyz") == "abc")
    }

    @Test func uncachedAndCacheClear() async {
        let calls = CallCounter()
        let triple = memoize { (n: Int) async in
            calls.record()
            return n * 3
        }
        #expect(await triple.uncached(2) == 6)
        #expect(triple.cache.isEmpty)
        _ = await triple(2)
        _ = await triple(2)
        triple.cacheClear()
        #expect(triple.cacheInfo() == CacheInfo(hits: 0, misses: 0, maxSize: 128, currentSize: 0))
        _ = await triple(2)
        #expect(calls.count == 3)
    }
}
