/// The loads running for a cache's keys: single-flight loads of missing keys, so that concurrent
/// callers for one key share one loader run, and reloads of live entries (refresh-after-write),
/// at most one per key.
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

    /// Loads of missing keys; each stores its value unless the key is written meanwhile.
    @usableFromInline
    var loads: [Key: Load] = [:]

    /// Reloads of live entries; each replaces the value only if the entry is still there and the
    /// key was not written meanwhile.
    @usableFromInline
    var reloads: [Key: Load] = [:]

    @usableFromInline
    var nextID = 0

    @usableFromInline
    init() {}

    /// A fresh identifier for a load or reload.
    @inlinable
    mutating func makeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// Forgets the load and the reload of `key`, so that their results will not be stored: a
    /// write or delete of the key happened after they began.
    @inlinable
    mutating func invalidate(_ key: Key) {
        if !loads.isEmpty { loads.removeValue(forKey: key) }
        if !reloads.isEmpty { reloads.removeValue(forKey: key) }
    }

    /// Forgets every load and reload, as when the cache is cleared.
    @inlinable
    mutating func invalidateAll() {
        if !loads.isEmpty { loads.removeAll() }
        if !reloads.isEmpty { reloads.removeAll() }
    }
}
