#if Redis
@testable import CacheRedis
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

/// The handler that matches replies to commands, on an `EmbeddedChannel` whose clock the tests
/// move by hand: pipelining, error replies, timeouts, stray and malformed replies, pub/sub.
@Suite("Redis command handler")
struct RedisCommandHandlerTests {
    let channel: EmbeddedChannel
    let messages = Recorder<RESPValue>()

    init(subscriber: Bool = false) throws {
        channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPValueDecoder()))
        let messages = messages
        let route: (@Sendable (RESPValue) -> Void)? =
            subscriber ? { @Sendable message in messages.append(message) } : nil
        try channel.pipeline.syncOperations.addHandler(RedisCommandHandler(server: "fake:1", messages: route))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
    }

    /// Sends a command due within `timeout`; returns its reply's future.
    func send(_ command: RedisCommand, timeout: TimeAmount = .seconds(1)) -> EventLoopFuture<RESPValue> {
        let promise = channel.eventLoop.makePromise(of: RESPValue.self)
        let deadline = channel.embeddedEventLoop.now + timeout
        channel.write(RedisRequest(command: command, promise: promise, deadline: deadline), promise: nil)
        channel.flush()
        return promise.futureResult
    }

    func reply(_ text: String) throws {
        try channel.writeInbound(ByteBuffer(string: text))
    }

    func result(_ future: EventLoopFuture<RESPValue>) -> Result<RESPValue, any Error>? {
        let box = Mutex<Result<RESPValue, any Error>?>(nil)
        future.whenComplete { result in box.withLock { $0 = result } }
        channel.embeddedEventLoop.run()
        return box.withLock { $0 }
    }

    func error(_ future: EventLoopFuture<RESPValue>) -> RedisError? {
        guard case .failure(let error)? = result(future) else { return nil }
        return error as? RedisError
    }

    @Test func pipelinedRepliesCompleteTheirCommandsInOrder() throws {
        let first = send(RedisCommand("GET", "a"))
        let second = send(RedisCommand("GET", "b"))
        let third = send(RedisCommand("PING"))
        var written = ByteBuffer()
        while var chunk = try channel.readOutbound(as: ByteBuffer.self) { written.writeBuffer(&chunk) }
        #expect(
            String(decoding: written.readableBytesView, as: UTF8.self)
                == "*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\nb\r\n*1\r\n$4\r\nPING\r\n"
        )
        try reply("$1\r\n1\r\n$-1\r\n+PO")
        #expect(try result(first)?.get() == .bulkString(ByteBuffer(string: "1")))
        #expect(try result(second)?.get() == .null)
        #expect(result(third) == nil)
        try reply("NG\r\n")
        #expect(try result(third)?.get() == .simpleString("PONG"))
    }

    @Test func errorRepliesFailTheirCommandOnly() throws {
        let wrong = send(RedisCommand("INCR", "text"))
        let denied = send(RedisCommand("GET", "x"))
        let fine = send(RedisCommand("PING"))
        try reply(
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n-NOAUTH Authentication required.\r\n+PONG\r\n"
        )
        let wrongError = error(wrong)
        #expect(wrongError?.kind == .serverError)
        #expect(
            wrongError?.description
                == "redis fake:1: INCR: WRONGTYPE Operation against a key holding the wrong kind of value"
        )
        #expect(error(denied)?.kind == .authenticationFailed)
        #expect(error(denied)?.message.contains("set RedisConfiguration.password") == true)
        #expect(try result(fine)?.get() == .simpleString("PONG"))
        #expect(channel.isActive)
    }

    @Test func aTimeoutFailsTheCommandAndClosesTheConnection() throws {
        let slow = send(RedisCommand("GET", "a"), timeout: .milliseconds(100))
        let behind = send(RedisCommand("GET", "b"), timeout: .milliseconds(500))
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(99))
        #expect(result(slow) == nil)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(error(slow)?.kind == .commandTimedOut)
        #expect(error(slow)?.description == "redis fake:1: GET: no reply in time; the connection was closed")
        #expect(error(behind)?.kind == .connectionClosed)
        #expect(error(behind)?.message == "closed after GET timed out")
        #expect(!channel.isActive)
    }

    @Test func aReplyNobodyWaitsForIsAProtocolViolation() throws {
        try reply("+surprise\r\n")
        #expect(!channel.isActive)
        let after = send(RedisCommand("PING"))
        let failure = error(after)
        #expect(failure?.kind == .malformedReply)
        #expect(failure?.message == "a reply came when no command was waiting: surprise")
    }

    @Test func malformedBytesFailEveryWaitingCommand() throws {
        let first = send(RedisCommand("GET", "a"))
        let second = send(RedisCommand("GET", "b"))
        try reply("?garbage\r\n")
        #expect(error(first)?.kind == .malformedReply)
        #expect(error(first)?.message == "malformed RESP reply at byte 0: unknown type byte '?' (0x3F)")
        #expect(error(second)?.kind == .malformedReply)
        #expect(!channel.isActive)
    }

    @Test func closingFailsWaitingCommands() throws {
        let waiting = send(RedisCommand("GET", "a"))
        _ = try channel.finish(acceptAlreadyClosed: true)
        #expect(error(waiting)?.kind == .connectionClosed)
    }

    @Test func pushesAreDroppedOnACommandConnection() throws {
        let get = send(RedisCommand("GET", "a"))
        try reply(">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\na\r\n$1\r\nv\r\n")
        #expect(try result(get)?.get() == .bulkString(ByteBuffer(string: "v")))
    }

    @Test(arguments: ["*3\r\n", ">3\r\n"])
    func subscriberConnectionsRouteMessagesAndAnswerSubscribe(frame: String) throws {
        let subscriber = try RedisCommandHandlerTests(subscriber: true)
        let subscribe = subscriber.send(RedisCommand("SUBSCRIBE", "ch"))
        try subscriber.reply(frame + "$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n")
        #expect(try subscriber.result(subscribe)?.get().elements?.first?.string == "subscribe")
        try subscriber.reply(frame + "$7\r\nmessage\r\n$2\r\nch\r\n$5\r\nhello\r\n")
        let received = subscriber.messages.all
        #expect(received.count == 1)
        #expect(received.first?.elements?.last?.string == "hello")
        #expect(subscriber.channel.isActive)
    }
}
#endif
