// The ten-line tour of the README: a cache with a default and a per-entry TTL, read-through
// loading (synchronous, and asynchronous with one load for all callers), a removal listener,
// bulk deletion by pattern, live reconfiguration, statistics, and a cache sharded for many
// threads.
import Caching

// snippet.hide
struct User: Sendable, Equatable {
    var name: String
}
struct Database: Sendable {
    func user(_ name: String) throws -> User { User(name: name) }
}
struct Session: Sendable {}
struct API: Sendable {
    func user(_ name: String) async throws -> User { User(name: name) }
}
let alice = User(name: "alice")
let bob = User(name: "bob")
let db = Database()
let api = API()
func log(_ message: String) {}
// snippet.show
let users = Cache<String, User>(name: "users", maxSize: 10_000, defaultTTL: .seconds(300), policy: .lru)
users["alice"] = alice  // default TTL
users.set("bob", bob, ttl: .minutes(1))  // per-entry TTL; `.never` overrides the default
let carol = try users.get("carol") { try db.user($0) }  // read-through: loads and stores on a miss
let dave = try await users.value(forKey: "dave") { try await api.user($0) }  // one load for all callers
users.onRemoval { key, _, cause in log("\(key) left: \(cause)") }  // runs after the lock
users.deleteMany(.glob("tmp:*"))  // fnmatch-style, or .regex(/…/), .keys([…]), .where { }
try users.configure { $0.maxSize = 5_000 }  // shrinking evicts at once
print(users.stats.hitRate, users.timeToLive(forKey: "bob") as Any)
let sessions = ShardedCache<String, Session>(maxSize: 100_000)  // many threads: keys over 16 locked shards
// snippet.hide
precondition(carol == User(name: "carol") && dave == User(name: "dave"))
precondition(users.count == 4 && users.stats.misses == 2 && sessions.shardCount == 16)
