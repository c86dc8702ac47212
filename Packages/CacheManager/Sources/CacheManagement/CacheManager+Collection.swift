import CacheCore
import Synchronization

extension CacheManager: Sequence {
    /// Iterates a snapshot of the caches that exist, sorted by name; caches only configured are
    /// not included.
    ///
    /// - Complexity: O(*n* log *n*) for *n* caches, to take the snapshot.
    public func makeIterator() -> IndexingIterator<[(name: String, cache: any ManagedCache)]> {
        snapshot().makeIterator()
    }

    /// The caches that exist, sorted by name.
    public var caches: [any ManagedCache] { snapshot().map(\.cache) }

    /// Removes every entry of every cache that exists (cacheout's `clear_all`).
    ///
    /// - Complexity: O(*n*) in the total number of entries.
    public func clearAll() {
        for (_, cache) in snapshot() { cache.clear() }
    }

    /// A snapshot of the statistics of every cache that exists, by name.
    ///
    /// Each cache's counters are read atomically; the caches are read one after the other.
    public var stats: [String: CacheStats] {
        Dictionary(uniqueKeysWithValues: snapshot().map { ($0.name, $0.cache.stats) })
    }

    private func snapshot() -> [(name: String, cache: any ManagedCache)] {
        state.withAnnotatedLock { state in state.caches.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }
}
