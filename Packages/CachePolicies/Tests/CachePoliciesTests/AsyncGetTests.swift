import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// `try await cache.get(key) { try await … }`: the asynchronous read-through under `get`'s name.
@Suite("Asynchronous get")
struct AsyncGetTests {
    func remote(_ key: String) async throws -> Int {
        await Task.yield()
        return key.count
    }

    @Test func anAsynchronousLoaderIsSingleFlight() async throws {
        let cache = Cache<String, Int>(maxSize: 10)
        let gate = LoadingTests.Gate()
        let runs = AtomicCounter()
        let first = Task {
            try await cache.get("four") { key in
                runs.add()
                await gate.wait()
                return key.count
            }
        }
        while cache.stats.misses < 1 { await Task.yield() }
        let second = Task { try await cache.get("four") { key in try await remote(key) } }
        while cache.stats.misses < 2 { await Task.yield() }
        gate.open()
        #expect(try await first.value == 4)
        #expect(try await second.value == 4)
        #expect(runs.value == 1)
        #expect(try await cache.get("five", orLoad: remote) == 4)
    }

    @Test func aSynchronousLoaderKeepsTheSynchronousGetInAsynchronousCode() async {
        let cache = Cache<String, Int>(maxSize: 10)
        // No `await`: this must resolve to the synchronous overload, as before it existed.
        let value = cache.get("abc") { $0.count }
        #expect(value == 3)
        #expect(cache.stats.loadSuccesses == 1)
    }

    @Test func shardedCachesOfferItToo() async throws {
        let cache = ShardedCache<String, Int>(shards: 2, maxSize: 100)
        #expect(try await cache.get("abcd") { key in try await remote(key) } == 4)
        #expect(cache.get("abcd") == 4)
    }
}

/// `cache[key, default:]`, as `Dictionary` has it.
@Suite("Subscript with a default")
struct DefaultSubscriptTests {
    @Test func countsWordsAsADictionaryDoes() {
        let cache = Cache<String, Int>(maxSize: 10)
        for word in ["a", "b", "a", "c", "a"] { cache[word, default: 0] += 1 }
        #expect(cache["a"] == 3 && cache["b"] == 1 && cache["c"] == 1)
        #expect(cache["missing", default: 7] == 7)
        #expect(cache.contains("missing") == false, "reading the default stores nothing")
        let sharded = ShardedCache<String, Int>(shards: 2, maxSize: 100)
        for word in ["x", "y", "x"] { sharded[word, default: 0] += 1 }
        #expect(sharded["x"] == 2 && sharded["y"] == 1)
    }
}
