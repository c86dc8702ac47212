#if Hummingbird && Redis
import CacheCore
import CacheRedis
import Hummingbird
import NIOCore

/// A Hummingbird `PersistDriver` over Redis, through a `RedisCache` (CacheRedis): what one
/// instance of the app persists, every instance reads (traits `Hummingbird` and `Redis`).
///
///     let redis = try RedisClient(configuration: RedisConfiguration(url: "redis://127.0.0.1:6379"))
///     let persist = RedisPersistDriver(client: redis, namespace: "persist")
///     try await persist.create(key: "token:\(id)", value: session, expires: .minutes(15))
///
/// Each value is stored as its JSON, under `namespace:key`, so `redis-cli` shows it as it is.
/// `expires` becomes the key's Redis TTL (`SET … PX`, in milliseconds rounded up), so Redis
/// removes the value itself; ``create(key:value:expires:)`` is one `SET … NX`, atomic across
/// instances. ``set(key:value:expires:)`` without `expires` reads the key's remaining TTL
/// (`PTTL`) and writes with it, as the protocol asks that the deadline be kept. That is two
/// round trips, not one atomic `SET … KEEPTTL`: a write by another instance between them can
/// have its TTL replaced by the one read. A negative `expires` stores a value that is already
/// dead.
///
/// A value read as another type decodes if its JSON fits that type, else throws
/// `PersistError.invalidConversion`.
public struct RedisPersistDriver: PersistDriver {
    /// The Redis cache the values live in: JSON bytes under the driver's namespace.
    public let cache: RedisCache<String, [UInt8]>

    /// Creates a driver that keeps its values in Redis under `namespace`.
    ///
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - namespace: The prefix of the driver's keys; not empty.
    ///   - publishesInvalidations: Whether writes and deletes are announced on the namespace's
    ///     invalidation channel (off by default: nothing holds persisted values in process).
    /// - Complexity: O(1).
    public init(client: RedisClient, namespace: String = "persist", publishesInvalidations: Bool = false) {
        self.cache = RedisCache(
            client: client,
            namespace: namespace,
            keyCoding: .description,
            valueCoder: RedisValueCoder(
                encode: { ByteBuffer(bytes: $0) },
                decode: { Array($0.readableBytesView) }
            ),
            publishesInvalidations: publishesInvalidations
        )
    }

    /// Stores `value` for `key` unless Redis has a value for it (`SET … NX`).
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value, stored as JSON.
    ///   - expires: How long the value lives; `nil` for no expiry.
    /// - Throws: `PersistError.duplicate` when the key has a value; `RedisError` when Redis fails.
    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let stored = try await cache.add(key, PersistCoding.encode(value), ttl: expires?.persistTTL)
        guard stored else { throw PersistError.duplicate }
    }

    /// Stores `value` for `key`, replacing any value.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value, stored as JSON.
    ///   - expires: How long the value lives; `nil` to keep the remaining TTL of the value it
    ///     replaces (none when there is none).
    /// - Throws: `RedisError` when Redis fails.
    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let bytes = try PersistCoding.encode(value)
        let ttl: TimeToLive
        if let expires {
            ttl = expires.persistTTL
        } else {
            ttl = try await cache.timeToLive(forKey: key) ?? .never
        }
        try await cache.set(key, bytes, ttl: ttl)
    }

    /// The value of `key`, or `nil`.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - as: The type to decode the value as.
    /// - Throws: `PersistError.invalidConversion` when the value's JSON is not an `Object`'s;
    ///   `RedisError` when Redis fails.
    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let bytes = try await cache.get(key) else { return nil }
        return try PersistCoding.decode(bytes, as: Object.self)
    }

    /// The value of `key` and its remaining TTL (`nil` when it has none), or `nil`.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - type: The type to decode the value as.
    /// - Throws: `PersistError.invalidConversion` when the value's JSON is not an `Object`'s;
    ///   `RedisError` when Redis fails.
    public func getWithTTL<Object: Codable & Sendable>(
        key: String,
        as type: Object.Type
    ) async throws -> (object: Object, ttl: Duration?)? {
        guard let object = try await get(key: key, as: type),
            let left = try await cache.timeToLive(forKey: key)
        else { return nil }
        return (object, left.duration)
    }

    /// Removes the value of `key`, if any.
    ///
    /// - Parameter key: The key.
    /// - Throws: `RedisError` when Redis fails.
    public func remove(key: String) async throws {
        try await cache.delete(key)
    }
}
#endif
