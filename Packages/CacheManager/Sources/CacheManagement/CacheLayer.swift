import CacheCore

/// One layer of a ``LayeredCache``: an in-process cache or a remote store, with the TTL of the
/// values the layered cache writes into it.
///
///     .local(Cache<String, User>(name: "users.l1", maxSize: 1_000), ttl: .seconds(30))
///     .remote(redisUsers, ttl: .minutes(10))
public struct CacheLayer<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The layer's name in events and errors.
    public let name: String
    /// The TTL of values written into this layer: `nil` for the store's own default,
    /// ``/CacheCore/TimeToLive/never`` for none.
    public let ttl: TimeToLive?

    let store: Store

    /// Where a layer keeps its values.
    enum Store: Sendable {
        case local(any CacheProtocol<Key, Value>)
        case remote(any AsyncCacheProtocol<Key, Value>)
    }

    /// An in-process layer: reads and writes never suspend and never fail.
    ///
    /// - Parameters:
    ///   - cache: The cache, such as a `Cache`.
    ///   - name: The layer's name; defaults to the cache's name when it is a managed cache, else
    ///     `"local"`.
    ///   - ttl: The TTL of values written into the layer; `nil` for the cache's default.
    /// - Complexity: O(1).
    public static func local(
        _ cache: some CacheProtocol<Key, Value>,
        name: String? = nil,
        ttl: TimeToLive? = nil
    ) -> CacheLayer {
        CacheLayer(name: name ?? (cache as? any ManagedCache)?.name ?? "local", ttl: ttl, store: .local(cache))
    }

    /// A remote layer, such as Redis: its operations may suspend and fail.
    ///
    /// - Parameters:
    ///   - store: The store.
    ///   - name: The layer's name; defaults to `"remote"`.
    ///   - ttl: The TTL of values written into the layer; `nil` for the store's default.
    /// - Complexity: O(1).
    public static func remote(
        _ store: some AsyncCacheProtocol<Key, Value>,
        name: String = "remote",
        ttl: TimeToLive? = nil
    ) -> CacheLayer {
        CacheLayer(name: name, ttl: ttl, store: .remote(store))
    }

    /// Whether the layer is remote.
    public var isRemote: Bool {
        if case .remote = store { return true }
        return false
    }

    func get(_ key: Key) async throws -> Value? {
        switch store {
        case .local(let cache): cache.get(key)
        case .remote(let store): try await store.get(key)
        }
    }

    func set(_ key: Key, _ value: Value) async throws {
        switch store {
        case .local(let cache):
            // A value this layer refuses (it costs more than the layer's limit) must not leave the
            // key's older value here, where a later read would find it before the layers below.
            if !cache.set(key, value, ttl: ttl) { cache.delete(key) }
        case .remote(let store): try await store.set(key, value, ttl: ttl)
        }
    }

    func delete(_ key: Key) async throws {
        switch store {
        case .local(let cache): cache.delete(key)
        case .remote(let store): try await store.delete(key)
        }
    }

    func clear() async throws {
        switch store {
        case .local(let cache): cache.clear()
        case .remote(let store): try await store.clear()
        }
    }
}
