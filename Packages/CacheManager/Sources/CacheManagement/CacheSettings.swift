import CacheCore
import CachePolicies

/// The settings of one cache, as a configuration file or a settings dictionary gives them.
///
///     users:
///       policy: lru        # a built-in policy, or a custom one registered by name
///       maxSize: 10000     # entries; leave out for no limit
///       maxCost: 50000000  # total cost; leave out for no limit
///       ttl: 15m           # "500ms", "90s", "15m", "2h", "1d" or seconds; leave out for no expiry
///       expireAfterAccess: 5m  # idle timeout: reads and writes restart it; leave out for none
///       refreshAfter: 1m   # reload entries this old in the background (the cache needs a loader)
///       stats: true        # whether the cache counts hits, misses and the rest
///
/// Settings are plain values: ``validate(cacheName:policies:)`` checks them, and
/// `Cache(name:settings:policies:clock:cost:)` makes a cache from them. Decoding validates every
/// value except the policy name (which depends on the policies registered at run time).
public struct CacheSettings: Hashable, Sendable {
    /// The eviction policy's name: one of ``CachePolicyRegistry/builtIn`` or a registered custom one.
    public var policy: String
    /// The most entries the cache holds; `nil` for no limit, 0 for a cache that stores nothing.
    public var maxSize: Int?
    /// The highest total cost of the entries; `nil` for no limit.
    public var maxCost: Int?
    /// The TTL of entries written without one; `nil` (or ``/CacheCore/TimeToLive/never``) for
    /// entries that never expire.
    public var ttl: TimeToLive?
    /// The idle timeout: an entry not read or written for this long expires; `nil` for none.
    public var expireAfterAccess: TimeToLive?
    /// Whether the cache counts its statistics.
    public var recordsStats: Bool
    /// How old an entry gets before a read reloads it in the background; `nil` for no automatic
    /// reloads. A cache with it needs a loader (`Cache(name:settings:load:)`).
    public var refreshAfter: Duration?

    /// The policy of settings that name none.
    public static let defaultPolicy = "lru"

    /// Creates settings; every limit defaults to none.
    ///
    /// - Complexity: O(1).
    public init(
        policy: String = CacheSettings.defaultPolicy,
        maxSize: Int? = nil,
        maxCost: Int? = nil,
        ttl: TimeToLive? = nil,
        expireAfterAccess: TimeToLive? = nil,
        recordsStats: Bool = true,
        refreshAfter: Duration? = nil
    ) {
        self.policy = policy
        self.maxSize = maxSize
        self.maxCost = maxCost
        self.ttl = ttl
        self.expireAfterAccess = expireAfterAccess
        self.recordsStats = recordsStats
        self.refreshAfter = refreshAfter
    }

    /// The limits these settings give a cache.
    public var limits: CacheLimits {
        CacheLimits(maxSize: maxSize, maxCost: maxCost, defaultTTL: ttl, expireAfterAccess: expireAfterAccess)
    }
}

extension CacheSettings: CustomStringConvertible {
    /// The settings as a configuration file writes them, such as
    /// `policy: lru, maxSize: 10000, ttl: 15m, stats: true, refreshAfter: 1m`.
    public var description: String {
        var parts = ["policy: \(policy)"]
        if let maxSize { parts.append("maxSize: \(maxSize)") }
        if let maxCost { parts.append("maxCost: \(maxCost)") }
        if let ttl = ttl?.duration { parts.append("ttl: \(CacheSettings.text(ofTTL: ttl))") }
        if let idle = expireAfterAccess?.duration {
            parts.append("expireAfterAccess: \(CacheSettings.text(ofTTL: idle))")
        }
        parts.append("stats: \(recordsStats)")
        if let refreshAfter { parts.append("refreshAfter: \(CacheSettings.text(ofTTL: refreshAfter))") }
        return parts.joined(separator: ", ")
    }
}
