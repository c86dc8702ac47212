import CacheCore
import CachePolicies
import Testing
import _CacheTestSupport

/// A value whose `deinit` uses the cache that held it. The Linux `Mutex` is not recursive, so if
/// the cache released a value under its lock, this would crash instead of recording.
private final class Reentrant: Sendable {
    let id: Int
    let cache: Cache<Int, Reentrant>
    let log: LockedArray<String>

    init(_ id: Int, cache: Cache<Int, Reentrant>, log: LockedArray<String>) {
        self.id = id
        self.cache = cache
        self.log = log
    }

    deinit {
        log.append("\(id) released; cache holds \(cache.count)")
    }
}

@Suite("Values are released outside the lock")
struct ReleaseOutsideLockTests {
    @Test func evictedReplacedDeletedExpiredAndClearedValues() {
        let clock = ManualClock()
        let cache = Cache<Int, Reentrant>(maxSize: 2, policy: .fifo, clock: .manual(clock))
        let log = LockedArray<String>()
        cache[1] = Reentrant(1, cache: cache, log: log)
        cache[2] = Reentrant(2, cache: cache, log: log)
        cache[3] = Reentrant(3, cache: cache, log: log)  // evicts 1
        cache[2] = Reentrant(20, cache: cache, log: log)  // replaces 2
        cache.delete(3)
        cache.set(4, Reentrant(4, cache: cache, log: log), ttl: .seconds(1))
        clock.advance(by: .seconds(1))
        _ = cache.count  // expires 4
        cache.clear()  // 20
        #expect(
            log.elements == [
                "1 released; cache holds 2",
                "2 released; cache holds 2",
                "3 released; cache holds 1",
                "4 released; cache holds 1",
                "20 released; cache holds 0",
            ]
        )
    }
}
