#if Redis
import CacheCore
import CacheManagement
import NIOCore

extension RedisCache {
    /// Keeps the in-process layers of `layered` from serving values that changed in Redis:
    /// each change removes the keys from `layered`'s local layers
    /// (`LayeredCache.invalidateLocalLayers(forKey:)`), and a clear, or a reconnection (changes
    /// may have been missed), empties them.
    ///
    ///     let users = LayeredCache<String, User>(
    ///         layers: [.local(Cache(maxSize: 10_000), ttl: .seconds(30)), .remote(redisUsers)],
    ///         load: { id in try await database.user(id) })
    ///     let invalidations = try await redisUsers.propagateInvalidations(to: users)
    ///     // … on shutdown:
    ///     await invalidations.cancel()
    ///
    /// With ``RedisInvalidationMode/publishSubscribe`` (the default), the changes are those
    /// other ``RedisCache`` instances of this namespace publish (see
    /// ``subscribeToInvalidations(_:)``); each instance skips its own messages, since its
    /// `LayeredCache` already wrote its local layers. With
    /// ``RedisInvalidationMode/clientTracking``, Redis reports every change of a key under the
    /// namespace, whoever made it (see ``trackInvalidations(_:)``). Either way invalidation is
    /// asynchronous: until it arrives, a reader may see the old value.
    ///
    /// - Parameters:
    ///   - layered: The cache whose in-process layers to keep fresh.
    ///   - mode: Where the changes come from.
    /// - Returns: The subscription, on a connection of its own; it holds `layered` until
    ///   cancelled.
    /// - Throws: ``RedisError`` when subscribing fails (for
    ///   ``RedisInvalidationMode/clientTracking`` on a cluster: on any node to track).
    public func propagateInvalidations(
        to layered: LayeredCache<Key, Value>,
        mode: RedisInvalidationMode = .publishSubscribe
    ) async throws -> RedisSubscription {
        let handler: @Sendable (RedisInvalidation<Key>) -> Void = { invalidation in
            switch invalidation {
            case .keys(let keys):
                for key in keys { layered.invalidateLocalLayers(forKey: key) }
            case .all:
                layered.invalidateLocalLayers()
            }
        }
        switch mode {
        case .publishSubscribe: return try await subscribeToInvalidations(handler)
        case .clientTracking: return try await trackInvalidations(handler)
        }
    }

    /// Subscribes to the writes and deletes other instances of this namespace announce.
    ///
    /// - Parameter handler: Receives each invalidation (not this instance's own), on a SwiftNIO
    ///   event loop: keep it short. ``RedisInvalidation/all`` comes for a clear, for an unreadable
    ///   message, and after the subscription reconnects.
    /// - Returns: The subscription, on a connection of its own.
    /// - Throws: ``RedisError`` when subscribing fails.
    /// - Precondition: The cache publishes invalidations.
    public func subscribeToInvalidations(
        _ handler: @escaping @Sendable (RedisInvalidation<Key>) -> Void
    ) async throws -> RedisSubscription {
        guard let channel = invalidationChannel else {
            preconditionFailure("RedisCache '\(namespace)': made with publishesInvalidations: false")
        }
        let instanceID = instanceID
        let keyCoding = keyCoding
        return try await client.subscribe(
            to: channel,
            onMessage: { payload in
                guard let message = RedisInvalidationMessage(payload: payload) else {
                    handler(.all)
                    return
                }
                guard message.sender != instanceID else { return }
                guard let texts = message.keys else {
                    handler(.all)
                    return
                }
                let keys = texts.compactMap(keyCoding.parse)
                if !keys.isEmpty { handler(.keys(keys)) }
            },
            onResubscribe: { handler(.all) }
        )
    }

    /// `PUBLISH` of the keys' texts (`nil`: everything), or `nil` when the cache does not publish.
    func publishCommand(_ renderedKeys: [String]?) -> RedisCommand? {
        guard let invalidationChannel else { return nil }
        let message = RedisInvalidationMessage(sender: instanceID, keys: renderedKeys)
        return RedisCommand("PUBLISH", arguments: [ByteBuffer(string: invalidationChannel), message.payload])
    }
}
#endif
