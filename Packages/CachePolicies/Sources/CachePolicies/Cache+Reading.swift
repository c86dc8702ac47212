import CacheCore
import Synchronization

extension Cache {
    /// The live value for `key`, or `nil`; for a cache created with a `defaultValue`, the value
    /// it makes for a missing key, stored.
    ///
    /// A hit counts as a use for the eviction policy and as a hit in ``stats``; a miss counts as
    /// a miss.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key) -> Value? {
        get(key, hash: key.hashValue)
    }

    /// ``get(_:)`` for a key whose `hashValue` is `hash`.
    @inlinable
    func get(_ key: Key, hash: Int) -> Value? {
        let value: Value?
        if readsQuietly, let quiet = storage.readQuietly(key, hash: hash, countingMiss: true) {
            value = quiet
        } else {
            value = withStorage(at: timeIfExpiring()) { storage, _, events in
                storage.read(key, hash: hash, events: &events)
            }
        }
        if value == nil, defaultValue != nil { return storeDefaultValue(for: key) }
        return value
    }

    /// Makes, stores and returns the default value of the missing `key`; a value stored while it
    /// was being made wins, as for `get(_:ttl:orLoad:)`.
    @usableFromInline
    func storeDefaultValue(for key: Key) -> Value {
        let start = clock.now()
        let value = defaultValue.unsafelyUnwrapped(key)
        return storeLoaded(key, .success(value), ttl: nil, startedAt: start) ?? value
    }

    /// The live value for `key`, or `defaultValue` when there is none. The default is not stored.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get(key) ?? defaultValue()
    }

    /// Reads and writes the value for `key`.
    ///
    /// Reading is ``get(_:)``; assigning a value is ``set(_:_:ttl:)`` with the default TTL;
    /// assigning `nil` is ``delete(_:)``.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public subscript(key: Key) -> Value? {
        get { get(key) }
        set {
            if let newValue {
                set(key, newValue)
            } else {
                delete(key)
            }
        }
    }

    /// Reads and writes the value for `key`, with `defaultValue` read for a missing key:
    /// `Dictionary`'s `subscript(_:default:)`.
    ///
    ///     cache[word, default: 0] += 1
    ///
    /// Reading is ``get(_:default:)`` (the default is not stored); assigning is ``set(_:_:ttl:)``
    /// with the default TTL. A mutation in place reads and then writes: two operations, between
    /// which another thread may write the key. Use ``compute(_:ttl:_:)`` when that matters.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { get(key) ?? defaultValue() }
        set { set(key, newValue) }
    }

    /// Whether `key` has a live value. It is not a use and not counted in ``stats``.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func contains(_ key: Key) -> Bool {
        contains(key, hash: key.hashValue)
    }

    /// ``contains(_:)`` for a key whose `hashValue` is `hash`.
    @inlinable
    func contains(_ key: Key, hash: Int) -> Bool {
        withStorage(at: timeIfExpiring()) { storage, _, _ in
            storage.find(key, hash: hash) != nil
        }
    }

    /// The live values of the keys `filter` selects. Each key looked up is a read, as with
    /// ``get(_:)``: it counts in ``stats`` as a hit or a miss, and a hit is a use.
    ///
    /// Key lists are looked up directly. Patterns and predicates are matched, outside the lock,
    /// against a snapshot of the keys; keys removed in between are skipped.
    ///
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries.
    public func getMany(_ filter: KeyFilter<Key>) -> [Key: Value] {
        let keys = filter.listedKeys ?? snapshotKeys().filter(filter.matches)
        let hashed = keys.map { ($0, $0.hashValue) }
        return withStorage(at: timeIfExpiring()) { storage, _, events in
            var result: [Key: Value] = [:]
            for (key, hash) in hashed {
                if let value = storage.read(key, hash: hash, events: &events) { result[key] = value }
            }
            return result
        }
    }

    /// The live keys `filter` selects, in eviction order for patterns and predicates, in the
    /// filter's order for key lists.
    ///
    /// - Complexity: O(*n*) for *n* entries.
    public func keys(matching filter: KeyFilter<Key>) -> [Key] {
        if let listed = filter.listedKeys { return listed.filter(contains) }
        return snapshotKeys().filter(filter.matches)
    }

    /// The live keys, in eviction order.
    @usableFromInline
    func snapshotKeys() -> [Key] {
        withStorage(at: timeIfExpiring()) { storage, _, _ in
            storage.entriesInEvictionOrder().map(\.key)
        }
    }
}
