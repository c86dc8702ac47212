#if Redis
import CacheRedis
import NIOCore
import Testing

/// Replies no real server sends, from a fake server: each is a clear ``RedisError``, the
/// connection is dropped, and the next command works on a new one. Needs no Redis.
@Suite("Redis malformed replies")
struct RedisMalformedReplyTests {
    /// A server whose first answer to GET is `bad`, and a proper one afterwards.
    func withServer(
        answeringGETFirstWith bad: FakeRedisServer.Answer,
        commandTimeout: Duration = .seconds(30),
        _ body: (RedisClient) async throws -> Void
    )
        async throws
    {
        let gets = Recorder<Int>()
        let server = try await FakeRedisServer.start { words in
            switch words.first {
            case "PING": return .bytes("+PONG\r\n")
            case "GET":
                gets.append(1)
                return gets.all.count == 1 ? bad : .bytes("$2\r\nok\r\n")
            default: return .bytes("-ERR unknown command\r\n")
            }
        }
        var configuration = server.configuration()
        configuration.commandTimeout = commandTimeout
        try await withClient(configuration, body)
        try await server.stop()
    }

    @Test(
        arguments: [
            ("?garbage\r\n", "malformed RESP reply at byte 0: unknown type byte '?' (0x3F)"),
            ("$abc\r\n", "malformed RESP reply at byte 1: 'abc' is not an integer"),
            ("$2\r\nokX\r\n", "malformed RESP reply at byte 6: a string of 2 bytes does not end with CRLF"),
            ("*1\r\n$2\r\nok\r\n", "expected a bulk string or null, got [\"ok\"]"),
            (":1\r\n:2\r\n", "a reply came when no command was waiting: (integer) 2"),
        ]
    )
    func aMalformedReplyIsAClearErrorAndTheNextCommandWorks(reply: String, message: String) async throws {
        try await withServer(answeringGETFirstWith: .bytes(reply)) { (client: RedisClient) async throws in
            let cache = RedisCache<String, String>(
                client: client,
                namespace: "n",
                keyCoding: .verbatim,
                valueCoder: .raw
            )
            let error = await redisError { try await cache.get("k") }
            if message.hasPrefix("a reply came") {
                #expect(error == nil || error?.kind == .malformedReply)
            } else {
                #expect(error?.kind == .malformedReply)
                #expect(error?.message == message)
            }
            try await eventually("a working connection") { (try? await cache.get("k")) == "ok" }
        }
    }

    @Test func aConnectionClosedMidReplyFailsTheCommand() async throws {
        try await withServer(answeringGETFirstWith: .close) { (client: RedisClient) async throws in
            let error = await redisError { try await client.send(RedisCommand("GET", "k")) }
            #expect(error?.kind == .connectionClosed)
            #expect(error?.command == "GET")
            try await eventually("a working connection") {
                (try? await client.send(RedisCommand("GET", "k")))?.string == "ok"
            }
        }
    }

    @Test func silenceIsATimeout() async throws {
        try await withServer(answeringGETFirstWith: .silence, commandTimeout: .milliseconds(300)) {
            (client: RedisClient) async throws in
            let error = await redisError { try await client.send(RedisCommand("GET", "k")) }
            #expect(error?.kind == .commandTimedOut)
            // The next command needs a new connection within the same 300 ms, which a loaded
            // machine may not give the first attempt; what matters is that one comes back.
            try await eventually("a working connection") {
                (try? await client.send(RedisCommand("GET", "k")))?.string == "ok"
            }
        }
    }

    @Test func aServerWithoutRESP3SaysSo() async throws {
        let server = try await FakeRedisServer.start { words in
            words.first == "HELLO" ? .bytes("-ERR unknown command 'HELLO'\r\n") : .bytes("+PONG\r\n")
        }
        let error = await redisError {
            try await withClient(server.configuration(.resp3)) { try await $0.send(RedisCommand("PING")) }
        }
        #expect(error?.kind == .serverError)
        #expect(
            error?.message
                == "RESP3 refused (ERR unknown command 'HELLO'); use protocolVersion .resp2 with Redis before 6"
        )
        let garbled = try await FakeRedisServer.start { _ in .bytes("%one\r\n") }
        let garbledError = await redisError {
            try await withClient(garbled.configuration(.resp3)) { try await $0.send(RedisCommand("PING")) }
        }
        #expect(garbledError?.kind == .malformedReply)
        try await server.stop()
        try await garbled.stop()
    }

    @Test func nothingListeningIsAConnectionFailure() async throws {
        let server = try await FakeRedisServer.start { _ in .silence }
        let configuration = server.configuration()
        try await server.stop()
        let error = await redisError { try await withClient(configuration) { try await $0.send(RedisCommand("PING")) } }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.description.hasPrefix("redis 127.0.0.1:\(configuration.port): could not connect: ") == true)
    }
}

extension RedisValueCoder where Value == String {
    /// The string's UTF-8 bytes.
    static var raw: RedisValueCoder {
        RedisValueCoder(
            encode: { ByteBuffer(string: $0) },
            decode: { String(decoding: $0.readableBytesView, as: UTF8.self) }
        )
    }
}
#endif
