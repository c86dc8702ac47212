import CacheCore
import CachePolicies
import Synchronization

extension CacheManager {
    /// The cache called `name`, with its key and value types, created from its settings at the
    /// first access.
    ///
    ///     let users = try manager.cache(named: "users", as: Cache<String, User>.self)
    ///
    /// The name is looked up and the cache cast once per call; keep the result for repeated use.
    ///
    /// - Parameters:
    ///   - name: The cache's name.
    ///   - type: The cache's type, with its key and value types.
    ///   - load: The loader of a cache created by this access (see `Cache.init`); settings with
    ///     `refreshAfter` need one. A cache that exists already keeps its own.
    /// - Throws: ``CacheManagerError/unknownCache(name:knownNames:)`` when the manager has no
    ///   such cache; ``CacheManagerError/typeMismatch(name:requested:actual:)`` when the cache
    ///   exists with other types; ``CacheManagerError/loaderRequired(name:)`` when its settings
    ///   have `refreshAfter` and `load` is `nil`.
    /// - Complexity: O(1) on average, plus creating the cache at the first access.
    public func cache<Key, Value>(
        named name: String,
        as type: Cache<Key, Value>.Type = Cache<Key, Value>.self,
        load: (@Sendable (Key) async throws -> Value)? = nil
    ) throws(CacheManagerError) -> Cache<Key, Value> {
        let found: Lookup = state.withAnnotatedLock { state in
            if let cache = state.caches[name] { return .existing(cache) }
            if let settings = state.settings[name] { return .configured(settings, state.policies) }
            return .unknown(knownNames: state.names)
        }
        switch found {
        case .existing(let cache):
            return try Self.typed(cache, as: type)
        case .configured(let settings, let policies):
            if settings.refreshAfter != nil && load == nil { throw .loaderRequired(name: name) }
            let created: Cache<Key, Value>
            do {
                created = try Cache(name: name, settings: settings, policies: policies, clock: clock, load: load)
            } catch {
                preconditionFailure("CacheManager: settings validated when configured were refused: \(error)")
            }
            let winner = state.withAnnotatedLock { state in
                if let existing = state.caches[name] { return existing }
                state.caches[name] = created
                return created
            }
            return try Self.typed(winner, as: type)
        case .unknown(let knownNames):
            throw .unknownCache(name: name, knownNames: knownNames)
        }
    }

    /// The cache `name` names, with its key and value types; see ``cache(named:as:load:)``.
    ///
    /// - Throws: ``CacheManagerError`` when there is no such cache or it has other types.
    /// - Complexity: O(1) on average, plus creating the cache at the first access.
    public func cache<Key, Value>(_ name: CacheName<Key, Value>) throws(CacheManagerError) -> Cache<Key, Value> {
        try cache(named: name.name, as: Cache<Key, Value>.self)
    }

    /// The cache called `name`, for management: statistics, limits, clearing.
    ///
    /// - Throws: ``CacheManagerError/unknownCache(name:knownNames:)`` listing the known names;
    ///   ``CacheManagerError/cacheNotCreated(name:)`` for a cache configured but not yet created
    ///   by a typed access.
    /// - Complexity: O(1) on average.
    public subscript(name: String) -> any ManagedCache {
        get throws(CacheManagerError) {
            let found: Lookup = state.withAnnotatedLock { state in
                if let cache = state.caches[name] { return .existing(cache) }
                if let settings = state.settings[name] { return .configured(settings, state.policies) }
                return .unknown(knownNames: state.names)
            }
            switch found {
            case .existing(let cache): return cache
            case .configured: throw .cacheNotCreated(name: name)
            case .unknown(let knownNames): throw .unknownCache(name: name, knownNames: knownNames)
            }
        }
    }

    /// What the table holds for a name.
    enum Lookup {
        case existing(any ManagedCache)
        case configured(CacheSettings, CachePolicyRegistry)
        case unknown(knownNames: [String])
    }

    private static func typed<Key, Value>(
        _ cache: any ManagedCache,
        as type: Cache<Key, Value>.Type
    ) throws(CacheManagerError) -> Cache<Key, Value> {
        guard let typed = cache as? Cache<Key, Value> else {
            throw .typeMismatch(name: cache.name, requested: "\(type)", actual: cache.typeDescription)
        }
        return typed
    }
}
