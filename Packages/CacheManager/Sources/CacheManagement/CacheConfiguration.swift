import CacheCore

/// The settings of a set of named caches, as a configuration file gives them: a mapping from
/// each cache's name to its ``CacheSettings``.
///
///     {
///       "users":    { "policy": "lru", "maxSize": 10000, "ttl": "15m" },
///       "sessions": { "policy": "lfu", "maxSize": 50000, "ttl": 1800, "stats": false }
///     }
///
/// Decode it with any decoder (`JSONDecoder`, a YAML decoder, a property-list decoder) and hand
/// it to ``CacheManager/init(configuration:policies:clock:)``.
public struct CacheConfiguration: Hashable, Sendable {
    /// Each cache's settings, by name.
    public var caches: [String: CacheSettings]

    /// Creates a configuration.
    ///
    /// - Complexity: O(1).
    public init(_ caches: [String: CacheSettings] = [:]) {
        self.caches = caches
    }

    /// The names of the caches, sorted.
    public var names: [String] { caches.keys.sorted() }

    /// The settings of the cache called `name`.
    ///
    /// - Complexity: O(1) on average.
    public subscript(name: String) -> CacheSettings? {
        get { caches[name] }
        set { caches[name] = newValue }
    }

    /// Throws at the first cache, in name order, whose settings are invalid.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the cache, the field, the value and what is
    ///   allowed.
    /// - Complexity: O(*n*) for *n* caches.
    public func validate(policies: CachePolicyRegistry) throws(CacheConfigurationError) {
        for name in names {
            try caches[name]!.validate(cacheName: name, policies: policies)
        }
    }
}

extension CacheConfiguration: Decodable {
    /// Decodes a mapping from cache names to settings.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` for the first invalid setting.
    /// - Complexity: O(*n*) for *n* caches, plus decoding.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SettingKey.self)
        var caches: [String: CacheSettings] = [:]
        for key in container.allKeys {
            caches[key.stringValue] = try container.decode(CacheSettings.self, forKey: key)
        }
        self.init(caches)
    }
}

extension CacheConfiguration: ExpressibleByDictionaryLiteral {
    /// Creates a configuration from a literal: `["users": CacheSettings(maxSize: 256)]`.
    ///
    /// - Precondition: No name appears twice.
    /// - Complexity: O(*n*) for *n* caches.
    public init(dictionaryLiteral elements: (String, CacheSettings)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}
