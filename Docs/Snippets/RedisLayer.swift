// A near cache over Redis (package trait `Redis`): each instance keeps an in-process `Cache` over
// a shared `RedisCache`, and a write or delete on one instance removes the key from the others'
// in-process layers. Compiled, not run: it needs a server.
// snippet.hide
#if Redis
import CacheManagement
import CachePolicies
import CacheRedis

struct User: Codable, Sendable {
    var id: String
}
struct Database: Sendable {
    func user(_ id: String) async throws -> User? { User(id: id) }
}
let database = Database()
let alice = User(id: "alice")

func nearCacheOverRedis() async throws {
    // snippet.show
    let redis = try RedisClient(configuration: RedisConfiguration(url: "redis://cache.internal:6379"))
    let shared = RedisCache<String, User>(client: redis, namespace: "users")  // keys users:<id>, JSON values
    let users = LayeredCache<String, User>(
        layers: [.local(Cache(maxSize: 10_000), ttl: .seconds(30)), .remote(shared, ttl: .minutes(10))],
        load: { id in try await database.user(id) }
    )
    let invalidations = try await shared.propagateInvalidations(to: users)  // pub/sub, on every instance
    try await users.set("alice", alice)  // Redis, then here; the other instances drop "alice"
    // snippet.hide
    await invalidations.cancel()
    await redis.close()
}
#endif
