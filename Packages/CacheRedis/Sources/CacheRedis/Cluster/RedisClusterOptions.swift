#if Redis
/// How a ``RedisClient`` talks to a Redis Cluster: where to learn the topology, and whether reads
/// may go to replicas. Set it as ``RedisConfiguration/cluster``, or give a URL with several hosts
/// (`redis://10.0.0.1:7000,10.0.0.2:7000`).
///
///     var configuration = RedisConfiguration()
///     configuration.cluster = RedisClusterOptions(seeds: [
///         RedisServerAddress(host: "10.0.0.1", port: 7000),
///         RedisServerAddress(host: "10.0.0.2", port: 7000),
///     ])
///
/// The seeds only need to include one node that answers: the client asks it for the whole
/// topology (`CLUSTER SHARDS`, or `CLUSTER SLOTS` before Redis 7).
public struct RedisClusterOptions: Sendable, Hashable {
    /// Nodes to ask for the topology, tried in order until one answers.
    public var seeds: [RedisServerAddress]
    /// Whether read commands (`GET`, `MGET`, `EXISTS`, `PTTL`, …) go to a replica of the key's
    /// shard (after `READONLY`) rather than to its master. Replication is asynchronous: a read
    /// from a replica may miss a write its master acknowledged a moment before.
    public var readsFromReplicas: Bool
    /// How often the client asks for the topology when nothing prompted it; errors (`MOVED`, a
    /// node that does not answer, `CLUSTERDOWN`) prompt a refresh at once.
    public var topologyRefreshInterval: Duration

    /// Creates cluster options.
    ///
    /// - Parameters:
    ///   - seeds: Nodes to learn the topology from; at least one.
    ///   - readsFromReplicas: Whether reads go to replicas.
    ///   - topologyRefreshInterval: The period of unprompted topology refreshes.
    public init(
        seeds: [RedisServerAddress],
        readsFromReplicas: Bool = false,
        topologyRefreshInterval: Duration = .seconds(30)
    ) {
        self.seeds = seeds
        self.readsFromReplicas = readsFromReplicas
        self.topologyRefreshInterval = topologyRefreshInterval
    }
}
#endif
