import CacheCore
import CachePolicies
import Synchronization

/// Named caches, set up from settings or registered, managed together: cacheout's
/// `CacheManager`, with typed access.
///
///     let configuration = try JSONDecoder().decode(CacheConfiguration.self, from: data)
///     let manager = try CacheManager(configuration: configuration)   // validates every cache
///     let users = try manager.cache(named: "users", as: Cache<String, User>.self)
///     users["alice"] = alice                       // the typed cache: no casts, no lookups
///     try manager.configure(name: "users") { $0.maxSize = 5_000 }   // changes the live cache
///     print(manager.stats["users"]?.hitRate ?? 0)
///     manager.clearAll()
///
/// A cache configured by settings is created, with the key and value types of the first typed
/// access, when that access happens; later accesses return the same cache. A cache made
/// elsewhere joins with ``register(_:)``.
///
/// The manager is thread-safe: one `Mutex` guards its table of caches, and it never holds that
/// lock while calling into a cache, a policy factory or other user code. Typed access looks the
/// name up once and casts once; keep the returned cache and use it directly on hot paths.
public final class CacheManager: Sendable {
    /// The clock of the caches the manager creates from settings.
    public let clock: CacheClock

    let state: Mutex<State>

    /// The manager's table.
    struct State {
        /// The caches that exist, by name.
        var caches: [String: any ManagedCache] = [:]
        /// Settings of caches by name, for those created from settings or still to be created.
        var settings: [String: CacheSettings] = [:]
        /// The policies settings may name.
        var policies: CachePolicyRegistry

        /// Every name the manager knows, sorted.
        var names: [String] { Set(caches.keys).union(settings.keys).sorted() }
    }

    /// Creates an empty manager.
    ///
    /// - Parameters:
    ///   - policies: The policies settings may name; register custom ones here or with
    ///     ``register(policy:)``.
    ///   - clock: The clock of the caches created from settings.
    /// - Complexity: O(1).
    public init(policies: CachePolicyRegistry = .builtIn, clock: CacheClock = .system) {
        self.clock = clock
        self.state = Mutex(State(policies: policies))
    }

    /// Creates a manager that holds `caches`.
    ///
    /// - Precondition: The caches' names are distinct.
    /// - Complexity: O(*n*) on average for *n* caches.
    public convenience init(
        caches: [any ManagedCache],
        policies: CachePolicyRegistry = .builtIn,
        clock: CacheClock = .system
    ) {
        self.init(policies: policies, clock: clock)
        for cache in caches {
            precondition(register(cache) == nil, "CacheManager: two caches are named '\(cache.name)'")
        }
    }

    /// Creates a manager with the caches `configuration` describes; each is created at its first
    /// typed access.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` for the first cache whose settings are invalid.
    /// - Complexity: O(*n*) for the *n* caches of `configuration`.
    public convenience init(
        configuration: CacheConfiguration,
        policies: CachePolicyRegistry = .builtIn,
        clock: CacheClock = .system
    ) throws(CacheConfigurationError) {
        self.init(policies: policies, clock: clock)
        try setUp(configuration)
    }

    /// Replaces every cache and every setting with those `configuration` describes (cacheout's
    /// `setup`). Nothing changes when a setting is invalid.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` for the first cache whose settings are invalid.
    /// - Complexity: O(*n*) for the *n* caches of `configuration`, plus releasing the caches it
    ///   replaces.
    public func setUp(_ configuration: CacheConfiguration) throws(CacheConfigurationError) {
        try configuration.validate(policies: policies)
        state.withAnnotatedLock { state in
            state.caches = [:]
            state.settings = configuration.caches
        }
    }

    /// Adds `cache` under its name, replacing any cache or settings of that name.
    ///
    /// - Returns: The cache it replaced, if any.
    /// - Complexity: O(1) on average.
    @discardableResult
    public func register(_ cache: any ManagedCache) -> (any ManagedCache)? {
        state.withAnnotatedLock { state in
            state.settings[cache.name] = nil
            return state.caches.updateValue(cache, forKey: cache.name)
        }
    }

    /// Makes `policy` available to settings under its name.
    ///
    /// - Complexity: O(1) on average.
    public func register(policy: CachePolicy) {
        state.withAnnotatedLock { $0.policies.register(policy) }
    }

    /// The policies settings may name.
    public var policies: CachePolicyRegistry {
        state.withAnnotatedLock { $0.policies }
    }

    /// Removes the cache or settings called `name`; the cache itself keeps working for those who
    /// hold it.
    ///
    /// - Returns: The cache, if it existed.
    /// - Complexity: O(1) on average.
    @discardableResult
    public func remove(_ name: String) -> (any ManagedCache)? {
        state.withAnnotatedLock { state in
            state.settings[name] = nil
            return state.caches.removeValue(forKey: name)
        }
    }

    /// The names of every cache, created or only configured, sorted.
    public var names: [String] {
        state.withAnnotatedLock { $0.names }
    }

    /// Whether a cache called `name` exists or is configured.
    ///
    /// - Complexity: O(1) on average.
    public func contains(_ name: String) -> Bool {
        state.withAnnotatedLock { $0.caches[name] != nil || $0.settings[name] != nil }
    }
}

extension CacheManager: CustomStringConvertible {
    /// `CacheManager([names])`.
    public var description: String { "CacheManager(\(names))" }
}
