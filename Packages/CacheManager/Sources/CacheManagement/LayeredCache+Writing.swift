import CacheCore
import Synchronization

extension LayeredCache {
    /// Stores `value` for `key` in every layer, slowest first, each with its TTL.
    ///
    /// A read of the key in flight will not store its result. When a later write, delete or clear
    /// of the key, or an ``invalidateLocalLayers(forKey:)``, comes while this write is under way,
    /// this write leaves the in-process layers it has not reached yet alone (so they never keep a
    /// value older than the remote one).
    ///
    /// - Throws: ``LayeredCacheError`` listing the layers that failed; the others hold the value.
    /// - Complexity: One write per layer.
    public func set(_ key: Key, _ value: Value) async throws(LayeredCacheError<Key>) {
        let write = flights.withAnnotatedLock { flights in
            flights.running[key] = nil
            let id = flights.nextID
            flights.nextID += 1
            flights.writing[key] = id
            return id
        }
        defer {
            flights.withAnnotatedLock { flights in
                if flights.writing[key] == write { flights.writing[key] = nil }
            }
        }
        try await throughEveryLayer(.set, key) { layer in
            if !layer.isRemote, flights.withAnnotatedLock({ $0.writing[key] != write }) { return }
            try await layer.set(key, value)
        }
    }

    /// Removes `key` from every layer, slowest first.
    ///
    /// A read or write of the key in flight will not store its value in the in-process layers.
    ///
    /// - Throws: ``LayeredCacheError`` listing the layers that failed; the others no longer hold
    ///   the key.
    /// - Complexity: One delete per layer.
    public func delete(_ key: Key) async throws(LayeredCacheError<Key>) {
        overtakeFlight(of: key)
        try await throughEveryLayer(.delete, key) { layer in try await layer.delete(key) }
    }

    /// Removes every entry of every layer, slowest first.
    ///
    /// Reads in flight will not store their results.
    ///
    /// - Throws: ``LayeredCacheError`` listing the layers that failed; the others are empty.
    /// - Complexity: One clear per layer.
    public func clear() async throws(LayeredCacheError<Key>) {
        flights.withAnnotatedLock { flights in
            flights.running = [:]
            flights.writing = [:]
        }
        try await throughEveryLayer(.clear, nil) { layer in try await layer.clear() }
    }

    private func overtakeFlight(of key: Key) {
        flights.withAnnotatedLock { flights in
            flights.running[key] = nil
            flights.writing[key] = nil
        }
    }

    private func throughEveryLayer(
        _ operation: LayerFailure<Key>.Operation,
        _ key: Key?,
        _ body: (CacheLayer<Key, Value>) async throws -> Void
    ) async throws(LayeredCacheError<Key>) {
        var failures: [LayerFailure<Key>] = []
        for index in layers.indices.reversed() {
            do {
                try await body(layers[index])
            } catch {
                failures.append(failure(index, operation, key, error))
            }
        }
        guard failures.isEmpty else { throw LayeredCacheError(failures: failures.reversed()) }
    }
}
