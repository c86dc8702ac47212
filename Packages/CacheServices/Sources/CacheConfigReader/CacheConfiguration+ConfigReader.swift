#if Configuration
import CacheCore
import CacheManagement
import Configuration

extension CacheConfiguration {
    /// Reads the settings of the caches called `names` from a configuration snapshot: those of
    /// `users` under `caches.users` (with the default `scope`), and so on.
    ///
    ///     // config.json: { "caches": { "users": { "policy": "lru", "maxSize": 10000, "ttl": "15m" } } }
    ///     let config = ConfigReader(providers: [
    ///         EnvironmentVariablesProvider(),                        // CACHES_USERS_MAX_SIZE=20000 wins
    ///         try await FileProvider<JSONSnapshot>(filePath: "config.json"),
    ///     ])
    ///     let configuration = try CacheConfiguration(reading: config.snapshot(), names: ["users"])
    ///
    /// A provider cannot list the caches under `scope`, so the names are given; a cache the
    /// configuration says nothing about gets `defaults`.
    ///
    /// - Parameters:
    ///   - snapshot: The configuration to read.
    ///   - names: The caches to read.
    ///   - scope: The key the caches are under; `nil` for the snapshot's own scope.
    ///   - defaults: The settings of the fields the configuration does not give.
    ///   - policies: The policies a cache's `policy` may name.
    /// - Throws: `CacheConfigurationError` for the first cache, in the order of `names`, whose
    ///   settings are invalid, naming the cache, the configuration key, the value and what is
    ///   allowed.
    /// - Complexity: O(*n*) lookups for *n* caches.
    public init(
        reading snapshot: ConfigSnapshotReader,
        names: [String],
        scope: ConfigKey? = "caches",
        defaults: CacheSettings = CacheSettings(),
        policies: CachePolicyRegistry = .builtIn
    ) throws(CacheConfigurationError) {
        var caches: [String: CacheSettings] = [:]
        for name in names {
            caches[name] = try CacheSettings(
                reading: snapshot,
                at: ConfigKey((scope?.components ?? []) + [name]),
                cacheName: name,
                defaults: defaults,
                policies: policies
            )
        }
        self.init(caches)
    }

    /// Reads the settings of the caches called `names` from the current configuration of
    /// `reader`; see
    /// `CacheConfiguration.init(reading:names:scope:defaults:policies:)`.
    ///
    /// - Throws: `CacheConfigurationError` for the first cache whose settings are invalid.
    /// - Complexity: O(*n*) lookups for *n* caches.
    public init(
        reading reader: ConfigReader,
        names: [String],
        scope: ConfigKey? = "caches",
        defaults: CacheSettings = CacheSettings(),
        policies: CachePolicyRegistry = .builtIn
    ) throws(CacheConfigurationError) {
        try self.init(reading: reader.snapshot(), names: names, scope: scope, defaults: defaults, policies: policies)
    }
}
#endif
