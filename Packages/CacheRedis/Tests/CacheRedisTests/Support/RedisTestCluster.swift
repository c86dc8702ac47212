#if Redis
import CacheRedis
import Foundation
import Testing

extension RedisTestEnvironment {
    /// `CACHE_REDIS_CLUSTER_URL`: the seeds of a Redis Cluster without a password, e.g.
    /// `redis://127.0.0.1:7000,127.0.0.1:7001` (.ci/run starts one with Scripts/redis-cluster.sh).
    static let clusterURL = ProcessInfo.processInfo.environment["CACHE_REDIS_CLUSTER_URL"]
    static let hasCluster = clusterURL != nil
    static let clusterSkipped =
        "CACHE_REDIS_CLUSTER_URL is not set: run `Scripts/redis-cluster.sh start /tmp/redis-cluster` and export CACHE_REDIS_CLUSTER_URL to the URL it prints (CI sets it)"

    /// The shared cluster's configuration, with long timeouts for a loaded machine; a URL of one
    /// host is taken as one seed.
    static func clusterConfiguration() throws -> RedisConfiguration {
        var configuration = try RedisConfiguration(url: try #require(clusterURL))
        if configuration.cluster == nil {
            let seed = RedisServerAddress(host: configuration.host, port: configuration.port)
            configuration.cluster = RedisClusterOptions(seeds: [seed])
        }
        configuration.connectTimeout = .seconds(30)
        configuration.commandTimeout = .seconds(30)
        return configuration
    }
}

/// A Redis Cluster of a test's own (3 masters, 3 replicas, cluster-node-timeout 1000 ms), run
/// through `Scripts/redis-cluster.sh` so that tests can kill its nodes.
final class RedisTestCluster: Sendable {
    let directory: URL
    let url: String

    private init(directory: URL, url: String) {
        self.directory = directory
        self.url = url
    }

    static let script = RedisTestServer.repositoryScript("redis-cluster.sh")

    /// Starts a cluster and waits until every node says `cluster_state:ok`.
    static func start() async throws -> RedisTestCluster {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cache-redis-cluster-\(UUID().uuidString)"
        )
        let output = try await RedisTestServer.run(["start", directory.path], script: script)
        let url = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard url.hasPrefix("redis://") else {
            throw RedisTestServer.ScriptError(message: "redis-cluster.sh printed no URL: \(output)")
        }
        return RedisTestCluster(directory: directory, url: url)
    }

    /// A configuration for this cluster: a command timeout long enough to ride out a failover
    /// (commands are retried within it), a short backoff.
    func configuration(commandTimeout: Duration = .seconds(20)) throws -> RedisConfiguration {
        var configuration = try RedisConfiguration(url: url)
        configuration.maximumConnections = 2
        configuration.connectTimeout = .seconds(5)
        configuration.commandTimeout = commandTimeout
        configuration.reconnectBackoff = RedisReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))
        return configuration
    }

    /// Kills the node on `port` (SIGKILL, like a crash).
    func kill(port: Int) async throws {
        _ = try await RedisTestServer.run(["kill", directory.path, String(port)], script: Self.script)
    }

    /// Moves `count` slots, with their keys, from the master on port `from` to the master on
    /// port `to`, with `redis-cli --cluster reshard`.
    func reshard(from: Int, to: Int, count: Int) async throws {
        _ = try await RedisTestServer.run(
            ["reshard", directory.path, String(from), String(to), String(count)],
            script: Self.script
        )
    }

    /// Starts one more node, a master without slots, and adds it to the cluster
    /// (`redis-cli --cluster add-node`); returns its port once every node knows it.
    func addNode() async throws -> Int {
        let output = try await RedisTestServer.run(["add-node", directory.path], script: Self.script)
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw RedisTestServer.ScriptError(message: "redis-cluster.sh add-node printed no port: \(output)")
        }
        return port
    }

    /// Stops every node and deletes the files.
    func remove() async {
        _ = try? await RedisTestServer.run(["stop", directory.path], script: Self.script)
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` with a cluster of its own, removed afterwards.
func withOwnCluster<Result>(_ body: (RedisTestCluster) async throws -> Result) async throws -> Result {
    let cluster = try await RedisTestCluster.start()
    do {
        let result = try await body(cluster)
        await cluster.remove()
        return result
    } catch {
        await cluster.remove()
        throw error
    }
}

/// A client of one node of a cluster, for the commands a test sends to that node itself.
func nodeConfiguration(_ address: RedisServerAddress) -> RedisConfiguration {
    RedisConfiguration(
        host: address.host,
        port: address.port,
        maximumConnections: 1,
        connectTimeout: .seconds(10),
        commandTimeout: .seconds(10)
    )
}
#endif
