import CacheCore
import CachePolicies

/// What a ``CacheManager`` needs of the caches it holds, whatever their key and value types.
///
/// `Cache` conforms. The manager reaches its caches through this protocol only for management
/// (statistics, limits, clearing); reads and writes go to the typed cache that
/// ``CacheManager/cache(named:as:load:)`` returns.
public protocol ManagedCache: AnyObject, Sendable {
    /// The cache's name.
    var name: String { get }
    /// The cache's eviction policy.
    var policy: CachePolicy { get }
    /// The cache's current limits.
    var limits: CacheLimits { get }
    /// The number of live entries.
    var count: Int { get }
    /// A snapshot of the cache's counters.
    var stats: CacheStats { get }
    /// Whether the cache counts statistics.
    var isRecordingStats: Bool { get }
    /// How old an entry gets before a read reloads it in the background; `nil` for never.
    var refreshAfter: Duration? { get }

    /// Changes the cache's limits while it runs.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` when the new limits are invalid; errors of `update`.
    func configure<E: Error>(_ update: (inout CacheLimits) throws(E) -> Void) throws

    /// Starts counting statistics.
    func enableStats()
    /// Stops counting statistics and zeroes them.
    func disableStats()
    /// Removes every entry.
    func clear()
}

extension ManagedCache {
    /// The cache's current settings: its policy's name, its limits, whether it counts statistics
    /// and its refresh age.
    public var settings: CacheSettings {
        let limits = self.limits
        return CacheSettings(
            policy: policy.name,
            maxSize: limits.maxSize,
            maxCost: limits.maxCost,
            ttl: limits.defaultTTL,
            expireAfterAccess: limits.expireAfterAccess,
            recordsStats: isRecordingStats,
            refreshAfter: refreshAfter
        )
    }

    /// `nil`: a managed cache that does not reload its entries on its own need not say so.
    public var refreshAfter: Duration? { nil }

    /// The type's name, such as `Cache<String, User>`, for error messages.
    var typeDescription: String { "\(type(of: self))" }
}

extension Cache: ManagedCache {}
