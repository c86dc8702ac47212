#if Redis
@testable import CacheRedis
import NIOPosix
import Testing

@Suite("Redis handshake", .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped)))
struct RedisHandshakeTests {
    /// The task that opens a connection resumes after the connect timeout has passed, as on a
    /// cooperative pool busy with other work; the server answered the handshake at once, so the
    /// connection opens. (The handshake used to be sent only when the task resumed, and failed
    /// with "the handshake did not finish within 0.2 seconds" without waiting for an answer.)
    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func aTaskThatResumesLateStillGetsItsConnection(protocolVersion: RedisProtocolVersion) async throws {
        var configuration = try RedisTestEnvironment.configuration(protocolVersion)
        configuration.connectTimeout = .milliseconds(200)
        let opening = Task(executorPreference: DelayingExecutor(delay: .milliseconds(500))) {
            try await RedisConnection.connect(
                configuration,
                sslContext: nil,
                group: MultiThreadedEventLoopGroup.singleton
            )
        }
        let connection = try await opening.value
        let reply = try await connection.send(RedisCommand("PING"))
        #expect(reply.string == "PONG")
        connection.close()
    }
}
#endif
