#if Vapor
import CachePolicies

/// A value an in-process cache refused to store because it can never fit: its cost is over the
/// cache's `maxCost`, or the cache's `maxSize` is 0.
///
/// A ``SwiftCachingCache`` removes the key before failing with this error, so that a later read
/// does not return the value the key had before.
public struct CacheVaporWriteError: Error, Sendable, CustomStringConvertible {
    /// The cache key.
    public let key: String
    /// The size of the value's JSON, in bytes.
    public let byteCount: Int
    /// Why the cache refused the value (its cost over `maxCost`, or a `maxSize` of 0).
    public let reason: CacheWriteError

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - key: The cache key.
    ///   - byteCount: The size of the value's JSON, in bytes.
    ///   - reason: Why the cache refused the value.
    public init(key: String, byteCount: Int, reason: CacheWriteError) {
        self.key = key
        self.byteCount = byteCount
        self.reason = reason
    }

    /// Says which key, how large its value is and why it was refused.
    public var description: String {
        let why: String
        switch reason {
        case .costExceedsLimit(let cacheName, let cost, let maxCost):
            why = "its cost \(cost) is over maxCost \(maxCost) of cache '\(cacheName)'"
        case .cacheStoresNothing(let cacheName):
            why = "cache '\(cacheName)' has maxSize 0 and stores nothing"
        }
        return "the value of '\(key)' (\(byteCount) bytes of JSON) was not cached: \(why); the key was removed"
    }
}
#endif
