#if Redis
import NIOCore

/// One Redis command, already framed as RESP: an array of bulk strings, the same in RESP2 and
/// RESP3.
///
///     let ping = RedisCommand("PING")
///     let get = RedisCommand("GET", "user:42")
///
/// Arguments are binary-safe; a command is framed once, when it is made, so sending it again
/// (in a pipeline, after a reconnect) costs no work.
public struct RedisCommand: Sendable, CustomStringConvertible {
    /// The command's name, such as `GET`: what errors and descriptions show (never the
    /// arguments, which may hold passwords or private values).
    public let name: String
    /// The RESP bytes of the whole command.
    let encoded: ByteBuffer

    /// A command whose arguments are strings, each sent as its UTF-8 bytes.
    ///
    /// - Complexity: O(*n*) in the total length of the arguments.
    public init(_ name: String, _ arguments: String...) {
        self.init(name, arguments: arguments.map { ByteBuffer(string: $0) })
    }

    /// A command with binary arguments.
    ///
    /// - Complexity: O(*n*) in the total length of the arguments.
    public init(_ name: String, arguments: [ByteBuffer]) {
        var builder = Builder(name, argumentCount: arguments.count)
        for argument in arguments { builder.append(argument) }
        self = builder.command
    }

    /// The name, then the number of arguments.
    public var description: String { name }

    /// Frames a command argument by argument, straight into one buffer.
    struct Builder {
        private var buffer: ByteBuffer
        private var remaining: Int
        private let name: String

        /// Starts a command of `name` and `argumentCount` arguments after it.
        init(_ name: String, argumentCount: Int, capacity: Int = 64) {
            self.name = name
            self.remaining = argumentCount
            buffer = ByteBufferAllocator().buffer(capacity: capacity + name.utf8.count)
            buffer.writeStaticString("*")
            buffer.writeDecimal(argumentCount + 1)
            buffer.writeStaticString("\r\n")
            buffer.writeBulk(utf8: name)
        }

        /// Appends an argument of raw bytes.
        mutating func append(_ bytes: ByteBuffer) {
            remaining -= 1
            buffer.writeStaticString("$")
            buffer.writeDecimal(bytes.readableBytes)
            buffer.writeStaticString("\r\n")
            buffer.writeImmutableBuffer(bytes)
            buffer.writeStaticString("\r\n")
        }

        /// Appends a string argument.
        mutating func append(_ string: String) {
            remaining -= 1
            buffer.writeBulk(utf8: string)
        }

        /// Appends a string argument made of `prefix` and `string`, without joining them first.
        mutating func append(_ prefix: String, _ string: String) {
            remaining -= 1
            buffer.writeStaticString("$")
            buffer.writeDecimal(prefix.utf8.count + string.utf8.count)
            buffer.writeStaticString("\r\n")
            buffer.writeString(prefix)
            buffer.writeString(string)
            buffer.writeStaticString("\r\n")
        }

        /// Appends an integer argument, in decimal.
        mutating func append(_ integer: Int) {
            append(String(integer))
        }

        /// The command.
        ///
        /// - Precondition: Every announced argument was appended.
        var command: RedisCommand {
            precondition(remaining == 0, "RedisCommand.Builder '\(name)': \(remaining) arguments missing")
            return RedisCommand(name: name, encoded: buffer)
        }
    }

    private init(name: String, encoded: ByteBuffer) {
        self.name = name
        self.encoded = encoded
    }
}

extension ByteBuffer {
    /// Writes `integer` in decimal ASCII.
    mutating func writeDecimal(_ integer: Int) {
        writeString(String(integer))
    }

    /// Writes `string` as a RESP bulk string.
    mutating func writeBulk(utf8 string: String) {
        writeStaticString("$")
        writeDecimal(string.utf8.count)
        writeStaticString("\r\n")
        writeString(string)
        writeStaticString("\r\n")
    }
}
#endif
