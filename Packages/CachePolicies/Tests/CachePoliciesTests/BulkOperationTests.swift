import CacheCore
@_spi(Testing) import CachePolicies
import Testing

@Suite("Bulk operations and key filters")
struct BulkOperationTests {
    func makeCache() -> Cache<String, Int> {
        let cache = Cache<String, Int>(maxSize: nil, policy: .fifo)
        cache.setMany([
            (key: "user:1:name", value: 1), (key: "user:1:email", value: 2), (key: "user:22:name", value: 3),
            (key: "session:abc", value: 4), (key: "x-user:1", value: 5), (key: "user*", value: 6),
        ])
        return cache
    }

    @Test func globSelectsWholeKeys() {
        let cache = makeCache()
        #expect(cache.keys(matching: .glob("user:*:name")) == ["user:1:name", "user:22:name"])
        #expect(cache.keys(matching: .glob("user:?:*")) == ["user:1:name", "user:1:email"])
        #expect(cache.keys(matching: .glob("user[*]")) == ["user*"])
        #expect(cache.keys(matching: .glob("user")) == [])
    }

    @Test func regexMatchesFromTheStart() throws {
        let cache = makeCache()
        #expect(cache.keys(matching: .regex(/user:\d+/)) == ["user:1:name", "user:1:email", "user:22:name"])
        #expect(cache.keys(matching: .regex(try Regex("s.ssion"))) == ["session:abc"])
    }

    @Test func predicatesMayUseTheCache() {
        let cache = makeCache()
        let removed = cache.deleteMany(.where { key in cache.get(key).map { $0 % 2 == 0 } ?? false })
        #expect(removed == 3)
        #expect(cache.keys == ["user:1:name", "user:22:name", "x-user:1"])
    }

    @Test func getManyReadsListedKeysInOrder() {
        let cache = makeCache()
        #expect(cache.getMany(.keys(["session:abc", "nope", "user:1:name"])) == ["session:abc": 4, "user:1:name": 1])
        #expect(cache.stats.hits == 2)
        #expect(cache.stats.misses == 1)
        #expect(cache.getMany(.glob("user:1:*")) == ["user:1:name": 1, "user:1:email": 2])
    }

    @Test func deleteManyCountsWhatItRemoved() {
        let cache = makeCache()
        #expect(cache.deleteMany(.glob("user:*")) == 3)
        #expect(cache.deleteMany(.keys(["session:abc", "missing"])) == 1)
        #expect(cache.keys == ["x-user:1", "user*"])
        #expect(cache.stats.deletes == 4)
    }

    @Test func addManyStoresOnlyNewKeys() {
        let cache = makeCache()
        let added = cache.addMany([(key: "user:1:name", value: 100), (key: "new", value: 7)])
        #expect(added == 1)
        #expect(cache["user:1:name"] == 1)
        #expect(cache["new"] == 7)
    }

    @Test func nonStringKeysUseListsAndPredicates() {
        let cache = Cache<Int, Int>(maxSize: nil)
        for key in 0..<10 { cache[key] = key }
        #expect(cache.keys(matching: .where { $0 > 6 }).sorted() == [7, 8, 9])
        #expect(cache.keys(matching: .keys([3, 42, 1])) == [3, 1])
        #expect(cache.keys(matching: .all).count == 10)
    }
}
