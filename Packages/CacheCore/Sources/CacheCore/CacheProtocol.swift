/// The synchronous face of every in-memory cache in swift-caching.
///
/// `Cache`, `WeakValueCache` and the layers of a `LayeredCache` speak it, so code written against
/// it works with any of them. Every method is thread-safe. TTLs follow ``TimeToLive``: `nil` means
/// the cache's default, ``TimeToLive/never`` means no expiry.
public protocol CacheProtocol<Key, Value>: Sendable {
    /// The type of the keys.
    associatedtype Key: Hashable & Sendable
    /// The type of the values.
    associatedtype Value: Sendable

    /// The live value for `key`, or `nil`; a hit counts as a use for the eviction policy.
    func get(_ key: Key) -> Value?

    /// Stores `value` for `key`, replacing any value it had.
    ///
    /// - Returns: `true` when the value was stored; `false` when the cache refused it (a value
    ///   costing more than the cache's cost limit, or a cache whose limit is zero entries).
    @discardableResult
    func set(_ key: Key, _ value: Value, ttl: TimeToLive?) -> Bool

    /// Stores `value` only when `key` has no live value; an existing value and its TTL stay.
    ///
    /// - Returns: `true` when the value was stored.
    @discardableResult
    func add(_ key: Key, _ value: Value, ttl: TimeToLive?) -> Bool

    /// Removes `key`.
    ///
    /// - Returns: `true` when the key had a live value.
    @discardableResult
    func delete(_ key: Key) -> Bool

    /// Whether `key` has a live value; does not count as a use.
    func contains(_ key: Key) -> Bool

    /// The number of live entries.
    var count: Int { get }

    /// Removes every entry.
    func clear()

    /// The live values of the keys `filter` selects.
    func getMany(_ filter: KeyFilter<Key>) -> [Key: Value]

    /// Stores every pair, in order, with one TTL.
    func setMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive?)

    /// Stores each pair whose key has no live value, in order.
    ///
    /// - Returns: The number of pairs stored.
    @discardableResult
    func addMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive?) -> Int

    /// Removes the keys `filter` selects.
    ///
    /// - Returns: The number of live entries removed.
    @discardableResult
    func deleteMany(_ filter: KeyFilter<Key>) -> Int

    /// The live keys `filter` selects.
    func keys(matching filter: KeyFilter<Key>) -> [Key]
}

extension CacheProtocol {
    /// Stores `value` for `key` with the cache's default TTL.
    ///
    /// - Complexity: That of `set(_:_:ttl:)` in the conforming cache.
    @inlinable
    @discardableResult
    public func set(_ key: Key, _ value: Value) -> Bool { set(key, value, ttl: nil) }

    /// Stores `value` for `key`, with the cache's default TTL, only when `key` has no live value.
    ///
    /// - Complexity: That of `add(_:_:ttl:)` in the conforming cache.
    @inlinable
    @discardableResult
    public func add(_ key: Key, _ value: Value) -> Bool { add(key, value, ttl: nil) }

    /// Stores every pair with the cache's default TTL.
    ///
    /// - Complexity: That of `setMany(_:ttl:)` in the conforming cache.
    @inlinable
    public func setMany(_ items: some Sequence<(key: Key, value: Value)>) { setMany(items, ttl: nil) }

    /// Stores each pair whose key has no live value, with the cache's default TTL.
    ///
    /// - Complexity: That of `addMany(_:ttl:)` in the conforming cache.
    @inlinable
    @discardableResult
    public func addMany(_ items: some Sequence<(key: Key, value: Value)>) -> Int { addMany(items, ttl: nil) }

    /// Whether the cache has no live entries.
    @inlinable
    public var isEmpty: Bool { count == 0 }
}
