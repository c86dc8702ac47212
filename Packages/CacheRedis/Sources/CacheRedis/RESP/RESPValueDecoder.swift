#if Redis
import NIOCore

/// The inbound framing of a Redis connection: bytes in, one ``RESPValue`` per reply out, for both
/// RESP2 and RESP3 (the type byte of each value tells which).
///
/// Wrap it in a `ByteToMessageHandler`:
///
///     try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPValueDecoder()))
///
/// Bytes that are not RESP raise a ``RESPParsingError`` through the pipeline.
public struct RESPValueDecoder: NIOSingleStepByteToMessageDecoder {
    /// Replies.
    public typealias InboundOut = RESPValue

    /// The parser, which keeps how far it scanned an incomplete reply between reads.
    private(set) var parser = RESPParser()

    /// Creates a decoder.
    public init() {}

    /// The next complete reply, or `nil` until one has arrived.
    ///
    /// An incomplete reply is scanned where the last call stopped, so a decoder reads one stream:
    /// use a new decoder for each connection.
    ///
    /// - Complexity: O(*m*) for the *m* bytes that arrived since the last call, plus O(*n*) once
    ///   in the size of the reply when it completes: linear in the reply's size, however many
    ///   reads it arrives in.
    public mutating func decode(buffer: inout ByteBuffer) throws -> RESPValue? {
        try parser.parse(&buffer)
    }

    /// A reply completed by the last bytes, or `nil`; bytes left over make no reply.
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> RESPValue? {
        try decode(buffer: &buffer)
    }
}
#endif
