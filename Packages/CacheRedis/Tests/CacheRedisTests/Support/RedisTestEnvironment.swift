#if Redis
import CacheRedis
import Foundation
import Testing

/// The Redis servers the integration tests use, from the environment (.ci/run sets both):
///
/// - `CACHE_REDIS_URL`: a server without a password, e.g. `redis://127.0.0.1:6379`;
/// - `CACHE_REDIS_AUTH_URL`: a server with `requirepass`, its password in the URL.
///
/// Tests that need a server are skipped, with a message saying so, only when the variable is
/// unset. The tests that stop, kill, pause and restart a server start their own with
/// `Scripts/redis-server.sh` whenever `CACHE_REDIS_URL` is set, and fail if they cannot.
enum RedisTestEnvironment {
    static let url = ProcessInfo.processInfo.environment["CACHE_REDIS_URL"]
    static let authURL = ProcessInfo.processInfo.environment["CACHE_REDIS_AUTH_URL"]

    static let hasServer = url != nil
    static let hasAuthServer = authURL != nil
    static let skipped =
        "CACHE_REDIS_URL is not set: run `Scripts/redis-server.sh start /tmp/redis` and export CACHE_REDIS_URL=redis://127.0.0.1:PORT (CI sets it)"
    static let authSkipped =
        "CACHE_REDIS_AUTH_URL is not set: run `Scripts/redis-server.sh start /tmp/redis-auth --requirepass PASSWORD` and export CACHE_REDIS_AUTH_URL=redis://:PASSWORD@127.0.0.1:PORT (CI sets it)"

    /// The plain server's configuration, with short timeouts so failures show quickly.
    static func configuration(
        _ protocolVersion: RedisProtocolVersion = .resp3,
        maximumConnections: Int = 4
    ) throws -> RedisConfiguration {
        var configuration = try RedisConfiguration(url: try #require(url))
        configuration.protocolVersion = protocolVersion
        configuration.maximumConnections = maximumConnections
        configuration.connectTimeout = .seconds(30)
        configuration.commandTimeout = .seconds(30)
        return configuration
    }

    /// The password-protected server's configuration.
    static func authConfiguration(_ protocolVersion: RedisProtocolVersion = .resp3) throws -> RedisConfiguration {
        var configuration = try RedisConfiguration(url: try #require(authURL))
        configuration.protocolVersion = protocolVersion
        return configuration
    }

    /// A namespace no other test uses.
    static func uniqueNamespace(_ name: String = "test") -> String {
        "\(name)-\(UUID().uuidString.prefix(8))"
    }
}

/// Runs `body` with a client, and closes the client afterwards, whether `body` throws or not.
func withClient<Result>(
    _ configuration: RedisConfiguration,
    _ body: (RedisClient) async throws -> Result
) async throws -> Result {
    let client = try RedisClient(configuration: configuration)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}

/// The error `body` throws, as a ``RedisError``; records an issue when it throws nothing or
/// something else.
func redisError(
    _ body: () async throws -> some Any,
    sourceLocation: SourceLocation = #_sourceLocation
) async
    -> RedisError?
{
    do {
        _ = try await body()
        Issue.record("expected a RedisError, got none", sourceLocation: sourceLocation)
    } catch let error as RedisError {
        return error
    } catch {
        Issue.record("expected a RedisError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
#endif
