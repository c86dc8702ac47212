import CacheCore
import CachePolicies

extension Cache {
    /// Creates a cache from settings.
    ///
    ///     let users = try Cache<String, User>(
    ///         name: "users",
    ///         settings: CacheSettings(policy: "lru", maxSize: 10_000, ttl: .seconds(900))
    ///     )
    ///
    /// - Parameters:
    ///   - name: The cache's name, also used in errors.
    ///   - settings: The policy, limits, default TTL and whether statistics are counted.
    ///   - policies: Where the policy's name is looked up.
    ///   - clock: Where time comes from; use `.manual(clock)` in tests.
    ///   - cost: The cost of an entry; entries cost 1 without it.
    ///   - load: The cache's loader (see `Cache.init`); settings with `refreshAfter` need one.
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the cache, the field, the value and what is
    ///   allowed.
    /// - Complexity: O(min(*maxSize*, 65,536)), as `Cache.init`, plus looking the policy up.
    public convenience init(
        name: String,
        settings: CacheSettings,
        policies: CachePolicyRegistry = .builtIn,
        clock: CacheClock = .system,
        cost: (@Sendable (Key, Value) -> Int)? = nil,
        load: (@Sendable (Key) async throws -> Value)? = nil
    ) throws(CacheConfigurationError) {
        let policy = try policies.resolve(settings.policy, cacheName: name)
        try settings.validateLimits(cacheName: name)
        if let refreshAfter = settings.refreshAfter, load == nil {
            throw CacheConfigurationError(
                cacheName: name,
                field: CacheSettings.Field.refreshAfter.rawValue,
                value: CacheSettings.text(ofTTL: refreshAfter),
                allowed: "null for a cache created without a loader (pass `load:` to refresh)"
            )
        }
        self.init(
            name: name,
            maxSize: settings.maxSize,
            maxCost: settings.maxCost,
            cost: cost,
            defaultTTL: settings.ttl,
            expireAfterAccess: settings.expireAfterAccess,
            policy: policy,
            clock: clock,
            recordsStats: settings.recordsStats,
            refreshAfter: settings.refreshAfter,
            load: load
        )
    }
}
