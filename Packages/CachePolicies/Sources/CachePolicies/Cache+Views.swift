import CacheCore

extension Cache {
    /// The number of live entries; entries whose TTL has run out are never counted.
    ///
    /// - Complexity: O(1), plus amortized O(1) per entry that expires.
    public var count: Int {
        withStorage(at: timeIfExpiring()) { storage, _, _ in storage.count }
    }

    /// Whether the cache has no live entries.
    public var isEmpty: Bool { count == 0 }

    /// The total cost of the live entries (their number when the cache has no cost function).
    public var totalCost: Int {
        withStorage(at: timeIfExpiring()) { storage, _, _ in storage.totalCost }
    }

    /// The live keys, from the next victim to the last.
    ///
    /// - Complexity: O(*n*).
    public var keys: [Key] { snapshotKeys() }

    /// The live values, in eviction order.
    ///
    /// - Complexity: O(*n*).
    public var values: [Value] { items.map(\.value) }

    /// The live entries, in eviction order.
    ///
    /// - Complexity: O(*n*).
    public var items: [(key: Key, value: Value)] {
        withStorage(at: timeIfExpiring()) { storage, _, _ in
            storage.entriesInEvictionOrder().map { ($0.key, $0.value) }
        }
    }

    /// The live entries as a dictionary.
    ///
    /// - Complexity: O(*n*).
    public func snapshot() -> [Key: Value] {
        Dictionary(uniqueKeysWithValues: items)
    }
}

extension Cache: Sequence {
    /// Iterates a snapshot of the live entries in eviction order; the cache may change meanwhile.
    ///
    /// - Complexity: O(*n*): it iterates over a snapshot of `items`.
    public func makeIterator() -> IndexingIterator<[(key: Key, value: Value)]> {
        items.makeIterator()
    }

    /// The number of live entries.
    public var underestimatedCount: Int { count }
}
