// TTLs and clocks: a default TTL, a TTL per write, `.never`, the time a key has left, and a
// `ManualClock` that a test advances instead of sleeping.
import CacheCore
import CachePolicies

// snippet.clock
let clock = ManualClock()
let sessions = Cache<String, String>(
    maxSize: 1_000,
    defaultTTL: .seconds(30),
    policy: .lru,
    clock: .manual(clock)
)
// snippet.end

// snippet.ttl
sessions["alice"] = "token-a"  // the default TTL: 30 seconds
sessions.set("bob", "token-b", ttl: .minutes(15))  // its own TTL
sessions.set("service", "token-s", ttl: .never)  // never expires, despite the default
// snippet.end

// snippet.advance
clock.advance(by: .seconds(30))
assert(sessions["alice"] == nil)  // dead from the instant its deadline is reached
assert(sessions.timeToLive(forKey: "bob") == .seconds(870))  // 14.5 minutes left
assert(sessions.timeToLive(forKey: "service") == .never)
assert(sessions.count == 2)  // a count never includes a dead entry
// snippet.end

// snippet.expire
let expiredCount = sessions.expire()  // releases what is due while the cache is idle
// snippet.end

// snippet.hide
precondition(sessions["alice"] == nil)
precondition(sessions.timeToLive(forKey: "bob") == .seconds(870))
precondition(sessions.timeToLive(forKey: "service") == .never)
precondition(sessions.count == 2 && expiredCount == 0)
