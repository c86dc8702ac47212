#if Redis
import CacheRedis
import NIOCore
import NIOPosix

/// A TCP server on 127.0.0.1 that speaks just enough RESP to read commands, and answers each with
/// whatever its script says: the bytes of a well-formed or malformed reply, nothing, or a closed
/// connection. It tests how the client takes replies no real server sends.
final class FakeRedisServer: Sendable {
    /// What the server does with one command.
    enum Answer: Sendable {
        /// Sends these bytes.
        case bytes(String)
        /// Sends nothing.
        case silence
        /// Closes the connection.
        case close
    }

    let channel: any Channel

    var port: Int { channel.localAddress!.port! }

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Starts a server that answers each command (its words) with `script`.
    static func start(_ script: @escaping @Sendable ([String]) -> Answer) async throws -> FakeRedisServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPValueDecoder()))
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(script: script))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return FakeRedisServer(channel: channel)
    }

    /// A configuration for this server: RESP2 without a password, so the client sends no
    /// handshake but a PING unless asked; timeouts long enough for a loaded machine.
    func configuration(_ protocolVersion: RedisProtocolVersion = .resp2) -> RedisConfiguration {
        RedisConfiguration(
            host: "127.0.0.1",
            port: port,
            protocolVersion: protocolVersion,
            maximumConnections: 1,
            connectTimeout: .seconds(30),
            commandTimeout: .seconds(30),
            reconnectBackoff: RedisReconnectBackoff(initial: .milliseconds(10), maximum: .milliseconds(50))
        )
    }

    func stop() async throws {
        try await channel.close()
    }

    private final class ScriptedHandler: ChannelInboundHandler {
        typealias InboundIn = RESPValue
        typealias OutboundOut = ByteBuffer

        let script: @Sendable ([String]) -> Answer

        init(script: @escaping @Sendable ([String]) -> Answer) {
            self.script = script
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let words = (unwrapInboundIn(data).elements ?? []).compactMap(\.string)
            switch script(words) {
            case .bytes(let reply):
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            case .silence:
                break
            case .close:
                context.close(promise: nil)
            }
        }
    }
}
#endif
