import CacheCore
import Synchronization

/// A cache in layers, fastest first, with a loader at the bottom: an in-process `Cache` over a
/// remote store such as Redis, over the database.
///
///     let users = LayeredCache<String, User>(
///         name: "users",
///         layers: [
///             .local(Cache(name: "users.l1", maxSize: 10_000), ttl: .seconds(30)),
///             .remote(redisUsers, ttl: .minutes(10)),
///         ],
///         load: { id in try await database.user(id) }
///     )
///     let alice = try await users.get("alice")
///
/// - **Reads** go down the layers until one has the key, then write the value back into every
///   faster layer (backfill), each with its own TTL. When no layer has it, the loader runs and
///   its value is written into every layer. Concurrent reads of one missing key share one pass
///   down the remote layers and one loader run (single flight); in-process layers above the
///   first remote one are read directly.
/// - **Writes** (``set(_:_:)``), ``delete(_:)`` and ``clear()`` go through every layer, slowest
///   first, so that a concurrent read does not copy the old value back up. A write or delete
///   during a load keeps the load from storing its result.
/// - **A failing layer** is skipped: a read treats it as a miss and goes on, so it still
///   succeeds from the other layers or the loader; a write, delete or clear still reaches the
///   others and then throws ``LayeredCacheError`` listing the failures. Every failure is
///   reported to the listeners as ``LayeredCacheEvent/layerFailed(_:)``.
///
/// Backfilled values get the faster layer's TTL from the moment of the backfill, so keep faster
/// layers' TTLs no longer than slower ones'.
public final class LayeredCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The layered cache's name.
    public let name: String
    /// The layers, fastest first.
    public let layers: [CacheLayer<Key, Value>]

    let load: (@Sendable (Key) async throws -> Value?)?
    /// How many in-process layers come before the first remote one.
    let leadingLocalLayers: Int
    let flights: Mutex<Flights>
    let listeners: Mutex<Listeners>

    /// The reads that are going down the slower layers, and the writes going through the layers,
    /// by key.
    struct Flights {
        var running: [Key: (id: Int, task: Task<Value?, any Error>)] = [:]
        /// A write leaves the in-process layers alone once a later write, delete, clear or
        /// invalidation of its key has taken its entry away.
        var writing: [Key: Int] = [:]
        var nextID = 0
    }

    /// The registered listeners, in the order they were added.
    struct Listeners {
        var entries: [(id: CacheListenerID, listener: @Sendable (LayeredCacheEvent<Key>) -> Void)] = []
        var nextID = 0
    }

    /// Creates a layered cache.
    ///
    /// - Parameters:
    ///   - name: A name for messages.
    ///   - layers: The layers, fastest first.
    ///   - load: Makes the value of a key no layer has; `nil` when it has none (nothing is
    ///     stored then). Without a loader a read that misses every layer returns `nil`.
    /// - Precondition: There is at least one layer or a loader.
    /// - Complexity: O(*k*) for *k* layers.
    public init(
        name: String = "LayeredCache",
        layers: [CacheLayer<Key, Value>],
        load: (@Sendable (Key) async throws -> Value?)? = nil
    ) {
        precondition(!layers.isEmpty || load != nil, "LayeredCache '\(name)': give at least one layer or a loader")
        self.name = name
        self.layers = layers
        self.load = load
        self.leadingLocalLayers = layers.firstIndex(where: \.isRemote) ?? layers.count
        self.flights = Mutex(Flights())
        self.listeners = Mutex(Listeners())
    }

    /// Registers a listener for hits, misses, loads and layer failures.
    ///
    /// Listeners run on the task of the operation, after the event, with no lock held.
    ///
    /// - Returns: An identifier for ``removeListener(_:)``.
    /// - Complexity: O(1).
    @discardableResult
    public func addListener(_ listener: @escaping @Sendable (LayeredCacheEvent<Key>) -> Void) -> CacheListenerID {
        listeners.withAnnotatedLock { listeners in
            let id = CacheListenerID(rawValue: listeners.nextID)
            listeners.nextID += 1
            listeners.entries.append((id, listener))
            return id
        }
    }

    /// Unregisters a listener.
    ///
    /// - Returns: `false` when no listener had this identifier.
    /// - Complexity: O(*l*) for *l* registered listeners.
    @discardableResult
    public func removeListener(_ id: CacheListenerID) -> Bool {
        listeners.withAnnotatedLock { listeners in
            guard let index = listeners.entries.firstIndex(where: { $0.id == id }) else { return false }
            listeners.entries.remove(at: index)
            return true
        }
    }

    func emit(_ event: LayeredCacheEvent<Key>) {
        let current = listeners.withAnnotatedLock { $0.entries }
        for entry in current { entry.listener(event) }
    }

    func failure(
        _ index: Int,
        _ operation: LayerFailure<Key>.Operation,
        _ key: Key?,
        _ error: any Error
    )
        -> LayerFailure<Key>
    {
        let failure = LayerFailure(
            layerIndex: index,
            layerName: layers[index].name,
            operation: operation,
            key: key,
            error: error
        )
        emit(.layerFailed(failure))
        return failure
    }
}
