#if Redis
import NIOCore

/// Matches replies to commands on one connection: commands go out in order, and Redis answers
/// them in the same order, so each reply completes the oldest command still waiting. Any number
/// of commands may be waiting at once (pipelining).
///
/// - Every command has a deadline; when it passes, the command fails with
///   ``RedisError/Kind/commandTimedOut`` and the connection is closed, failing the commands behind
///   it with ``RedisError/Kind/connectionClosed`` (a late reply could not be matched any more).
/// - A malformed reply, or a reply nothing waits for, fails every waiting command with
///   ``RedisError/Kind/malformedReply`` and closes the connection.
/// - On a subscriber connection, pub/sub messages (`message` frames, as RESP2 arrays or RESP3
///   pushes) and client-tracking invalidations (RESP3 `invalidate` pushes) go to `messages`
///   instead; subscription confirmations answer the `SUBSCRIBE`. On other connections RESP3
///   pushes are dropped.
final class RedisCommandHandler: ChannelDuplexHandler {
    typealias InboundIn = RESPValue
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private struct Waiting {
        let id: UInt64
        let command: String
        let promise: EventLoopPromise<RESPValue>
        let timeout: Scheduled<Void>
    }

    private let server: String
    private let messages: (@Sendable (RESPValue) -> Void)?
    private var waiting = CircularBuffer<Waiting>()
    private var nextID: UInt64 = 0
    /// Set once the connection is failing or closed: later commands fail with it at once.
    private var failure: RedisError?

    /// Creates a handler for a connection to `server`; `messages` receives pub/sub messages on a
    /// subscriber connection.
    init(server: String, messages: (@Sendable (RESPValue) -> Void)? = nil) {
        self.server = server
        self.messages = messages
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.promise.fail(failure.with(command: request.command.name))
            promise?.fail(failure)
            return
        }
        let id = nextID
        nextID += 1
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: request.deadline) { [self] in
            timeOut(id, context: context)
        }
        waiting.append(Waiting(id: id, command: request.command.name, promise: request.promise, timeout: timeout))
        context.write(wrapOutboundOut(request.command.encoded), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let messages {
            if reply.isPubSubMessage || reply.isInvalidationPush {
                messages(reply)
                return
            }
        } else if case .push = reply {
            return
        }
        guard let first = waiting.popFirst() else {
            let shown = reply.description.prefix(200)
            fail(
                RedisError(
                    .malformedReply,
                    server: server,
                    message: "a reply came when no command was waiting: \(shown)"
                ),
                context: context
            )
            return
        }
        first.timeout.cancel()
        if case .error(let message) = reply {
            first.promise.fail(RedisError.server(message, server: server, command: first.command))
        } else {
            first.promise.succeed(reply)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failure: RedisError
        if let parsing = error as? RESPParsingError {
            failure = RedisError(.malformedReply, server: server, message: parsing.description)
        } else {
            failure = RedisError(.connectionClosed, server: server, message: "connection failed: \(error)")
        }
        fail(failure, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let failure =
            failure ?? RedisError(.connectionClosed, server: server, message: "the connection closed before the reply")
        self.failure = failure
        failWaiting(failure)
        context.fireChannelInactive()
    }

    private func timeOut(_ id: UInt64, context: ChannelHandlerContext) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        let late = waiting.remove(at: index)
        let timedOut = RedisError(
            .commandTimedOut,
            server: server,
            command: late.command,
            message: "no reply in time; the connection was closed"
        )
        late.promise.fail(timedOut)
        fail(
            RedisError(.connectionClosed, server: server, message: "closed after \(late.command) timed out"),
            context: context
        )
    }

    /// Fails every waiting command and closes the connection.
    private func fail(_ error: RedisError, context: ChannelHandlerContext) {
        let failure = self.failure ?? error
        self.failure = failure
        failWaiting(failure)
        context.close(promise: nil)
    }

    private func failWaiting(_ error: RedisError) {
        while let next = waiting.popFirst() {
            next.timeout.cancel()
            next.promise.fail(error.command == nil ? error.with(command: next.command) : error)
        }
    }
}
#endif
