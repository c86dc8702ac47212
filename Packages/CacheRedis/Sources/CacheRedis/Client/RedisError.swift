#if Redis
/// Why a Redis command or connection failed.
///
///     do { try await users.set("alice", alice) } catch let error as RedisError where error.kind == .commandTimedOut { … }
///
/// Its description names the server, the command (never its arguments) and the cause, such as
/// `redis 127.0.0.1:6379: GET: no reply within 250 ms; the connection was closed`.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Kind: Hashable, Sendable {
        /// A connection could not be opened: refused, unreachable, or TLS failed.
        case connectionFailed
        /// Opening a connection (TCP, TLS and handshake) took longer than the connect timeout.
        case connectTimedOut
        /// The server sent no reply within the command timeout.
        case commandTimedOut
        /// The connection closed before the reply came; the command may or may not have run.
        case connectionClosed
        /// Not tried: the last connection attempts failed and the client is waiting before the next.
        case unavailable
        /// The server refused the credentials, or wants some: wrong password, unknown user, `NOAUTH`.
        case authenticationFailed
        /// The server answered the command with an error reply.
        case serverError
        /// The server's bytes were not RESP, or the reply did not have the shape the command has.
        case malformedReply
        /// The client was closed.
        case clientClosed
    }

    /// What failed.
    public let kind: Kind
    /// The server, `host:port`.
    public let server: String
    /// The command's name, when one command failed.
    public let command: String?
    /// The detail: the server's error message, the parsing error, the socket error.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, server: String, command: String? = nil, message: String) {
        self.kind = kind
        self.server = server
        self.command = command
        self.message = message
    }

    /// The server, the command and the detail.
    public var description: String {
        "redis \(server): \(command.map { "\($0): " } ?? "")\(message)"
    }

    /// The error for a reply of the wrong shape.
    static func unexpectedReply(_ reply: RESPValue, server: String, command: String, expected: String) -> RedisError {
        let shown = reply.description.prefix(200)
        return RedisError(
            .malformedReply,
            server: server,
            command: command,
            message: "expected \(expected), got \(shown)"
        )
    }

    /// The error for an error reply: authentication problems are told apart from the rest.
    static func server(_ message: String, server: String, command: String) -> RedisError {
        if message.hasPrefix("NOAUTH") {
            return RedisError(
                .authenticationFailed,
                server: server,
                command: command,
                message: "the server requires a password (set RedisConfiguration.password): \(message)"
            )
        }
        if message.hasPrefix("WRONGPASS") || (command == "AUTH" && message.contains("password")) {
            return RedisError(.authenticationFailed, server: server, command: command, message: message)
        }
        return RedisError(.serverError, server: server, command: command, message: message)
    }

    /// The same error for another command.
    func with(command: String) -> RedisError {
        RedisError(kind, server: server, command: command, message: message)
    }
}
#endif
