#if Redis
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One connection to a Redis server: a SwiftNIO channel with the RESP decoder and the
/// ``RedisCommandHandler``, authenticated and on its database.
///
/// Commands from any task may be sent at once; they are pipelined on the connection.
final class RedisConnection: Sendable {
    let channel: any Channel
    let server: String
    let commandTimeout: TimeAmount
    private let waiting = Atomic<Int>(0)
    /// Set when a command on this connection failed in a way that ends it (a timeout, a closed
    /// connection, a malformed reply), before its caller hears of it: the pool stops choosing the
    /// connection at once, even while it is still closing.
    private let broken = Atomic<Bool>(false)

    private init(channel: any Channel, server: String, commandTimeout: TimeAmount) {
        self.channel = channel
        self.server = server
        self.commandTimeout = commandTimeout
    }

    /// The number of commands sent and not yet answered.
    var commandsInFlight: Int { waiting.load(ordering: .relaxed) }

    /// Whether the connection is open and usable.
    var isActive: Bool { channel.isActive && !broken.load(ordering: .relaxed) }

    /// Completes when the connection has closed.
    var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    /// Opens a connection, then authenticates and selects the database, all within the
    /// configuration's connect timeout.
    ///
    /// - Parameter messages: Pub/sub messages, for a subscriber connection.
    /// - Throws: ``RedisError``.
    static func connect(
        _ configuration: RedisConfiguration,
        sslContext: NIOSSLContext?,
        group: any EventLoopGroup,
        messages: (@Sendable (RESPValue) -> Void)? = nil
    ) async throws(RedisError) -> RedisConnection {
        let server = configuration.server
        let deadline = NIODeadline.now() + TimeAmount(configuration.connectTimeout)
        let serverName = configuration.tlsServerName ?? (configuration.host.isIPAddress ? nil : configuration.host)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handlers = channel.pipeline.syncOperations
                    if let sslContext {
                        try handlers.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                    }
                    try handlers.addHandler(ByteToMessageHandler(RESPValueDecoder()))
                    try handlers.addHandler(RedisCommandHandler(server: server, messages: messages))
                }
            }
        // The handshake is written by the event loop the moment the connection opens, not by this
        // task when it next runs: on a busy cooperative pool the task may resume after the
        // deadline, and the server's prompt answer would then be wasted on a request that had
        // already timed out.
        let commandTimeout = TimeAmount(configuration.commandTimeout)
        let commands = handshakeCommands(configuration)
        let opened = bootstrap.connect(host: configuration.host, port: configuration.port).map { channel in
            let connection = RedisConnection(channel: channel, server: server, commandTimeout: commandTimeout)
            return (connection, connection.startPipeline(commands, deadline: deadline))
        }
        let connection: RedisConnection
        let handshake: [RedisRequest]
        do {
            (connection, handshake) = try await opened.get()
        } catch ChannelError.connectTimeout {
            throw RedisError(
                .connectTimedOut,
                server: server,
                message: "could not connect within \(configuration.connectTimeout)"
            )
        } catch {
            throw RedisError(.connectionFailed, server: server, message: "could not connect: \(error)")
        }
        do {
            try await connection.finishHandshake(handshake, configuration)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// The commands that open a connection: `HELLO 3` (with `AUTH`) or `AUTH`, then `SELECT` and
    /// `READONLY` as configured; a `PING` when there is none of them.
    private static func handshakeCommands(_ configuration: RedisConfiguration) -> [RedisCommand] {
        var commands: [RedisCommand] = []
        let user = configuration.username ?? "default"
        switch (configuration.protocolVersion, configuration.password) {
        case (.resp3, let password?):
            commands.append(RedisCommand("HELLO", "3", "AUTH", user, password))
        case (.resp3, nil):
            commands.append(RedisCommand("HELLO", "3"))
        case (.resp2, let password?):
            commands.append(
                configuration.username == nil ? RedisCommand("AUTH", password) : RedisCommand("AUTH", user, password)
            )
        case (.resp2, nil):
            break
        }
        if configuration.database != 0 { commands.append(RedisCommand("SELECT", String(configuration.database))) }
        if configuration.sendsReadOnly { commands.append(RedisCommand("READONLY")) }
        // Without anything else to say, a PING proves the connection (and TLS) works.
        if commands.isEmpty { commands.append(RedisCommand("PING")) }
        return commands
    }

    /// Waits for the replies to the handshake ``connect(_:sslContext:group:messages:)`` sent, and
    /// says what went wrong in the terms of opening a connection.
    private func finishHandshake(
        _ requests: [RedisRequest],
        _ configuration: RedisConfiguration
    ) async throws(RedisError) {
        let user = configuration.username ?? "default"
        do {
            for result in await results(of: requests) { _ = try result.get() }
        } catch
            where error.kind == .commandTimedOut
            || error.kind == .connectionClosed && NIODeadline.now() >= requests[0].deadline
        {
            throw RedisError(
                .connectTimedOut,
                server: server,
                command: error.command,
                message: "the handshake did not finish within \(configuration.connectTimeout)"
            )
        } catch  where error.command == "HELLO" && error.kind == .serverError {
            throw RedisError(
                .serverError,
                server: server,
                command: "HELLO",
                message: "RESP3 refused (\(error.message)); use protocolVersion .resp2 with Redis before 6"
            )
        } catch  where error.kind == .authenticationFailed {
            throw RedisError(
                .authenticationFailed,
                server: server,
                command: error.command,
                message: "authentication as '\(user)' failed: \(error.message)"
            )
        } catch  where error.kind == .connectionClosed {
            throw RedisError(
                .connectionFailed,
                server: server,
                message: "could not open a connection: \(error.message)"
            )
        }
    }

    /// Sends `command` and waits for its reply.
    ///
    /// - Throws: ``RedisError``, including ``RedisError/Kind/serverError`` for an error reply.
    func send(_ command: RedisCommand) async throws(RedisError) -> RESPValue {
        waiting.add(1, ordering: .relaxed)
        defer { waiting.subtract(1, ordering: .relaxed) }
        let request = RedisRequest(command: command, promise: channel.eventLoop.makePromise(), deadline: deadline())
        submit([request])
        return try await reply(request.promise.futureResult, command: command.name)
    }

    /// Sends every command in one write and waits for every reply: one round trip.
    ///
    /// - Returns: The replies, in order.
    /// - Throws: The first command's error after every reply has come (``RedisError``).
    func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RESPValue] {
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        var firstError: RedisError?
        for result in await pipelineResults(commands) {
            switch result {
            case .success(let reply): replies.append(reply)
            case .failure(let error):
                firstError = firstError ?? error
                replies.append(.null)
            }
        }
        if let firstError { throw firstError }
        return replies
    }

    /// Sends every command in one write and waits for every reply: one round trip.
    ///
    /// - Returns: Each command's reply or error, in order.
    func pipelineResults(_ commands: [RedisCommand]) async -> [Result<RESPValue, RedisError>] {
        await results(of: startPipeline(commands, deadline: deadline()))
    }

    /// Writes `commands` in one flush; their replies are collected by ``results(of:)``, which
    /// must be called once for the returned requests.
    private func startPipeline(_ commands: [RedisCommand], deadline: NIODeadline) -> [RedisRequest] {
        waiting.add(commands.count, ordering: .relaxed)
        let eventLoop = channel.eventLoop
        let requests = commands.map { RedisRequest(command: $0, promise: eventLoop.makePromise(), deadline: deadline) }
        submit(requests)
        return requests
    }

    /// Waits for the reply or error of each request ``startPipeline(_:deadline:)`` sent, in order.
    private func results(of requests: [RedisRequest]) async -> [Result<RESPValue, RedisError>] {
        defer { waiting.subtract(requests.count, ordering: .relaxed) }
        var results: [Result<RESPValue, RedisError>] = []
        results.reserveCapacity(requests.count)
        for request in requests {
            do {
                results.append(.success(try await reply(request.promise.futureResult, command: request.command.name)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Closes the connection; commands waiting fail with ``RedisError/Kind/connectionClosed``.
    func close() {
        channel.close(promise: nil)
    }

    private func deadline() -> NIODeadline { .now() + commandTimeout }

    /// Writes the requests in one flush, on the event loop. A request that cannot be written (the
    /// connection is gone) fails at once.
    private func submit(_ requests: [RedisRequest]) {
        let channel = channel
        let server = server
        channel.eventLoop.execute {
            for request in requests {
                let written = channel.eventLoop.makePromise(of: Void.self)
                written.futureResult.whenFailure { error in
                    let reason = (error as? RedisError)?.message ?? "could not send the command: \(error)"
                    request.promise.fail(
                        RedisError(.connectionClosed, server: server, command: request.command.name, message: reason)
                    )
                }
                channel.write(request, promise: written)
            }
            channel.flush()
        }
    }

    private func reply(_ future: EventLoopFuture<RESPValue>, command: String) async throws(RedisError) -> RESPValue {
        let failure: RedisError
        do {
            return try await future.get()
        } catch let error as RedisError {
            failure = error
        } catch {
            failure = RedisError(.connectionClosed, server: server, command: command, message: "\(error)")
        }
        switch failure.kind {
        case .commandTimedOut, .connectionClosed, .malformedReply: broken.store(true, ordering: .relaxed)
        default: break
        }
        throw failure
    }
}

extension String {
    /// Whether the string is an IPv4 or IPv6 address rather than a host name.
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
#endif
