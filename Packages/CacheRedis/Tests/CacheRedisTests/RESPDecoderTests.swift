#if Redis
import CacheRedis
import NIOCore
import NIOEmbedded
import Testing

/// The RESP2 and RESP3 framing: every type, replies split across reads, and malformed bytes.
@Suite("RESP decoder")
struct RESPDecoderTests {
    /// Decodes every value in `text`, which must be complete.
    func decodeAll(_ text: String) throws -> [RESPValue] {
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer(string: text)
        var values: [RESPValue] = []
        while let value = try decoder.decode(buffer: &buffer) { values.append(value) }
        #expect(buffer.readableBytes == 0, "bytes left over after \(values)")
        return values
    }

    func bulk(_ text: String) -> RESPValue { .bulkString(ByteBuffer(string: text)) }

    @Test func resp2Types() throws {
        let values = try decodeAll(
            "+OK\r\n-ERR wrong\r\n:-42\r\n$5\r\nhe\r\no\r\n$0\r\n\r\n$-1\r\n*-1\r\n*2\r\n:1\r\n*1\r\n$1\r\nx\r\n"
        )
        #expect(
            values == [
                .simpleString("OK"), .error("ERR wrong"), .integer(-42), bulk("he\r\no"), bulk(""), .null, .null,
                .array([.integer(1), .array([bulk("x")])]),
            ]
        )
    }

    @Test func resp3Types() throws {
        let values = try decodeAll(
            "_\r\n#t\r\n#f\r\n,3.25\r\n,inf\r\n(-12345678901234567890\r\n!9\r\nSYNTAX no\r\n=8\r\ntxt:some\r\n"
                + "%2\r\n+a\r\n:1\r\n+b\r\n:2\r\n~2\r\n+x\r\n+y\r\n>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$1\r\np\r\n"
                + "|1\r\n+ttl\r\n:3\r\n:99\r\n"
        )
        #expect(values.count == 12)
        #expect(values[0] == .null)
        #expect(values[1] == .boolean(true) && values[2] == .boolean(false))
        #expect(values[3] == .double(3.25) && values[4] == .double(.infinity))
        #expect(values[5] == .bigNumber("-12345678901234567890"))
        #expect(values[6] == .error("SYNTAX no"))
        #expect(values[7] == bulk("some"))
        #expect(values[8] == .map([.simpleString("a"): .integer(1), .simpleString("b"): .integer(2)]))
        #expect(values[9] == .set([.simpleString("x"), .simpleString("y")]))
        #expect(values[10] == .push([bulk("message"), bulk("ch"), bulk("p")]))
        #expect(values[11] == .integer(99), "an attribute is skipped, the value after it is the reply")
    }

    @Test func aReplyArrivingByteByByteIsDecodedOnceComplete() throws {
        let reply = "*3\r\n$3\r\nfoo\r\n%1\r\n+k\r\n*2\r\n:1\r\n$-1\r\n_\r\n"
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer()
        var decoded: [RESPValue] = []
        for (index, byte) in reply.utf8.enumerated() {
            buffer.writeInteger(byte)
            if let value = try decoder.decode(buffer: &buffer) {
                decoded.append(value)
                #expect(index == reply.utf8.count - 1, "decoded early, at byte \(index)")
            }
        }
        #expect(decoded == [.array([bulk("foo"), .map([.simpleString("k"): .array([.integer(1), .null])]), .null])])
        #expect(buffer.readableBytes == 0)
    }

    @Test func theHandlerYieldsOneValuePerReplyAcrossReads() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPValueDecoder()))
        try channel.writeInbound(ByteBuffer(string: "+PONG\r\n:1"))
        try channel.writeInbound(ByteBuffer(string: "2\r\n$3\r\nab"))
        try channel.writeInbound(ByteBuffer(string: "c\r\n"))
        #expect(try channel.readInbound(as: RESPValue.self) == .simpleString("PONG"))
        #expect(try channel.readInbound(as: RESPValue.self) == .integer(12))
        #expect(try channel.readInbound(as: RESPValue.self) == bulk("abc"))
        #expect(try channel.readInbound(as: RESPValue.self) == nil)
        _ = try channel.finish()
    }

    @Test(
        arguments: [
            ("?what\r\n", "unknown type byte '?' (0x3F)", 0),
            ("$abc\r\n", "'abc' is not an integer", 1),
            (":12x\r\n", "'12x' is not an integer", 1),
            (":99999999999999999999\r\n", "does not fit in 64 bits", 1),
            ("$-5\r\n", "invalid length -5", 1),
            ("*-2\r\n", "invalid element count -2", 1),
            ("$3\r\nabcd\r\n", "does not end with CRLF", 7),
            ("+OK\rX", "CR not followed by LF", 3),
            ("#x\r\n", "a boolean is t or f", 1),
            (",pi\r\n", "is not a double", 1),
            ("_x\r\n", "a null carries no data", 1),
            ("*1\r\n\u{01}\r\n", "unknown type byte 0x01", 4),
        ]
    )
    func malformedRepliesAreRejectedWithTheirReasonAndOffset(reply: String, reason: String, offset: Int) {
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer(string: reply)
        #expect {
            _ = try decoder.decode(buffer: &buffer)
        } throws: { error in
            guard let error = error as? RESPParsingError else { return false }
            return error.reason.contains(reason) && error.offset == offset
        }
    }

    @Test func nestingAndLineLengthAreBounded() {
        var decoder = RESPValueDecoder()
        var deep = ByteBuffer(string: String(repeating: "*1\r\n", count: 100) + ":1\r\n")
        #expect(throws: RESPParsingError.self) { _ = try decoder.decode(buffer: &deep) }
        var long = ByteBuffer(string: "+" + String(repeating: "x", count: 70_000))
        #expect(throws: RESPParsingError.self) { _ = try decoder.decode(buffer: &long) }
        var huge = ByteBuffer(string: "$999999999999\r\n")
        #expect(throws: RESPParsingError.self) { _ = try decoder.decode(buffer: &huge) }
    }

    @Test func aPartialValueLeavesTheBufferUntouched() throws {
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer(string: "*2\r\n$5\r\nhello\r\n$5\r\nwor")
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(buffer.readerIndex == 0)
        buffer.writeString("ld\r\n+next\r\n")
        #expect(try decoder.decode(buffer: &buffer) == .array([bulk("hello"), bulk("world")]))
        #expect(try decoder.decode(buffer: &buffer) == .simpleString("next"))
    }
}
#endif
