#if Hummingbird
import CacheCore
import CachePolicies
import Hummingbird

/// A Hummingbird `PersistDriver` over an in-process `Cache`: sessions, one-time tokens and other
/// key/value pairs of an app that runs as one process.
///
///     let store = Cache<String, any Codable & Sendable>(name: "persist", maxSize: 100_000)
///     let persist = CachePersistDriver(cache: store)
///     try await persist.create(key: "token:\(id)", value: session, expires: .minutes(15))
///     let session = try await persist.get(key: "token:\(id)", as: Session.self)
///
/// The cache holds the values themselves, as Hummingbird's `MemoryPersistDriver` does, not their
/// encoded bytes: nothing is encoded or decoded on the way in or out, and a value is read back
/// exactly as it was written. So, as with `MemoryPersistDriver`, a value read as a type it is not
/// (even one whose JSON would decode) throws `PersistError.invalidConversion`.
///
/// - `expires` becomes the entry's TTL on the cache's clock, so a test passes a cache made with
///   `clock: .manual(clock)` and advances the clock. Without `expires`, ``create(key:value:expires:)``
///   gives the entry the cache's `defaultTTL` (none unless the cache has one), and
///   ``set(key:value:expires:)`` keeps the deadline of the value it replaces, as the protocol
///   asks.
/// - ``create(key:value:expires:)`` stores only when the key has no live value (one atomic
///   `add`), else throws `PersistError.duplicate`.
/// - A value the cache can never hold (its cost exceeds `maxCost`, or `maxSize` is 0) throws
///   `CacheWriteError`; ``set(key:value:expires:)`` then deletes the key's old value.
/// - The cache's limits and policy still apply: an entry may be evicted before it expires when
///   the cache is full, so give the cache room for what the app persists.
/// - The cache expires entries as it is used; a `CacheExpirySweeper` (CacheLifecycle) releases
///   them while it is idle. The driver's `run()` only waits for graceful shutdown.
public struct CachePersistDriver: PersistDriver {
    /// The cache the values live in.
    public let cache: Cache<String, any Codable & Sendable>

    /// Creates a driver that keeps its values in `cache`.
    ///
    /// - Parameter cache: The cache; its clock measures `expires`.
    /// - Complexity: O(1).
    public init(cache: Cache<String, any Codable & Sendable>) {
        self.cache = cache
    }

    /// Stores `value` for `key` unless the key has a live value.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value, stored as it is.
    ///   - expires: How long the value lives; `nil` for the cache's default TTL; a negative
    ///     duration stores a value that is already dead.
    /// - Throws: `PersistError.duplicate` when the key has a live value; `CacheWriteError` when
    ///   the cache refuses the value because it can never fit (its cost exceeds `maxCost`, or
    ///   `maxSize` is 0).
    /// - Complexity: O(1) on average.
    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let ttl = expires?.persistTTL
        guard !cache.add(key, value, ttl: ttl) else { return }
        if cache.timeToLive(forKey: key) != nil { throw PersistError.duplicate }
        // No live value, so the add was refused: the same write throws the refusal.
        try cache.store(key, value, ttl: ttl)
    }

    /// Stores `value` for `key`, replacing any value.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value, stored as it is.
    ///   - expires: How long the value lives; `nil` to keep the deadline of the value it
    ///     replaces (the cache's default TTL when there is none); a negative duration stores a
    ///     value that is already dead.
    /// - Throws: `CacheWriteError` when the cache refuses the value because it can never fit; the
    ///   key's old value is then deleted, so that no read returns it as if the write had happened.
    /// - Complexity: O(1) on average.
    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let ttl = expires?.persistTTL ?? cache.timeToLive(forKey: key)
        do {
            try cache.store(key, value, ttl: ttl)
        } catch {
            cache.delete(key)
            throw error
        }
    }

    /// The live value of `key`, or `nil`.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - as: The type the value was stored as.
    /// - Throws: `PersistError.invalidConversion` when the value is not an `Object`.
    /// - Complexity: O(1) on average.
    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let value = cache.get(key) else { return nil }
        guard let object = value as? Object else { throw PersistError.invalidConversion }
        return object
    }

    /// The live value of `key` and the time it has left (`nil` when it never expires), or `nil`.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - type: The type the value was stored as.
    /// - Throws: `PersistError.invalidConversion` when the value is not an `Object`.
    /// - Complexity: O(1) on average.
    public func getWithTTL<Object: Codable & Sendable>(
        key: String,
        as type: Object.Type
    ) async throws -> (object: Object, ttl: Duration?)? {
        guard let object = try await get(key: key, as: type), let left = cache.timeToLive(forKey: key) else {
            return nil
        }
        return (object, left.duration)
    }

    /// Removes the value of `key`, if any.
    ///
    /// - Parameter key: The key.
    /// - Complexity: O(1) on average.
    public func remove(key: String) async throws {
        cache.delete(key)
    }
}
#endif
