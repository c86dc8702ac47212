import CacheCore
import Synchronization

extension LayeredCache {
    /// Removes `key` from every in-process layer, leaving remote layers alone: for a change made
    /// elsewhere, such as another instance writing the shared remote layer (see CacheRedis's
    /// `RedisCache.propagateInvalidations(to:mode:)`).
    ///
    /// A read of the key in flight will not store its result, and a write in flight will not
    /// store its value in the in-process layers it has not reached yet.
    ///
    /// - Complexity: One delete per in-process layer.
    public func invalidateLocalLayers(forKey key: Key) {
        flights.withAnnotatedLock { flights in
            flights.running[key] = nil
            flights.writing[key] = nil
        }
        for layer in layers {
            if case .local(let cache) = layer.store { cache.delete(key) }
        }
    }

    /// Empties every in-process layer, leaving remote layers alone.
    ///
    /// Reads and writes in flight will not store their values in the in-process layers.
    ///
    /// - Complexity: One clear per in-process layer.
    public func invalidateLocalLayers() {
        flights.withAnnotatedLock { flights in
            flights.running = [:]
            flights.writing = [:]
        }
        for layer in layers {
            if case .local(let cache) = layer.store { cache.clear() }
        }
    }
}
