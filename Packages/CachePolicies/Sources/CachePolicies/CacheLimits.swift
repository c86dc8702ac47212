import CacheCore

/// The limits of a cache that can change while it runs: its entry limit, its cost limit and the
/// default TTL of its entries.
///
///     try cache.configure { limits in
///         limits.maxSize = 5_000
///         limits.defaultTTL = .seconds(60)
///     }
public struct CacheLimits: Hashable, Sendable {
    /// The most entries the cache holds; `nil` for no limit, 0 for a cache that stores nothing.
    public var maxSize: Int?
    /// The highest total cost of the entries; `nil` for no limit. Without a cost function every
    /// entry costs 1.
    public var maxCost: Int?
    /// The TTL of entries written without one; `nil` (or ``/CacheCore/TimeToLive/never``) for
    /// entries that never expire.
    public var defaultTTL: TimeToLive?
    /// How long an entry lives after it was last read or written (an idle timeout); `nil` (or
    /// ``/CacheCore/TimeToLive/never``) for none. With a TTL as well, whichever comes first ends
    /// the entry.
    public var expireAfterAccess: TimeToLive?

    /// Creates limits.
    ///
    /// - Complexity: O(1).
    public init(
        maxSize: Int?,
        maxCost: Int? = nil,
        defaultTTL: TimeToLive? = nil,
        expireAfterAccess: TimeToLive? = nil
    ) {
        self.maxSize = maxSize
        self.maxCost = maxCost
        self.defaultTTL = defaultTTL
        self.expireAfterAccess = expireAfterAccess
    }

    /// Throws when a limit has a value no cache accepts.
    ///
    /// - Parameter cacheName: The cache to name in the error.
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the cache, the field, the value and what is
    ///   allowed.
    /// - Complexity: O(1).
    public func validate(cacheName: String) throws(CacheConfigurationError) {
        if let maxSize, maxSize < 0 {
            throw CacheConfigurationError(
                cacheName: cacheName,
                field: "maxSize",
                value: "\(maxSize)",
                allowed: "an integer ≥ 0 (0 stores nothing), or nil for no limit"
            )
        }
        if let maxCost, maxCost < 0 {
            throw CacheConfigurationError(
                cacheName: cacheName,
                field: "maxCost",
                value: "\(maxCost)",
                allowed: "an integer ≥ 0, or nil for no limit"
            )
        }
        if let duration = defaultTTLDuration, duration <= .zero {
            throw CacheConfigurationError(
                cacheName: cacheName,
                field: "defaultTTL",
                value: "\(duration)",
                allowed: "a positive duration, or nil or .never for entries that never expire"
            )
        }
        if let duration = expireAfterAccess?.duration, duration <= .zero {
            throw CacheConfigurationError(
                cacheName: cacheName,
                field: "expireAfterAccess",
                value: "\(duration)",
                allowed: "a positive duration, or nil or .never for no idle timeout"
            )
        }
    }

    /// How long entries written without a TTL live; `nil` when they never expire.
    @inlinable
    var defaultTTLDuration: Duration? { defaultTTL?.duration }

    /// Whether entries written without a TTL may expire: a default TTL or an idle timeout is set.
    @inlinable
    var mayExpire: Bool { defaultTTLDuration != nil || idleTimeoutNanoseconds != nil }

    /// The idle timeout in nanoseconds (at least 1); `nil` for none.
    @inlinable
    var idleTimeoutNanoseconds: Int64? {
        expireAfterAccess?.duration.map { max($0.cacheNanoseconds, 1) }
    }
}
