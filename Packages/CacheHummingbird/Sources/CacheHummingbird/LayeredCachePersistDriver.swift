#if Hummingbird
import CacheManagement
import Foundation
import Hummingbird

/// A Hummingbird `PersistDriver` over a `LayeredCache`: an in-process cache over a shared remote
/// layer such as Redis, so that every instance of the app sees what one persisted.
///
///     let shared = RedisCache<String, PersistedValue>(  // CacheRedis
///         client: redis, namespace: "persist", keyCoding: .description, valueCoder: .json
///     )
///     let layered = LayeredCache<String, PersistedValue>(
///         name: "persist",
///         layers: [.local(Cache(maxSize: 10_000), ttl: .seconds(30)), .remote(shared, ttl: .hours(24))]
///     )
///     let persist = LayeredCachePersistDriver(cache: layered)
///
/// Values are stored encoded, as ``PersistedValue``s (their JSON and their deadline), because a
/// remote layer holds bytes that other processes decode; a value read as another type decodes
/// if its JSON fits that type, else throws `PersistError.invalidConversion`.
///
/// A layered cache's TTLs belong to its layers, not to its entries, so `expires` is kept in the
/// value as a wall-clock deadline (read from `now`), and a read that finds a value past its
/// deadline returns `nil` without deleting it: another instance may have written a fresh value
/// in between, which a delete would erase. A dead value's bytes stay until a write replaces it
/// or its layers' TTLs end it, so give the layers TTLs (at least as long as the longest
/// `expires` the app uses: a layer's TTL still ends an entry early). A deadline too far away to
/// represent means none.
///
/// ``create(key:value:expires:)`` reads, then writes: two instances creating one key at the same
/// moment may both succeed. Where that matters (one-time tokens across instances), use
/// `RedisPersistDriver` (traits `Hummingbird` and `Redis`), whose create is one `SET … NX`.
public struct LayeredCachePersistDriver: PersistDriver {
    /// The layered cache the values live in.
    public let cache: LayeredCache<String, PersistedValue>
    /// The wall clock deadlines are measured on.
    private let now: @Sendable () -> Date

    /// Creates a driver that keeps its values in `cache`.
    ///
    /// - Parameters:
    ///   - cache: The layered cache.
    ///   - now: The wall clock the deadlines are measured on; a test passes one it sets by hand.
    /// - Complexity: O(1).
    public init(cache: LayeredCache<String, PersistedValue>, now: @escaping @Sendable () -> Date = { Date() }) {
        self.cache = cache
        self.now = now
    }

    /// Stores `value` for `key` unless the key has a live value.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value, stored as JSON.
    ///   - expires: How long the value lives; `nil` for as long as the layers keep it.
    /// - Throws: `PersistError.duplicate` when the key has a live value; the layered cache's
    ///   errors.
    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await live(key) != nil { throw PersistError.duplicate }
        try await cache.set(key, persisted(value, expiresAt: deadline(after: expires)))
    }

    /// Stores `value` for `key`, replacing any value.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value, stored as JSON.
    ///   - expires: How long the value lives; `nil` to keep the deadline of the value it
    ///     replaces.
    /// - Throws: The layered cache's errors.
    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let expiresAt: Int64?
        if let expires {
            expiresAt = deadline(after: expires)
        } else {
            expiresAt = try await live(key)?.expiresAt
        }
        try await cache.set(key, persisted(value, expiresAt: expiresAt))
    }

    /// The live value of `key`, or `nil`.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - as: The type to decode the value as.
    /// - Throws: `PersistError.invalidConversion` when the value's JSON is not an `Object`'s.
    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let stored = try await live(key) else { return nil }
        return try PersistCoding.decode(Array(stored.json.utf8), as: Object.self)
    }

    /// The live value of `key` and the time it has left (`nil` when it never expires), or `nil`.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - type: The type to decode the value as.
    /// - Throws: `PersistError.invalidConversion` when the value's JSON is not an `Object`'s.
    public func getWithTTL<Object: Codable & Sendable>(
        key: String,
        as type: Object.Type
    ) async throws -> (object: Object, ttl: Duration?)? {
        let current = milliseconds()
        guard let stored = try await live(key, at: current) else { return nil }
        let object = try PersistCoding.decode(Array(stored.json.utf8), as: Object.self)
        return (object, stored.expiresAt.map { .milliseconds($0 - current) })
    }

    /// Removes the value of `key` from every layer.
    ///
    /// - Parameter key: The key.
    /// - Throws: The layered cache's errors.
    public func remove(key: String) async throws {
        try await cache.delete(key)
    }

    /// The value of `key` unless it is past its deadline at `current`; a dead value is left in
    /// place (another instance may be replacing it).
    private func live(_ key: String, at current: Int64? = nil) async throws -> PersistedValue? {
        guard let stored = try await cache.get(key), !stored.isExpired(at: current ?? milliseconds()) else {
            return nil
        }
        return stored
    }

    /// The deadline of a value that lives `expires` from now, or `nil` (none) when it is too far
    /// away to represent.
    private func deadline(after expires: Duration?) -> Int64? {
        guard let expires else { return nil }
        let (sum, overflow) = milliseconds().addingReportingOverflow(expires.wholeMilliseconds)
        return overflow ? nil : sum
    }

    private func persisted(_ value: some Encodable, expiresAt: Int64?) throws -> PersistedValue {
        PersistedValue(json: String(decoding: try PersistCoding.encode(value), as: UTF8.self), expiresAt: expiresAt)
    }

    /// The wall clock's time in milliseconds since the Unix epoch.
    private func milliseconds() -> Int64 {
        Int64((now().timeIntervalSince1970 * 1_000).rounded(.down))
    }
}
#endif
