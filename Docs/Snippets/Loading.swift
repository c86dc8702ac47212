// Loading: read-through with a synchronous loader, single-flight loading with an asynchronous
// one, bulk loading, a cache-wide default, and what loads count in the statistics.
import Caching

// snippet.hide
struct Profile: Sendable, Equatable {
    var id: Int
}
enum ProfileError: Error {
    case notFound
}
struct ProfileService: Sendable {
    func profile(_ id: Int) throws -> Profile {
        guard id > 0 else { throw ProfileError.notFound }
        return Profile(id: id)
    }
    func fetchProfile(_ id: Int) async throws -> Profile { try profile(id) }
    func fetchProfiles(_ ids: [Int]) async throws -> [Int: Profile] {
        Dictionary(uniqueKeysWithValues: ids.filter { $0 > 0 }.map { ($0, Profile(id: $0)) })
    }
}
let service = ProfileService()
// snippet.show
let profiles = Cache<Int, Profile>(name: "profiles", maxSize: 10_000, defaultTTL: .seconds(60), policy: .lru)

// snippet.sync
// On a miss the loader runs (outside the cache's lock) and its value is stored.
let first = try profiles.get(1) { id in try service.profile(id) }
// snippet.end

// snippet.async
// Concurrent callers that miss the same key share one run of the loader.
async let a = profiles.value(forKey: 2) { id in try await service.fetchProfile(id) }
async let b = profiles.value(forKey: 2) { id in try await service.fetchProfile(id) }
let (second, third) = try await (a, b)
// snippet.end

// snippet.failure
// A loader that throws stores nothing; the error goes to the caller, and the failure is counted.
do {
    _ = try profiles.get(0) { id in try service.profile(id) }
} catch {
    print("no profile 0: \(error)")
}
let stats = profiles.stats
print(stats.loadSuccesses, stats.loadFailures, stats.averageLoadTime)
// snippet.end
// snippet.hide
precondition(first == Profile(id: 1) && second == Profile(id: 2) && third == second)
precondition(stats.loadSuccesses == 2 && stats.loadFailures == 1)
precondition(profiles.count == 2 && !profiles.contains(0))
// snippet.show

// snippet.bulk
// One loader call for every missing key of a page: one query instead of one per key.
let page = try await profiles.values(forKeys: [1, 2, 3, 4]) { missing in
    try await service.fetchProfiles(missing)  // [Int: Profile]; here, for [3, 4]
}
// snippet.end

// snippet.default
// cacheout's Cache(default=…): a miss makes, stores and returns the key's default.
let visits = Cache<String, Int>(maxSize: 10_000, defaultValue: { _ in 0 })
visits["/"] = visits["/"]! + 1
// snippet.end
// snippet.hide
precondition(page.keys.sorted() == [1, 2, 3, 4] && profiles.stats.loadSuccesses == 3)
precondition(visits["/"] == 1 && visits["/about"] == 0 && visits.count == 2)
