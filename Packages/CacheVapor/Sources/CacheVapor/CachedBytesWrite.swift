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
    /// once, as Redis treats it), removes the key. An expiration too long to count in seconds
    /// (`.days(Int.max)`) is `Int.max` seconds, which every backend treats as never.
    ///
    /// - Throws: ``CacheVaporValueError`` when the value cannot be encoded.
    init<T: Encodable>(key: String, value: T?, expiresIn expirationTime: CacheExpirationTime?) throws {
        self.key = key
        let seconds = expirationTime.map(Self.seconds(of:))
        if let value, (seconds ?? 1) > 0 {
            self.bytes = try CachedValueCoding.encode(value, key: key)
            self.ttl = seconds.map { .seconds($0) }
        } else {
            self.bytes = nil
            self.ttl = nil
        }
    }

    /// The seconds of `expirationTime`, saturating at `Int.min` and `Int.max` (Vapor's own
    /// `seconds` traps on overflow: `.minutes(Int.max)`).
    static func seconds(of expirationTime: CacheExpirationTime) -> Int {
        let (count, unit): (Int, Int)
        switch expirationTime {
        case .seconds(let seconds): return seconds
        case .minutes(let minutes): (count, unit) = (minutes, 60)
        case .hours(let hours): (count, unit) = (hours, 3_600)
        case .days(let days): (count, unit) = (days, 86_400)
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: unit)
        if overflow { return count < 0 ? .min : .max }
        return product
    }

    /// Applies the write to an in-process cache.
    ///
    /// A value the cache refuses (it can never fit: its cost is over `maxCost`, or `maxSize` is
    /// 0) removes the key instead, so that a later read does not return the value it had before.
    ///
    /// - Throws: ``CacheVaporWriteError`` when the cache refuses the value.
    func apply(to cache: CachePolicies.Cache<String, Data>) throws(CacheVaporWriteError) {
        guard let bytes else {
            cache.delete(key)
            return
        }
        do {
            try cache.store(key, bytes, ttl: ttl)
        } catch {
            cache.delete(key)
            throw CacheVaporWriteError(key: key, byteCount: bytes.count, reason: error)
        }
    }
}
#endif
