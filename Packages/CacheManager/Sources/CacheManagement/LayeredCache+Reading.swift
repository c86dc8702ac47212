import CacheCore
import Synchronization

extension LayeredCache {
    /// The value of `key` from the fastest layer that has it, or from the loader; `nil` when no
    /// layer has it and there is no loader or the loader has no value.
    ///
    /// A value found in a slower layer is written back into the faster ones; a loaded value into
    /// every layer. Failing layers are skipped and reported to the listeners.
    ///
    /// - Throws: Only what the loader throws (every concurrent reader of the key gets it).
    /// - Complexity: One lookup per layer down to the first that has the key, plus one write
    ///   per faster layer.
    public func get(_ key: Key) async throws -> Value? {
        for index in 0..<leadingLocalLayers {
            guard case .local(let cache) = layers[index].store, let value = cache.get(key) else { continue }
            emit(.hit(key: key, layerIndex: index))
            await store(value, for: key, into: 0..<index, flight: nil)
            return value
        }
        if leadingLocalLayers == layers.count && load == nil {
            emit(.miss(key: key))
            return nil
        }
        let task = flights.withAnnotatedLock { flights in
            if let running = flights.running[key] { return running.task }
            let id = flights.nextID
            flights.nextID += 1
            let task = Task { try await self.readBelow(key, flight: id) }
            flights.running[key] = (id, task)
            return task
        }
        return try await task.value
    }

    /// One flight: reads the layers from the first remote one down, then loads.
    private func readBelow(_ key: Key, flight id: Int) async throws -> Value? {
        defer { land(key, flight: id) }
        for index in leadingLocalLayers..<layers.count {
            let value: Value?
            do {
                value = try await layers[index].get(key)
            } catch {
                _ = failure(index, .get, key, error)
                continue
            }
            if let value {
                emit(.hit(key: key, layerIndex: index))
                await store(value, for: key, into: 0..<index, flight: id)
                return value
            }
        }
        emit(.miss(key: key))
        guard let load, let value = try await load(key) else { return nil }
        emit(.loaded(key: key))
        await store(value, for: key, into: layers.indices, flight: id)
        return value
    }

    /// Writes a value found below or loaded into `range`, slowest first, unless a write, delete
    /// or clear of the key has overtaken the flight.
    private func store(_ value: Value, for key: Key, into range: Range<Int>, flight id: Int?) async {
        for index in range.reversed() {
            if let id, flights.withAnnotatedLock({ $0.running[key]?.id != id }) { return }
            do {
                try await layers[index].set(key, value)
            } catch {
                _ = failure(index, .backfill, key, error)
            }
        }
    }

    private func land(_ key: Key, flight id: Int) {
        flights.withAnnotatedLock { flights in
            if flights.running[key]?.id == id { flights.running[key] = nil }
        }
    }
}
