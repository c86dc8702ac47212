// Layering: a small, short-lived in-process layer over a larger one over a loader. Reads go down
// the layers and write what they find back up; a miss everywhere runs the loader once for all
// concurrent readers; writes and deletes reach every layer.
import Caching

// snippet.hide
struct User: Sendable, Equatable {
    var id: String
}
struct Database: Sendable {
    func user(_ id: String) async throws -> User? { id.isEmpty ? nil : User(id: id) }
}
let database = Database()
// snippet.show
let hot = Cache<String, User>(name: "users.hot", maxSize: 1_000, policy: .lru)
let warm = Cache<String, User>(name: "users.warm", maxSize: 100_000, policy: .lru)
let users = LayeredCache<String, User>(
    name: "users",
    layers: [.local(hot, ttl: .seconds(30)), .local(warm, ttl: .minutes(10))],
    load: { id in try await database.user(id) }
)
let alice = try await users.get("alice")  // loaded, then stored in both layers
hot.delete("alice")
let again = try await users.get("alice")  // found in `warm`, written back into `hot`
try await users.set("bob", User(id: "bob"))  // every layer, slowest first
// snippet.hide
precondition(alice == User(id: "alice") && again == alice)
precondition(hot["alice"] == alice && warm["bob"] == User(id: "bob") && hot["bob"] == User(id: "bob"))
