// TTLs and clocks: a default TTL, a TTL per write, `.never`, the time a key has left, an idle
// timeout, a TTL per entry from its value, and a `ManualClock` that a test advances instead of
// sleeping.
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
// snippet.show

// snippet.idle
// Logged out after 10 minutes without a request, and after 8 hours in any case.
let logins = Cache<String, String>(
    maxSize: 10_000,
    defaultTTL: .hours(8),
    expireAfterAccess: .minutes(10),
    clock: .manual(clock)
)
logins["carol"] = "token-c"
clock.advance(by: .seconds(9 * 60))
_ = logins["carol"]  // a read restarts the idle timeout
clock.advance(by: .seconds(9 * 60))
assert(logins["carol"] == "token-c")
// snippet.end

// snippet.expiry
// Each response lives as long as its Cache-Control max-age says; without one, a minute.
struct Response: Sendable {
    var body: String
    var maxAge: Int?
}
let responses = Cache<String, Response>(
    maxSize: 10_000,
    defaultTTL: .minutes(1),
    expiry: { _, response in response.maxAge.map { .seconds($0) } },
    clock: .manual(clock)
)
responses["/index.html"] = Response(body: "<html>…", maxAge: 300)
assert(responses.timeToLive(forKey: "/index.html") == .seconds(300))
// snippet.end

// snippet.hide
precondition(logins["carol"] == "token-c" && responses.count == 1)
clock.advance(by: .seconds(10 * 60))
precondition(logins["carol"] == nil, "idle for 10 minutes")
precondition(responses.count == 0, "300 s of max-age are over")
