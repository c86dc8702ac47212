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
    /// On a Redis Cluster, where each node reports only writes to its own keys, the subscription
    /// holds such a connection on every master (and, with
    /// ``RedisClusterOptions/readsFromReplicas``, on every replica too: a replica reports a write
    /// when it applies it, so not before a read from it can see it), and follows the topology:
    /// each connection that closes sends ``RedisInvalidation/all`` and sends it again once
    /// tracking is back on its node, or on the replica promoted in its place; a node that joins
    /// (a master that received slots) is tracked, and sends ``RedisInvalidation/all`` once it is.
    /// See `Docs/REDIS.md`.
    ///
    /// - Parameter handler: Receives each invalidation, this instance's own writes included, on a
    ///   SwiftNIO event loop: keep it short.
    /// - Returns: The subscription; ``RedisSubscription/cancel()`` ends tracking.
    /// - Throws: ``RedisError`` when the server (on a cluster: the topology, or any node to
    ///   track) cannot be reached, or refuses `HELLO 3` or `CLIENT TRACKING` (Redis before 6).
    public func trackInvalidations(
        _ handler: @escaping @Sendable (RedisInvalidation<Key>) -> Void
    ) async throws -> RedisSubscription {
        let prefix = prefix
        let channel = "__redis__:invalidate"
        let setup = RedisSubscriptionSetup.trackKeys(withPrefix: prefix)
        let onFrame: @Sendable (RESPValue) -> Void = { [self] frame in
            guard frame.isInvalidationPush, let changed = frame.elements?.last else { return }
            guard let redisKeys = changed.elements else {
                handler(.all)
                return
            }
            let keys = redisKeys.compactMap { $0.string.flatMap(key(ofRedisKey:)) }
            if !keys.isEmpty { handler(.keys(keys)) }
        }
        let subscription: RedisSubscription
        if let router = client.cluster {
            let tracking = try await RedisClusterTracking.start(
                client: client,
                router: router,
                setup: setup,
                onFrame: onFrame,
                onGap: { handler(.all) }
            )
            subscription = RedisSubscription(channel: channel, tracking: tracking)
        } else {
            subscription = try await RedisSubscription.start(
                channel: channel,
                client: client,
                setup: setup,
                onFrame: onFrame,
                onConnectionLost: { handler(.all) },
                onResubscribe: { handler(.all) }
            )
        }
        handler(.all)
        return subscription
    }
}
#endif
