import CacheCore
import CachePolicies

extension ExpiringDict {
    /// The number of live entries (`len(d)`); expired entries are never counted (expiringdict
    /// counts them until something removes them).
    ///
    /// - Complexity: O(1), plus amortized O(1) per entry that expires.
    @inlinable
    public var count: Int { storage.count }

    /// Whether the dictionary has no live entries.
    ///
    /// - Complexity: O(1), plus amortized O(1) per entry that expires.
    @inlinable
    public var isEmpty: Bool { storage.isEmpty }

    /// The live keys, from the one written longest ago (`d.keys()`, which in expiringdict
    /// includes expired keys).
    ///
    /// - Complexity: O(*n*).
    public func keys() -> [Key] {
        storage.keys
    }

    /// The live values, from the one written longest ago (`d.values()`).
    ///
    /// - Complexity: O(*n*).
    public func values() -> [Value] {
        storage.values.map(\.value)
    }

    /// The live entries, from the one written longest ago (`d.items()`).
    ///
    /// - Complexity: O(*n*).
    public func items() -> [(key: Key, value: Value)] {
        storage.items.map { ($0.key, $0.value.value) }
    }

    /// The live entries with the time each was written, in seconds on the dictionary's
    /// ``clock``, from the one written longest ago (`d.items_with_timestamp()`, which in
    /// expiringdict includes expired entries and uses `time.time()`).
    ///
    /// - Complexity: O(*n*).
    public func itemsWithTimestamp() -> [(key: Key, value: Value, timestamp: Double)] {
        storage.items.map { ($0.key, $0.value.value, seconds(fromNanoseconds: $0.value.writtenAt.nanoseconds)) }
    }
}
