#if Redis
import CacheCore
import NIOCore

/// A pub/sub subscription to one channel, from ``RedisClient/subscribe(to:onMessage:onResubscribe:)``,
/// or the connections that receive a ``RedisCache``'s client-tracking invalidations, from
/// ``RedisCache/trackInvalidations(_:)``.
///
/// It holds a connection of its own: for client tracking on a Redis Cluster, one on every node
/// that serves the cache's reads (each node reports only its own keys). When a connection closes
/// (the server restarted, the network failed), the subscription reconnects with the client's
/// backoff, subscribes again and then runs `onResubscribe`, since messages published meanwhile
/// were lost. ``cancel()`` ends it.
public final class RedisSubscription: Sendable {
    /// The channel; `__redis__:invalidate` for client tracking.
    public let channel: String
    private let source: Source

    /// Where the messages come from.
    private enum Source: Sendable {
        /// One connection: pub/sub, or client tracking on a single server.
        case connection(RedisSubscriptionConnection)
        /// A tracking connection on every master (and replica, with replica reads) of a cluster.
        case cluster(RedisClusterTracking)
    }

    private init(channel: String, source: Source) {
        self.channel = channel
        self.source = source
    }

    /// Opens the subscription's connection, sends `setup`'s commands on it, and keeps it open.
    ///
    /// - Parameters:
    ///   - onFrame: Receives each pub/sub message or invalidation push, on the event loop.
    ///   - onConnectionLost: Runs as soon as the connection is found closed, before reconnecting.
    ///   - onResubscribe: Runs once the connection is back and `setup` was sent again.
    static func start(
        channel: String,
        client: RedisClient,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onConnectionLost: @escaping @Sendable () -> Void = {},
        onResubscribe: @escaping @Sendable () -> Void
    ) async throws(RedisError) -> RedisSubscription {
        let connection = try await RedisSubscriptionConnection.connect(
            to: .anyNode,
            client: client,
            setup: setup,
            onFrame: onFrame,
            onConnectionLost: onConnectionLost,
            onResubscribe: onResubscribe
        )
        return RedisSubscription(channel: channel, source: .connection(connection))
    }

    /// The subscription of a cluster's client tracking, started.
    init(channel: String, tracking: RedisClusterTracking) {
        self.channel = channel
        self.source = .cluster(tracking)
    }

    /// How many times the subscription came back after losing its connection. For client
    /// tracking on a cluster: how many times tracking was enabled on a node after the start,
    /// whether its connection came back or the node is new to the topology (a replica promoted
    /// in a failover, a master that received slots).
    public var resubscriptions: Int {
        switch source {
        case .connection(let connection): connection.resubscriptions
        case .cluster(let tracking): tracking.resubscriptions
        }
    }

    /// Whether the subscription's connection is open now; on a cluster, whether every node that
    /// the topology, as last fetched, says should be tracked has its tracking connection open.
    public var isConnected: Bool {
        switch source {
        case .connection(let connection): connection.isConnected
        case .cluster(let tracking): tracking.isConnected
        }
    }

    /// The nodes with a tracking connection (open or reopening), for client tracking on a
    /// cluster; empty otherwise.
    var trackedNodes: [RedisServerAddress] {
        switch source {
        case .connection: []
        case .cluster(let tracking): tracking.trackedNodes
        }
    }

    /// Unsubscribes and closes the subscription's connections; no handler runs after it returns.
    public func cancel() async {
        switch source {
        case .connection(let connection): await connection.cancel()
        case .cluster(let tracking): await tracking.cancel()
        }
    }
}
#endif
