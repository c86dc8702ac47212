#if Vapor
import CacheCore
import CacheManagement
import CachePolicies
import Foundation

#if Redis
import CacheRedis
#endif

/// The backend of a ``SwiftCachingCache``: where the JSON of the values is kept.
enum CachedBytesStore: Sendable {
    /// An in-process cache, which expires entries with its own TTLs.
    case local(CachePolicies.Cache<String, Data>)
    /// A layered cache; each value is kept in a ``DeadlineEnvelope`` with its expiration,
    /// measured against `now`.
    case layered(LayeredCache<String, Data>, now: @Sendable () -> Date)
    #if Redis
    /// A Redis cache, which expires entries with Redis's TTLs.
    case redis(RedisCache<String, Data>)
    #endif

    /// The JSON stored for `key`; `nil` when there is none or it has expired.
    ///
    /// - Throws: The backend's error, or ``CacheVaporValueError`` for a layered entry that is
    ///   not a ``DeadlineEnvelope``.
    func bytes(forKey key: String) async throws -> Data? {
        switch self {
        case .local(let cache):
            return cache.get(key)
        case .layered(let cache, let now):
            guard let stored = try await cache.get(key) else { return nil }
            let envelope = try DeadlineEnvelope(stored, key: key)
            // An expired entry is left to the layers' TTLs and limits: deleting it here could
            // delete a value another request wrote since the read.
            if let deadline = envelope.deadline, deadline <= now() { return nil }
            return envelope.payload
        #if Redis
        case .redis(let cache):
            return try await cache.get(key)
        #endif
        }
    }

    /// Stores or removes the key of `write`.
    ///
    /// - Throws: The backend's error, or ``CacheVaporWriteError`` when an in-process cache
    ///   refuses the value (and the key has been removed).
    func apply(_ write: CachedBytesWrite) async throws {
        switch self {
        case .local(let cache):
            try write.apply(to: cache)
        case .layered(let cache, let now):
            if let bytes = write.bytes {
                let deadline = write.ttl?.duration.map { now().addingTimeInterval(Self.seconds(of: $0)) }
                try await cache.set(write.key, DeadlineEnvelope(deadline: deadline, payload: bytes).bytes)
            } else {
                try await cache.delete(write.key)
            }
        #if Redis
        case .redis(let cache):
            if let bytes = write.bytes {
                try await cache.set(write.key, bytes, ttl: write.ttl)
            } else {
                try await cache.delete(write.key)
            }
        #endif
        }
    }

    /// `duration` in seconds.
    private static func seconds(of duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
#endif
