#if Redis
import CacheCore

extension RedisCache {
    /// Asks Redis to report every change of a key under the namespace, whoever makes it: the
    /// ``RedisInvalidationMode/clientTracking`` mode of ``propagateInvalidations(to:mode:)``.
    ///
    /// The returned subscription holds a RESP3 connection of its own (whatever the client's
    /// ``RedisConfiguration/protocolVersion``) with `CLIENT TRACKING on BCAST PREFIX
    /// <namespace>:`, and turns each `invalidate` push into ``RedisInvalidation/keys(_:)``, and
    /// a null one (`FLUSHDB`, `FLUSHALL`) into ``RedisInvalidation/all``. When the connection is
    /// lost, `handler` gets ``RedisInvalidation/all`` at once (changes made meanwhile are not
    /// reported); it reconnects with the client's backoff, tracks again and sends
    /// ``RedisInvalidation/all`` once more, since a change may have slipped in before tracking was
    /// back. It also sends ``RedisInvalidation/all`` once tracking has started, for whatever was
    /// cached before.
    ///
    /// - Parameter handler: Receives each invalidation, this instance's own writes included, on a
    ///   SwiftNIO event loop: keep it short.
    /// - Returns: The subscription; ``RedisSubscription/cancel()`` ends tracking.
    /// - Throws: `CacheConfigurationError` when the client is in cluster mode (each master only
    ///   reports its own slots' keys; not supported), ``RedisError`` when the server cannot be
    ///   reached or refuses `HELLO 3` or `CLIENT TRACKING` (Redis before 6).
    public func trackInvalidations(
        _ handler: @escaping @Sendable (RedisInvalidation<Key>) -> Void
    ) async throws -> RedisSubscription {
        guard !client.isCluster else {
            throw CacheConfigurationError(
                cacheName: "RedisCache '\(namespace)'",
                field: "mode",
                value: "clientTracking",
                allowed: "publishSubscribe on a Redis Cluster (client tracking needs a single server)"
            )
        }
        let prefix = prefix
        let subscription = try await RedisSubscription.start(
            channel: "__redis__:invalidate",
            client: client,
            setup: .trackKeys(withPrefix: prefix),
            onFrame: { [self] frame in
                guard frame.isInvalidationPush, let changed = frame.elements?.last else { return }
                guard let redisKeys = changed.elements else {
                    handler(.all)
                    return
                }
                let keys = redisKeys.compactMap { $0.string.flatMap(key(ofRedisKey:)) }
                if !keys.isEmpty { handler(.keys(keys)) }
            },
            onConnectionLost: { handler(.all) },
            onResubscribe: { handler(.all) }
        )
        handler(.all)
        return subscription
    }
}
#endif
