#if Redis
import CacheCore
import NIOSSL

/// Where a ``RedisClient`` connects and how it behaves when the server is slow or gone.
///
///     var configuration = RedisConfiguration(host: "cache.internal", port: 6379)
///     configuration.password = secret
///     configuration.commandTimeout = .milliseconds(250)
///     let client = try RedisClient(configuration: configuration)
///
/// or from a URL: `try RedisConfiguration(url: "rediss://app:secret@cache.internal:6380/2")`.
///
/// For a Redis Cluster, set ``cluster`` (or give a URL with several hosts); ``host`` and ``port``
/// are then the first seed's, and every other setting applies to each node.
public struct RedisConfiguration: Sendable {
    /// The server's host name or IP address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The ACL user to authenticate as; `nil` for the `default` user (a plain `requirepass`).
    public var username: String?
    /// The password; `nil` to send no `AUTH`.
    public var password: String?
    /// The logical database every connection selects (`SELECT`); 0 is Redis's default.
    public var database: Int
    /// The reply protocol: ``RedisProtocolVersion/resp3`` (Redis 6 and later, via `HELLO 3`) or
    /// ``RedisProtocolVersion/resp2``.
    public var protocolVersion: RedisProtocolVersion
    /// TLS settings, or `nil` for plain TCP. `TLSConfiguration.makeClientConfiguration()` verifies
    /// the server's certificate against the system's roots.
    public var tls: TLSConfiguration?
    /// The name the server's certificate must carry, also sent as SNI; `nil` for ``host`` (an IP
    /// address is then not sent as SNI).
    public var tlsServerName: String?
    /// The most connections the client opens to the server at once (at least 1). Commands from
    /// many tasks share them: each connection pipelines every command sent to it.
    public var maximumConnections: Int
    /// How long opening a connection may take, TCP, TLS and the `HELLO`/`AUTH`/`SELECT`
    /// handshake together.
    public var connectTimeout: Duration
    /// How long a command may wait for its reply. A command that times out fails, and its
    /// connection is closed (a late reply could not be matched), which fails the other commands
    /// waiting on that connection.
    public var commandTimeout: Duration
    /// How long the client waits before trying again after a connection could not be opened.
    public var reconnectBackoff: RedisReconnectBackoff
    /// Cluster mode: the seed nodes and how commands are routed; `nil` (the default) for one
    /// server at ``host``:``port``.
    public var cluster: RedisClusterOptions?
    /// Whether each connection sends `READONLY` after its handshake: set for a cluster's replicas
    /// when reads go to them.
    var sendsReadOnly = false

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - host: The server's host name or IP address.
    ///   - port: The server's port.
    ///   - username: The ACL user; `nil` for `default`.
    ///   - password: The password; `nil` for none.
    ///   - database: The database to select.
    ///   - protocolVersion: RESP3 (the default) or RESP2.
    ///   - tls: TLS settings, or `nil` for plain TCP.
    ///   - maximumConnections: The most connections open at once.
    ///   - connectTimeout: The limit on opening a connection.
    ///   - commandTimeout: The limit on waiting for a reply.
    ///   - reconnectBackoff: The waits between failed connection attempts.
    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        protocolVersion: RedisProtocolVersion = .resp3,
        tls: TLSConfiguration? = nil,
        maximumConnections: Int = 4,
        connectTimeout: Duration = .seconds(5),
        commandTimeout: Duration = .seconds(2),
        reconnectBackoff: RedisReconnectBackoff = RedisReconnectBackoff()
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.protocolVersion = protocolVersion
        self.tls = tls
        self.tlsServerName = nil
        self.maximumConnections = maximumConnections
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.reconnectBackoff = reconnectBackoff
    }

    /// `host:port`, for messages.
    public var server: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Checks every field.
    ///
    /// - Throws: `CacheConfigurationError` naming the server, the field, the value and what is
    ///   allowed.
    public func validate() throws(CacheConfigurationError) {
        func check(
            _ valid: Bool,
            _ field: String,
            _ value: some CustomStringConvertible,
            _ allowed: String
        )
            throws(CacheConfigurationError)
        {
            guard !valid else { return }
            throw CacheConfigurationError(
                cacheName: "redis \(server)",
                field: field,
                value: value.description,
                allowed: allowed
            )
        }
        try check(!host.isEmpty, "host", "\"\"", "a host name or IP address")
        try check((1...65_535).contains(port), "port", port, "1 to 65535")
        try check(database >= 0, "database", database, "an integer ≥ 0")
        try check(maximumConnections >= 1, "maximumConnections", maximumConnections, "an integer ≥ 1")
        try check(connectTimeout > .zero, "connectTimeout", connectTimeout, "a positive duration")
        try check(commandTimeout > .zero, "commandTimeout", commandTimeout, "a positive duration")
        try check(password != nil || username == nil, "password", "nil", "a password whenever a username is given")
        try reconnectBackoff.validate(server: server)
        if let cluster {
            try check(!cluster.seeds.isEmpty, "cluster.seeds", "[]", "at least one seed node")
            for seed in cluster.seeds {
                try check(!seed.host.isEmpty, "cluster.seeds", seed, "seeds with a host name or IP address")
                try check((1...65_535).contains(seed.port), "cluster.seeds", seed, "seeds with ports 1 to 65535")
            }
            try check(database == 0, "database", database, "0 in cluster mode (a cluster has only database 0)")
            try check(
                cluster.topologyRefreshInterval > .zero,
                "cluster.topologyRefreshInterval",
                cluster.topologyRefreshInterval,
                "a positive duration"
            )
        }
    }

    /// This configuration for one node of a cluster: its host and port, its `READONLY`.
    func node(_ address: RedisServerAddress, readOnly: Bool = false) -> RedisConfiguration {
        var node = self
        node.host = address.host
        node.port = address.port
        node.sendsReadOnly = readOnly
        return node
    }
}

/// The reply protocol a ``RedisClient`` asks for.
public enum RedisProtocolVersion: Int, Hashable, Sendable {
    /// RESP2, the protocol of every Redis version; authentication by `AUTH`.
    case resp2 = 2
    /// RESP3 (Redis 6 and later): typed replies and out-of-band pushes; every connection starts
    /// with `HELLO 3`, which also authenticates.
    case resp3 = 3
}
#endif
