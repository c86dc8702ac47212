import CacheCore
import CacheManagement
import CachePolicies
import Foundation
import Testing

@Suite("Refresh settings")
struct RefreshSettingsTests {
    private func decode(_ json: String) throws -> CacheConfiguration {
        try JSONDecoder().decode(CacheConfiguration.self, from: Data(json.utf8))
    }

    @Test func refreshAfterIsDecodedLikeATTL() throws {
        let configuration = try decode(#"{"users": {"maxSize": 10, "refreshAfter": "90s"}}"#)
        let settings = try #require(configuration.caches["users"])
        #expect(settings.refreshAfter == .seconds(90))
        #expect(
            settings.description
                == "policy: \(CacheSettings.defaultPolicy), maxSize: 10, stats: true, refreshAfter: 90s"
        )
    }

    @Test func aBadRefreshAfterNamesTheCacheTheFieldAndTheValue() {
        #expect(throws: CacheConfigurationError.self) {
            try decode(#"{"users": {"refreshAfter": "soon"}}"#)
        }
        let error = #expect(throws: CacheConfigurationError.self) {
            try CacheSettings(refreshAfter: .seconds(-1)).validateLimits(cacheName: "users")
        }
        #expect(error?.cacheName == "users")
        #expect(error?.field == "refreshAfter")
        #expect(error?.value == "-1.0 seconds")
    }

    @Test func refreshAfterNeedsALoader() async throws {
        let settings = CacheSettings(maxSize: 10, refreshAfter: .seconds(30))
        let error = #expect(throws: CacheConfigurationError.self) {
            try Cache<String, Int>(name: "users", settings: settings)
        }
        #expect(error?.field == "refreshAfter")
        #expect(error?.value == "30s")

        let cache = try Cache<String, Int>(name: "users", settings: settings, load: { $0.count })
        #expect(cache.refreshAfter == .seconds(30))
        #expect(cache.settings == settings)
        #expect(try await cache.value(forKey: "abc") == 3)
    }

    @Test func theManagerAsksForALoaderAtTheFirstAccess() async throws {
        let manager = CacheManager()
        try manager.setUp(["users": CacheSettings(refreshAfter: .seconds(60))])
        #expect(throws: CacheManagerError.loaderRequired(name: "users")) {
            try manager.cache(named: "users", as: Cache<String, Int>.self)
        }
        let users = try manager.cache(named: "users", as: Cache<String, Int>.self) { $0.count }
        #expect(users.refreshAfter == .seconds(60))
        #expect(try await users.value(forKey: "four") == 4)
        #expect(try manager.cache(named: "users", as: Cache<String, Int>.self) === users, "later accesses need none")
    }
}
