/// The asynchronous loads running for missing keys, so that concurrent callers for one key share
/// one loader run (single flight).
@usableFromInline
struct InFlightLoads<Key: Hashable & Sendable, Value: Sendable> {
    @usableFromInline
    struct Load {
        @usableFromInline let id: Int
        @usableFromInline let task: Task<Value, any Error>

        @inlinable
        init(id: Int, task: Task<Value, any Error>) {
            self.id = id
            self.task = task
        }
    }

    @usableFromInline
    var loads: [Key: Load] = [:]

    @usableFromInline
    var nextID = 0

    @usableFromInline
    init() {}

    /// Forgets the load for `key`, so that its result will not be stored: a write or delete of
    /// the key happened after the load began.
    @inlinable
    mutating func invalidate(_ key: Key) {
        if !loads.isEmpty { loads.removeValue(forKey: key) }
    }

    /// Forgets every load, as when the cache is cleared.
    @inlinable
    mutating func invalidateAll() {
        if !loads.isEmpty { loads.removeAll() }
    }
}
