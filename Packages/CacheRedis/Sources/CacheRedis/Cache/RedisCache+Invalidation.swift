#if Redis
import CacheCore
import CacheManagement
import NIOCore

extension RedisCache {
    /// Keeps the in-process layers of `layered` from serving values that another instance
    /// changed: every write or delete another ``RedisCache`` of this namespace publishes removes
    /// the keys from `layered`'s local layers (`LayeredCache.invalidateLocalLayers(forKey:)`),
    /// and a clear, or a reconnection of the subscription (messages may have been missed), empties
    /// them.
    ///
    ///     let users = LayeredCache<String, User>(
    ///         layers: [.local(Cache(maxSize: 10_000), ttl: .seconds(30)), .remote(redisUsers)],
    ///         load: { id in try await database.user(id) })
    ///     let invalidations = try await redisUsers.propagateInvalidations(to: users)
    ///     // … on shutdown:
    ///     await invalidations.cancel()
    ///
    /// Instances converge within a pub/sub delivery (typically well under a millisecond on one
    /// network); until then a reader on another instance may see the old value. Each instance
    /// skips its own messages: its `LayeredCache` already wrote its local layers.
    ///
    /// - Returns: The subscription, on a connection of its own; it holds `layered` until
    ///   cancelled.
    /// - Throws: ``RedisError`` when subscribing fails.
    public func propagateInvalidations(to layered: LayeredCache<Key, Value>) async throws -> RedisSubscription {
        try await subscribeToInvalidations { invalidation in
            switch invalidation {
            case .keys(let keys):
                for key in keys { layered.invalidateLocalLayers(forKey: key) }
            case .all:
                layered.invalidateLocalLayers()
            }
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
