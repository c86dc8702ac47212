import CacheCore
import CachePolicies

extension WeakValueCache {
    /// The number of live entries: values that were deallocated are never counted.
    ///
    /// It is a snapshot: a value may be deallocated right after it was counted.
    ///
    /// - Complexity: O(*n*) for *n* entries: Swift gives no notice when an object is
    ///   deallocated, so counting checks every entry (and removes the dead ones, as ``sweep()``).
    public var count: Int { liveEntries().count }

    /// Whether the cache has no live entries.
    ///
    /// - Complexity: O(*n*), as ``count``.
    public var isEmpty: Bool { count == 0 }

    /// The keys with live values, in the order they were written.
    ///
    /// - Complexity: O(*n*).
    public var keys: [Key] { liveEntries().map(\.key) }

    /// The live values, in the order they were written.
    ///
    /// - Complexity: O(*n*).
    public var values: [Value] { liveEntries().map(\.value) }

    /// The live entries, in the order they were written. Holding the result keeps its values alive.
    ///
    /// - Complexity: O(*n*).
    public var items: [(key: Key, value: Value)] { liveEntries() }

    /// The live entries as a dictionary.
    ///
    /// - Complexity: O(*n*).
    public func snapshot() -> [Key: Value] {
        Dictionary(uniqueKeysWithValues: liveEntries())
    }
}
