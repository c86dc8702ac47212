#if Redis
/// How ``RedisCache/propagateInvalidations(to:mode:)`` learns that a key changed.
public enum RedisInvalidationMode: Sendable, Hashable {
    /// Messages on the namespace's pub/sub channel, ``RedisCache/invalidationChannel``: each
    /// ``RedisCache`` announces its own writes, deletes and clears, and skips its own messages.
    /// Writes made without this library go unnoticed. Works on a single server and on a cluster.
    case publishSubscribe
    /// Redis's client tracking in broadcast mode (`CLIENT TRACKING on BCAST PREFIX
    /// <namespace>:`, Redis 6 or later): the server reports every change of a key under the
    /// namespace, whoever made it (another language, `redis-cli`, an expiry, an eviction,
    /// `FLUSHDB`). Invalidations arrive as RESP3 pushes on a connection of their own; this
    /// instance's own writes are reported too and drop its own copies. On a Redis Cluster, each
    /// node reports its own keys: a tracking connection is kept on every master (and replica,
    /// with replica reads), following failovers and new masters.
    case clientTracking
}
#endif
