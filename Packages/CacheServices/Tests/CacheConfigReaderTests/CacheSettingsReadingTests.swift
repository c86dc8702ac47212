#if Configuration
import CacheConfigReader
import CacheCore
import CacheManagement
import CachePolicies
import Configuration
import Foundation
import Testing

@Suite("Settings from a ConfigReader")
struct CacheSettingsReadingTests {
    func reader(_ values: [AbsoluteConfigKey: ConfigValue]) -> ConfigReader {
        ConfigReader(provider: InMemoryProvider(values: values))
    }

    @Test func readsEveryFieldFromAnInMemoryProvider() throws {
        let config = reader([
            "caches.users.policy": "lfu",
            "caches.users.maxSize": 10_000,
            "caches.users.maxCost": 5_000_000,
            "caches.users.ttl": "15m",
            "caches.users.expireAfterAccess": 90,
            "caches.users.refreshAfter": 1.5,
            "caches.users.stats": false,
        ])
        let settings = try CacheSettings(reading: config, at: "caches.users", cacheName: "users")
        #expect(
            settings
                == CacheSettings(
                    policy: "lfu",
                    maxSize: 10_000,
                    maxCost: 5_000_000,
                    ttl: .seconds(900),
                    expireAfterAccess: .seconds(90),
                    recordsStats: false,
                    refreshAfter: .milliseconds(1_500)
                )
        )
    }

    @Test func absentFieldsTakeTheDefaults() throws {
        let config = reader(["caches.users.maxSize": 5])
        let defaults = CacheSettings(policy: "sieve", ttl: .seconds(60), recordsStats: false)
        let settings = try CacheSettings(reading: config, at: "caches.users", cacheName: "users", defaults: defaults)
        #expect(settings == CacheSettings(policy: "sieve", maxSize: 5, ttl: .seconds(60), recordsStats: false))
        let none = try CacheSettings(reading: config, at: "caches.sessions", cacheName: "sessions")
        #expect(none == CacheSettings())
    }

    @Test func readsEnvironmentVariablesAsText() throws {
        let config = ConfigReader(
            provider: EnvironmentVariablesProvider(environmentVariables: [
                "CACHES_USERS_POLICY": "s3fifo",
                "CACHES_USERS_MAX_SIZE": "2000",
                "CACHES_USERS_TTL": "2h",
                "CACHES_USERS_EXPIRE_AFTER_ACCESS": "300",
                "CACHES_USERS_STATS": "false",
            ])
        )
        let configuration = try CacheConfiguration(reading: config, names: ["users"])
        #expect(
            configuration["users"]
                == CacheSettings(
                    policy: "s3fifo",
                    maxSize: 2_000,
                    ttl: .seconds(7_200),
                    expireAfterAccess: .seconds(300),
                    recordsStats: false
                )
        )
    }

    @Test func readsAJSONFileUnderTheEnvironmentsOverrides() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "CacheConfigReaderTests-\(UUID())"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config.json")
        try Data(
            #"{"caches": {"users": {"policy": "lru", "maxSize": 100, "ttl": "30s"}, "sessions": {"ttl": 1800}}}"#.utf8
        ).write(to: file)
        let files = ConfigReader(
            provider: InMemoryProvider(values: ["filePath": .init(.string(file.path), isSecret: false)])
        )
        let config = ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: ["CACHES_USERS_MAX_SIZE": "250"]),
            try await FileProvider<JSONSnapshot>(config: files),
        ])
        let manager = try CacheManager(reading: config, names: ["users", "sessions"])
        #expect(manager.settings(forCache: "users") == CacheSettings(policy: "lru", maxSize: 250, ttl: .seconds(30)))
        #expect(manager.settings(forCache: "sessions") == CacheSettings(ttl: .seconds(1_800)))
        let users = try manager.cache(named: "users", as: Cache<String, Int>.self)
        #expect(users.limits.maxSize == 250)
    }

    @Test func readsAYAMLFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "CacheConfigReaderTests-\(UUID())"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config.yaml")
        let yaml = """
            caches:
              users:
                policy: tinylfu
                maxSize: 10000
                ttl: 15m
                stats: false
              sessions:
                maxSize: lots
            """
        try Data(yaml.utf8).write(to: file)
        let files = ConfigReader(
            provider: InMemoryProvider(values: ["filePath": .init(.string(file.path), isSecret: false)])
        )
        let config = ConfigReader(provider: try await FileProvider<YAMLSnapshot>(config: files))
        let users = try CacheSettings(reading: config, at: "caches.users", cacheName: "users")
        #expect(users == CacheSettings(policy: "tinylfu", maxSize: 10_000, ttl: .seconds(900), recordsStats: false))
        let error = #expect(throws: CacheConfigurationError.self) {
            try CacheManager(reading: config, names: ["users", "sessions"])
        }
        #expect(error?.cacheName == "sessions")
        #expect(error?.field == "caches.sessions.maxSize")
        #expect(error?.value == "\"lots\"")
    }

    @Test(
        arguments: [
            (
                "caches.users.maxSize", ConfigValue(.int(-1), isSecret: false),
                "cache 'users': caches.users.maxSize is -1; allowed: an integer ≥ 0 (0 stores nothing), or null for no limit"
            ),
            (
                "caches.users.maxSize", ConfigValue(.string("lots"), isSecret: false),
                "cache 'users': caches.users.maxSize is \"lots\"; allowed: an integer ≥ 0 (0 stores nothing), or null for no limit"
            ),
            (
                "caches.users.maxCost", ConfigValue(.double(2.5), isSecret: false),
                "cache 'users': caches.users.maxCost is 2.5; allowed: an integer ≥ 0, or null for no limit"
            ),
            (
                "caches.users.ttl", ConfigValue(.string("soon"), isSecret: false),
                "cache 'users': caches.users.ttl is \"soon\"; allowed: a positive duration: seconds as a number, or a number with a unit (\"500ms\", \"90s\", \"15m\", \"2h\", \"1d\"); null for no expiry"
            ),
            (
                "caches.users.expireAfterAccess", ConfigValue(.int(0), isSecret: false),
                "cache 'users': caches.users.expireAfterAccess is 0; allowed: a positive duration, as for ttl; null for no idle timeout"
            ),
            (
                "caches.users.stats", ConfigValue(.string("sometimes"), isSecret: false),
                "cache 'users': caches.users.stats is \"sometimes\"; allowed: true or false"
            ),
            (
                "caches.users.refreshAfter", ConfigValue(.bool(true), isSecret: false),
                "cache 'users': caches.users.refreshAfter is true; allowed: a positive duration, as for ttl, for a cache created with a loader; null for no refresh"
            ),
        ] as [(String, ConfigValue, String)]
    )
    func invalidValuesNameTheCacheTheKeyTheValueAndWhatIsAllowed(
        key: String,
        value: ConfigValue,
        message: String
    ) throws {
        let config = reader([AbsoluteConfigKey(ConfigKey(key)): value])
        let error = #expect(throws: CacheConfigurationError.self) {
            try CacheManager(reading: config, names: ["users"])
        }
        #expect(error?.description == message)
        #expect(error?.field == key)
    }

    @Test func anUnknownPolicyListsTheKnownOnes() throws {
        var policies = CachePolicyRegistry([.lru, .fifo])
        policies.register(.sieve)
        let config = reader(["app.caches.users.policy": "lru2"])
        let error = #expect(throws: CacheConfigurationError.self) {
            try CacheConfiguration(reading: config, names: ["users"], scope: "app.caches", policies: policies)
        }
        #expect(
            error?.description == "cache 'users': app.caches.users.policy is \"lru2\"; allowed: one of fifo, lru, sieve"
        )
    }
}
#endif
