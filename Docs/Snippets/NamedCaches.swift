// Named caches from settings: a `CacheConfiguration` decoded from JSON (or YAML, or built in
// code), a `CacheManager` that validates it and creates each cache at its first typed access,
// and management of every cache by name. The registry plugin generates this code from a file.
import Caching
import Foundation

// snippet.hide
struct User: Sendable, Equatable {
    var name: String
}
// snippet.show
let json = Data(
    """
    {"users": {"policy": "lru", "maxSize": 10000, "ttl": "15m"},
     "sessions": {"policy": "lfu", "ttl": "2h", "stats": false}}
    """.utf8
)
let configuration = try JSONDecoder().decode(CacheConfiguration.self, from: json)
let manager = try CacheManager(configuration: configuration)  // every value validated here
let users = try manager.cache(named: "users", as: Cache<String, User>.self)  // created, typed
users["alice"] = User(name: "alice")
try manager.configure(name: "users") { $0.maxSize = 5_000 }  // changes the live cache
print(manager.stats["users"]?.hitRate ?? 0)  // every cache's statistics in one snapshot
manager.clearAll()

// snippet.errors
// A bad value names the cache, the field, the value and what is allowed.
do {
    _ = try CacheManager(configuration: ["orders": CacheSettings(policy: "lfuu")])
} catch {
    print(error)  // cache 'orders': policy is "lfuu"; expected one of …
}
// snippet.end
// snippet.hide
precondition(users.limits.maxSize == 5_000 && users.isEmpty)
precondition(manager.names == ["sessions", "users"])
