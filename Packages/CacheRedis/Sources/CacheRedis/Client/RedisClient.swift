#if Redis
import CacheCore
import NIOCore
import NIOPosix
import NIOSSL

/// A Redis client on SwiftNIO, with what a cache needs: RESP2 or RESP3, a bounded pool of
/// pipelined connections, a timeout on connecting and on every command, reconnection with
/// backoff, `AUTH` (password or ACL user), `SELECT`, TLS, and pub/sub.
///
///     let redis = try RedisClient(configuration: RedisConfiguration(host: "127.0.0.1", port: 6379))
///     _ = try await redis.send(RedisCommand("SET", "greeting", "hello"))
///     let greeting = try await redis.send(RedisCommand("GET", "greeting")).string   // "hello"
///     await redis.close()
///
/// Connections open on first use, up to ``RedisConfiguration/maximumConnections``; commands from
/// any number of tasks share them. Every failure is a ``RedisError``. Cancelling a task does not
/// take back a command it sent: the command ends with its reply or its timeout. Close the client
/// when done: its connections stay open until then.
///
/// With ``RedisConfiguration/cluster`` set, the client speaks to a Redis Cluster: it learns the
/// topology from the seeds, sends each command to the node serving its key's hash slot (the
/// first argument's; see `Docs/REDIS.md`) through a pool per node, follows `MOVED` and `ASK`,
/// and retries through failovers within the command timeout. A pipeline is split by node and
/// its replies come back in the commands' order; the keys of one multi-key command (`MGET`,
/// `UNLINK`) must share a slot (``RedisCache`` splits its own).
public final class RedisClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: RedisConfiguration
    let pool: RedisConnectionPool
    /// The cluster's router in cluster mode, else `nil`.
    let cluster: RedisClusterRouter?
    let group: any EventLoopGroup
    let sslContext: NIOSSLContext?

    /// Creates a client; it connects on first use.
    ///
    /// - Parameters:
    ///   - configuration: Where to connect and how.
    ///   - eventLoopGroup: The event loops of the connections; SwiftNIO's shared group by default.
    /// - Throws: `CacheConfigurationError` for an invalid configuration or TLS settings that
    ///   cannot be loaded.
    public init(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws(CacheConfigurationError) {
        try configuration.validate()
        do {
            sslContext = try configuration.tls.map { try NIOSSLContext(configuration: $0) }
        } catch {
            throw CacheConfigurationError(
                cacheName: "redis \(configuration.server)",
                field: "tls",
                value: "\(error)",
                allowed: "TLS settings whose certificates and keys load"
            )
        }
        self.configuration = configuration
        self.group = eventLoopGroup
        self.pool = RedisConnectionPool(configuration: configuration, sslContext: sslContext, group: eventLoopGroup)
        let sslContext = sslContext
        self.cluster = configuration.cluster.map { options in
            RedisClusterRouter(
                configuration: configuration,
                options: options,
                sslContext: sslContext,
                group: eventLoopGroup
            )
        }
    }

    /// Sends a command and returns its reply.
    ///
    /// - Throws: ``RedisError``; an error reply is ``RedisError/Kind/serverError`` (or
    ///   ``RedisError/Kind/authenticationFailed``).
    /// - Complexity: One round trip, plus a connect when no connection is open.
    public func send(_ command: RedisCommand) async throws(RedisError) -> RESPValue {
        if let cluster { return try await cluster.send(command) }
        return try await pool.connection().send(command)
    }

    /// Sends the commands on one connection in one write, and returns their replies in order:
    /// one round trip for all of them.
    ///
    /// The commands are not a transaction: other clients' commands may run between them.
    ///
    /// - Throws: The first command's ``RedisError``, once every reply has come.
    /// - Complexity: One round trip.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        if let cluster { return try await cluster.pipeline(commands) }
        return try await pool.connection().pipeline(commands)
    }

    /// Subscribes to a pub/sub channel on a connection of its own, which is reopened (with the
    /// configured backoff) whenever it closes. In a cluster the connection goes to any node, and
    /// to the next known node when that one fails.
    ///
    /// - Parameters:
    ///   - channel: The channel.
    ///   - onMessage: Receives each message's payload, on the connection's event loop: keep it
    ///     short and do not block.
    ///   - onResubscribe: Runs each time the subscription is back after its connection was lost;
    ///     messages sent meanwhile were missed.
    /// - Returns: The subscription, active; ``RedisSubscription/cancel()`` ends it.
    /// - Throws: ``RedisError`` when the first subscription fails (in a cluster: on every known
    ///   node).
    public func subscribe(
        to channel: String,
        onMessage: @escaping @Sendable (ByteBuffer) -> Void,
        onResubscribe: @escaping @Sendable () -> Void = {}
    ) async throws(RedisError) -> RedisSubscription {
        try await RedisSubscription.start(
            channel: channel,
            client: self,
            setup: .subscribe(to: channel),
            onFrame: { frame in
                guard let elements = frame.elements, elements.count == 3, elements[1].string == channel,
                    let payload = elements[2].bytes
                else { return }
                onMessage(payload)
            },
            onResubscribe: onResubscribe
        )
    }

    /// The number of pooled connections open now, on every node of a cluster (subscriptions not
    /// counted).
    public var openConnections: Int { cluster?.openConnections ?? pool.openConnections }

    /// The number of commands sent on the pooled connections and not yet answered (or timed
    /// out), on every node of a cluster; a graceful shutdown waits for it to reach zero before
    /// ``close()``.
    public var commandsInFlight: Int { cluster?.commandsInFlight ?? pool.commandsInFlight }

    /// Whether the client talks to a Redis Cluster (``RedisConfiguration/cluster`` is set).
    public var isCluster: Bool { cluster != nil }

    /// The pools a command every master must run goes through: the masters' in a cluster, else
    /// the one server's.
    func masterPools() async throws(RedisError) -> [RedisConnectionPool] {
        guard let cluster else { return [pool] }
        return try await cluster.masterPools()
    }

    /// The configuration of the server a subscription connects to: in a cluster, the known
    /// nodes in turn (a cluster forwards every `PUBLISH` to every node), `attempt` choosing which.
    func subscriptionConfiguration(attempt: Int) -> RedisConfiguration {
        cluster?.subscriptionConfiguration(attempt: attempt) ?? configuration
    }

    /// How many servers a new subscription tries before it fails: every known node of a
    /// cluster, else the one server.
    var subscriptionServerCount: Int { cluster?.subscriptionCandidates.count ?? 1 }

    /// Closes every pooled connection. Commands waiting fail; later ones fail with
    /// ``RedisError/Kind/clientClosed``. Subscriptions are ended by their own `cancel()`.
    public func close() async {
        await cluster?.close()
        await pool.close()
    }
}
#endif
