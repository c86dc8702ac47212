import CacheCore
@_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

@Suite("Configuration")
struct ConfigurationTests {
    @Test func shrinkingEvictsAtOnce() throws {
        let cache = Cache<Int, Int>(maxSize: 10, policy: .fifo)
        let recorder = EventRecorder<Int, Int>()
        recorder.attach(to: cache, kinds: .removal)
        for key in 0..<10 { cache[key] = key }
        try cache.configure { $0.maxSize = 4 }
        #expect(cache.keys == [6, 7, 8, 9])
        #expect(recorder.removals.map(\.key) == [0, 1, 2, 3, 4, 5])
        #expect(recorder.removals.allSatisfy { $0.cause == .evicted })
        #expect(cache.limits == CacheLimits(maxSize: 4))
        cache.checkInvariants()
    }

    @Test(arguments: [
        (
            CacheLimits(maxSize: -1),
            "cache 'sessions': maxSize is -1; allowed: an integer ≥ 0 (0 stores nothing), or nil for no limit"
        ),
        (
            CacheLimits(maxSize: 5, maxCost: -3),
            "cache 'sessions': maxCost is -3; allowed: an integer ≥ 0, or nil for no limit"
        ),
        (
            CacheLimits(maxSize: 5, defaultTTL: .seconds(0)),
            "cache 'sessions': defaultTTL is 0.0 seconds; allowed: a positive duration, or nil or .never for entries that never expire"
        ),
    ])
    func invalidLimitsAreRejectedAndChangeNothing(limits: CacheLimits, message: String) {
        let cache = Cache<Int, Int>(name: "sessions", maxSize: 10)
        for key in 0..<10 { cache[key] = key }
        #expect {
            try cache.configure { $0 = limits }
        } throws: { error in
            (error as? CacheConfigurationError)?.description == message
        }
        #expect(cache.limits == CacheLimits(maxSize: 10))
        #expect(cache.count == 10)
    }

    @Test func errorsNameTheirLocationWhenTheyHaveOne() {
        let error = CacheConfigurationError(
            cacheName: "users",
            field: "ttl",
            value: "\"soon\"",
            allowed: "a duration such as \"90s\"",
            location: .init(file: "caches.yml", line: 4, column: 12)
        )
        #expect(
            error.description == "caches.yml:4:12: cache 'users': ttl is \"soon\"; allowed: a duration such as \"90s\""
        )
    }

    @Test func growingTheLimitKeepsEverything() throws {
        let cache = Cache<Int, Int>(maxSize: 2, policy: .lru)
        cache[1] = 1
        cache[2] = 2
        try cache.configure { $0.maxSize = nil }
        for key in 3..<100 { cache[key] = key }
        #expect(cache.count == 99)
    }
}
