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

    /// Creates a decoder.
    public init() {}

    /// The next complete reply, or `nil` until one has arrived.
    ///
    /// - Complexity: See `RESPParser`: O(headers) while a reply is incomplete, plus O(size) once.
    public mutating func decode(buffer: inout ByteBuffer) throws -> RESPValue? {
        try RESPParser.parse(&buffer)
    }

    /// A reply completed by the last bytes, or `nil`; bytes left over make no reply.
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> RESPValue? {
        try decode(buffer: &buffer)
    }
}
#endif
