import CacheCore
import CachePolicies

extension CacheSettings {
    /// Throws when a setting has a value no cache accepts or names a policy `policies` does not know.
    ///
    /// - Parameters:
    ///   - cacheName: The cache to name in the error.
    ///   - policies: The policies the name may refer to.
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the cache, the field, the value and what is
    ///   allowed.
    /// - Complexity: O(1) on average.
    public func validate(cacheName: String, policies: CachePolicyRegistry) throws(CacheConfigurationError) {
        _ = try policies.resolve(policy, cacheName: cacheName)
        try validateLimits(cacheName: cacheName)
    }

    /// Throws when a limit has a value no cache accepts; the policy name is not checked.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the cache, the field, the value and what is
    ///   allowed.
    /// - Complexity: O(1).
    public func validateLimits(cacheName: String) throws(CacheConfigurationError) {
        if let maxSize, maxSize < 0 {
            throw Field.maxSize.error(cacheName: cacheName, value: "\(maxSize)")
        }
        if let maxCost, maxCost < 0 {
            throw Field.maxCost.error(cacheName: cacheName, value: "\(maxCost)")
        }
        if let ttl = ttl?.duration, ttl <= .zero {
            throw Field.ttl.error(cacheName: cacheName, value: CacheSettings.text(ofTTL: ttl))
        }
        if let idle = expireAfterAccess?.duration, idle <= .zero {
            throw Field.expireAfterAccess.error(cacheName: cacheName, value: CacheSettings.text(ofTTL: idle))
        }
        if let refreshAfter, refreshAfter <= .zero {
            throw Field.refreshAfter.error(cacheName: cacheName, value: "\(refreshAfter)")
        }
    }
}

extension CacheSettings.Field {
    /// The error for a bad `value` of this field.
    func error(
        cacheName: String,
        value: String,
        policies: CachePolicyRegistry = .builtIn
    ) -> CacheConfigurationError {
        CacheConfigurationError(
            cacheName: cacheName,
            field: rawValue,
            value: value,
            allowed: allowed(policies: policies)
        )
    }
}
