/// The asynchronous face of a cache behind a network, such as Redis.
///
/// It mirrors ``CacheProtocol``, but every operation may suspend and may fail. `LayeredCache`
/// stacks in-process caches over stores of this kind.
public protocol AsyncCacheProtocol<Key, Value>: Sendable {
    /// The type of the keys.
    associatedtype Key: Hashable & Sendable
    /// The type of the values.
    associatedtype Value: Sendable

    /// The live value for `key`, or `nil`.
    func get(_ key: Key) async throws -> Value?

    /// Stores `value` for `key`, replacing any value it had.
    func set(_ key: Key, _ value: Value, ttl: TimeToLive?) async throws

    /// Stores `value` only when `key` has no live value.
    ///
    /// - Returns: `true` when the value was stored.
    @discardableResult
    func add(_ key: Key, _ value: Value, ttl: TimeToLive?) async throws -> Bool

    /// Removes `key`.
    ///
    /// - Returns: `true` when the key had a live value.
    @discardableResult
    func delete(_ key: Key) async throws -> Bool

    /// Whether `key` has a live value.
    func contains(_ key: Key) async throws -> Bool

    /// The number of live entries.
    func count() async throws -> Int

    /// Removes every entry this store owns.
    func clear() async throws

    /// The live values of the keys `filter` selects.
    func getMany(_ filter: KeyFilter<Key>) async throws -> [Key: Value]

    /// Stores every pair with one TTL.
    func setMany(_ items: [(key: Key, value: Value)], ttl: TimeToLive?) async throws

    /// Removes the keys `filter` selects.
    ///
    /// - Returns: The number of entries removed.
    @discardableResult
    func deleteMany(_ filter: KeyFilter<Key>) async throws -> Int

    /// The live keys `filter` selects.
    func keys(matching filter: KeyFilter<Key>) async throws -> [Key]
}

extension AsyncCacheProtocol {
    /// Stores `value` for `key` with the store's default TTL.
    ///
    /// - Complexity: That of `set(_:_:ttl:)` in the conforming store.
    @inlinable
    public func set(_ key: Key, _ value: Value) async throws { try await set(key, value, ttl: nil) }

    /// Stores `value` for `key`, with the store's default TTL, only when `key` has no live value.
    ///
    /// - Complexity: That of `add(_:_:ttl:)` in the conforming store.
    @inlinable
    @discardableResult
    public func add(_ key: Key, _ value: Value) async throws -> Bool { try await add(key, value, ttl: nil) }
}
