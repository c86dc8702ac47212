#if Redis
import CacheCore
import CacheRedis
import NIOSSL
import Testing

/// TLS through swift-nio-ssl, against a TLS-only server of the test's own whose certificate (for
/// `localhost` and 127.0.0.1) a CA made for the test signed.
@Suite("Redis TLS", .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped)))
struct RedisTLSTests {
    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func aClientThatTrustsTheCAConnectsOverTLS(protocolVersion: RedisProtocolVersion) async throws {
        try await withOwnServer(tls: true, options: ["--requirepass", "tls-secret"]) { server in
            var configuration = server.configuration(protocolVersion)
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(server.caCertificatePath)
            configuration.tls = tls
            configuration.tlsServerName = "localhost"
            configuration.password = "tls-secret"
            configuration.connectTimeout = .seconds(30)
            try await withClient(configuration) { (client: RedisClient) async throws in
                let cache = RedisCache<String, Int>(client: client, namespace: "tls")
                try await cache.set("answer", 42)
                #expect(try await cache.get("answer") == 42)
                let port = try await client.send(RedisCommand("CONFIG", "GET", "port")).description
                #expect(["[\"port\", \"0\"]", "{\"port\": \"0\"}"].contains(port), "the server has no plain-text port")
            }
        }
    }

    @Test func aClientThatDoesNotTrustTheCertificateRefusesTheConnection() async throws {
        try await withOwnServer(tls: true) { server in
            var configuration = server.configuration()
            configuration.tls = TLSConfiguration.makeClientConfiguration()
            configuration.tlsServerName = "localhost"
            configuration.connectTimeout = .seconds(30)
            let error = await redisError {
                try await withClient(configuration) { try await $0.send(RedisCommand("PING")) }
            }
            #expect(error?.kind == .connectionFailed)
            #expect(error?.message.contains("handshakeFailed") == true, "\(String(describing: error))")
            var plain = server.configuration()
            plain.connectTimeout = .milliseconds(300)
            let plainError = await redisError {
                try await withClient(plain) { try await $0.send(RedisCommand("PING")) }
            }
            #expect(plainError != nil, "plain text to a TLS port gets no PONG")
        }
    }
}
#endif
