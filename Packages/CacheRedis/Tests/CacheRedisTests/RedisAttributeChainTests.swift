#if Redis
@testable import CacheRedis
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

/// RESP3 attributes before a value are skipped with a loop, not by recursion: a chain of any
/// length costs no stack (30,000 empty attributes once crashed the process with a stack
/// overflow), through the decoder, the command handler and the client, with RESP2 or RESP3
/// configured; attributes that nest count toward the nesting limit.
@Suite("RESP attribute chains")
struct RedisAttributeChainTests {
    /// `count` empty attributes.
    static func chain(_ count: Int) -> String { String(repeating: "|0\r\n", count: count) }

    @Test func aLongChainOfEmptyAttributesIsSkipped() throws {
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer(string: Self.chain(30_000) + "+OK\r\n:7\r\n")
        #expect(try decoder.decode(buffer: &buffer) == .simpleString("OK"))
        #expect(try decoder.decode(buffer: &buffer) == .integer(7))
        #expect(buffer.readableBytes == 0)
        #expect(decoder.parser.checkedHeaderCount == 30_002)
    }

    @Test func aLongChainOfAttributesWithPairsIsSkippedInReads() throws {
        let reply = String(repeating: "|1\r\n+ttl\r\n:3\r\n", count: 30_000) + "*2\r\n|0\r\n:1\r\n$1\r\nx\r\n"
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer()
        var values: [RESPValue] = []
        for read in reply.utf8.chunks(ofCount: 4_096) {
            buffer.writeBytes(read)
            while let value = try decoder.decode(buffer: &buffer) { values.append(value) }
        }
        #expect(values == [.array([.integer(1), .bulkString(ByteBuffer(string: "x"))])])
        #expect(decoder.parser.checkedHeaderCount == 30_000 * 3 + 4)
    }

    @Test func attributesNestedInAttributesCountTowardTheNestingLimit() {
        // Each attribute's value is the next attribute: they are all open at once.
        var decoder = RESPValueDecoder()
        var nested = ByteBuffer(string: String(repeating: "|1\r\n+k\r\n", count: 100) + ":1\r\n")
        #expect {
            _ = try decoder.decode(buffer: &nested)
        } throws: { error in
            // The key of the 65th attribute is the first element 65 deep.
            (error as? RESPParsingError) == RESPParsingError("aggregates nested deeper than 64", offset: 64 * 8 + 4)
        }
        // 64 deep is within the limit: 64 values close the attributes, then comes the reply.
        let values = String(repeating: ":0\r\n", count: 64)
        var withinLimit = ByteBuffer(string: String(repeating: "|1\r\n+k\r\n", count: 64) + values + ":2\r\n")
        var fresh = RESPValueDecoder()
        #expect((try? fresh.decode(buffer: &withinLimit)) == .integer(2))
    }

    @Test func theCommandHandlerGetsTheValueAfterTheChain() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPValueDecoder()))
        try channel.pipeline.syncOperations.addHandler(RedisCommandHandler(server: "fake:1", messages: nil))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let promise = channel.eventLoop.makePromise(of: RESPValue.self)
        let deadline = channel.embeddedEventLoop.now + .seconds(1)
        channel.write(RedisRequest(command: RedisCommand("PING"), promise: promise, deadline: deadline), promise: nil)
        channel.flush()
        let reply = Mutex<RESPValue?>(nil)
        promise.futureResult.whenSuccess { value in reply.withLock { $0 = value } }
        for read in (Self.chain(30_000) + "+PONG\r\n").utf8.chunks(ofCount: 65_536) {
            try channel.writeInbound(ByteBuffer(bytes: read))
        }
        channel.embeddedEventLoop.run()
        #expect(reply.withLock { $0 } == .simpleString("PONG"))
        #expect(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func aClientGetsTheValueAfterTheChain(protocolVersion: RedisProtocolVersion) async throws {
        // The server puts the chain before every answer, the handshake's (HELLO or PING) too.
        let server = try await FakeRedisServer.start { words in
            switch words.first {
            case "HELLO": .bytes(Self.chain(30_000) + "%1\r\n+proto\r\n:3\r\n")
            case "PING": .bytes(Self.chain(30_000) + "+PONG\r\n")
            default: .bytes(Self.chain(30_000) + "-ERR unknown command\r\n")
            }
        }
        let reply = try await withClient(server.configuration(protocolVersion)) { client in
            try await client.send(RedisCommand("PING"))
        }
        #expect(reply == .simpleString("PONG"))
        try await server.stop()
    }
}
#endif
