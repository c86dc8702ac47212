import CacheCore
import Synchronization

extension LayeredCache {
    /// Removes `key` from every in-process layer, leaving remote layers alone: for a change made
    /// elsewhere, such as another instance writing the shared remote layer (see CacheRedis's
    /// `RedisCache.propagateInvalidations(to:)`).
    ///
    /// A read of the key in flight will not store its result.
    ///
    /// - Complexity: One delete per in-process layer.
    public func invalidateLocalLayers(forKey key: Key) {
        flights.withLock { $0.running[key] = nil }
        for layer in layers {
            if case .local(let cache) = layer.store { cache.delete(key) }
        }
    }

    /// Empties every in-process layer, leaving remote layers alone.
    ///
    /// Reads in flight will not store their results.
    ///
    /// - Complexity: One clear per in-process layer.
    public func invalidateLocalLayers() {
        flights.withLock { $0.running = [:] }
        for layer in layers {
            if case .local(let cache) = layer.store { cache.clear() }
        }
    }
}
