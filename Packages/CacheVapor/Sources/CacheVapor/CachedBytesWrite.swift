#if Vapor
import CacheCore
import CachePolicies
import Foundation
import Vapor

/// One write of Vapor's `set`, with the value already encoded: store `bytes` with a TTL, or
/// remove the key.
struct CachedBytesWrite: Sendable {
    /// The key.
    let key: String
    /// The JSON of the value; `nil` to remove the key.
    let bytes: Data?
    /// How long the value lives; `nil` for the backend's default TTL.
    let ttl: TimeToLive?

    /// The write of `value` (encoded here, on the caller's thread), to expire after
    /// `expirationTime`.
    ///
    /// A `nil` value, or an expiration of zero or fewer seconds (an entry that would be dead at
    /// once, as Redis treats it), removes the key.
    ///
    /// - Throws: ``CacheVaporValueError`` when the value cannot be encoded.
    init<T: Encodable>(key: String, value: T?, expiresIn expirationTime: CacheExpirationTime?) throws {
        self.key = key
        if let value, (expirationTime?.seconds ?? 1) > 0 {
            self.bytes = try CachedValueCoding.encode(value, key: key)
            self.ttl = expirationTime.map { .seconds($0.seconds) }
        } else {
            self.bytes = nil
            self.ttl = nil
        }
    }

    /// Applies the write to an in-process cache.
    func apply(to cache: CachePolicies.Cache<String, Data>) {
        if let bytes {
            cache.set(key, bytes, ttl: ttl)
        } else {
            cache.delete(key)
        }
    }
}
#endif
