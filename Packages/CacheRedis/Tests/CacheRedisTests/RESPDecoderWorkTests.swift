#if Redis
@testable import CacheRedis
import NIOCore
import NIOEmbedded
import Testing

/// The decoder resumes where the last read stopped: each header is checked once and each byte
/// searched for a line end at most once, however a reply is split into reads, so decoding stays
/// linear in the reply's size; and every split decodes to the same values.
@Suite("RESP decoder work")
struct RESPDecoderWorkTests {
    /// The decoder after `bytes` arrived in reads of `readSize` bytes, the values it gave, and
    /// how many times it was called.
    func decode(
        _ bytes: ByteBuffer,
        readSize: Int
    ) throws -> (decoder: RESPValueDecoder, values: [RESPValue], calls: Int) {
        var decoder = RESPValueDecoder()
        var stream = bytes
        var buffer = ByteBuffer()
        var values: [RESPValue] = []
        var calls = 0
        while var read = stream.readSlice(length: Swift.min(readSize, stream.readableBytes)), read.readableBytes > 0 {
            buffer.writeBuffer(&read)
            while true {
                calls += 1
                guard let value = try decoder.decode(buffer: &buffer) else { break }
                values.append(value)
            }
        }
        #expect(buffer.readableBytes == 0)
        return (decoder, values, calls)
    }

    /// An array of `count` bulk strings of 8 digits each.
    func arrayReply(_ count: Int) -> ByteBuffer {
        var reply = ByteBuffer(string: "*\(count)\r\n")
        for index in 0..<count { reply.writeString("$8\r\n\(String(100_000_000 + index).dropFirst())\r\n") }
        return reply
    }

    @Test(arguments: [1, 7, 64, 4096, 1 << 20])
    func anArrayInManyReadsIsScannedOnce(readSize: Int) throws {
        let count = 20_000
        let reply = arrayReply(count)
        let (decoder, values, calls) = try decode(reply, readSize: readSize)
        #expect(values.count == 1)
        #expect(values.first?.elements?.count == count)
        #expect(values.first?.elements?.last?.string == "00019999")
        // One header for the array and one per element, whatever the reads.
        #expect(decoder.parser.checkedHeaderCount == count + 1)
        // Each byte searched at most once, plus at most one per call (a `\r` whose `\n` is late).
        // Bulk string bodies are skipped by their length, so fewer bytes are searched than
        // arrived. A decoder that rescanned the reply from its start on each read would check
        // about count × reads / 2 headers: 2.8 × 10^9 in reads of one byte.
        #expect(decoder.parser.searchedByteCount <= reply.readableBytes + calls)
        #expect(decoder.parser.searchedByteCount >= 2 * count)
    }

    @Test func aLongLineInManyReadsIsSearchedOnce() throws {
        let line = String(repeating: "x", count: 60_000)
        let (decoder, values, calls) = try decode(ByteBuffer(string: "+\(line)\r\n"), readSize: 10)
        #expect(values == [.simpleString(line)])
        #expect(calls == 6_002)
        #expect(decoder.parser.searchedByteCount == 60_001)
        #expect(decoder.parser.checkedHeaderCount == 1)
    }

    @Test func aLongBulkStringInManyReadsIsNotSearched() throws {
        let body = String(repeating: "y", count: 100_000)
        let (decoder, values, calls) = try decode(ByteBuffer(string: "$100000\r\n\(body)\r\n"), readSize: 100)
        #expect(values == [.bulkString(ByteBuffer(string: body))])
        // The length line once, then its `\r` once per read while the body arrives.
        #expect(decoder.parser.searchedByteCount <= 7 + calls)
        #expect(decoder.parser.checkedHeaderCount == 1)
    }

    @Test func randomRepliesDecodeAlikeInAnyReads() throws {
        for seed in 0..<300 as Range<UInt64> {
            var random = RandomRESP(seed: seed)
            var stream = ""
            var expected: [RESPValue] = []
            for _ in 0..<Int.random(in: 1..<5, using: &random.generator) {
                let (bytes, value) = random.reply()
                stream += bytes
                expected.append(value)
            }
            let bytes = ByteBuffer(string: stream)
            let whole = try decode(bytes, readSize: bytes.readableBytes)
            #expect(whole.values == expected, "seed \(seed): \(stream.debugDescription)")
            for readSize in [1, 2, 3, Int.random(in: 4..<64, using: &random.generator)] {
                let split = try decode(bytes, readSize: readSize)
                #expect(split.values == expected, "seed \(seed), reads of \(readSize)")
                #expect(split.decoder.parser.checkedHeaderCount == whole.decoder.parser.checkedHeaderCount)
                #expect(split.decoder.parser.searchedByteCount <= bytes.readableBytes + split.calls)
            }
        }
    }

    @Test func theHandlerResumesAcrossReadsWhenItDiscardsReadBytes() throws {
        // ByteToMessageHandler moves the unread bytes to the front of its buffer now and then;
        // the decoder counts from the reader index, so it resumes all the same.
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPValueDecoder(), maximumBufferSize: nil))
        var stream = ByteBuffer(string: "+first\r\n")
        var reply = arrayReply(5_000)
        stream.writeBuffer(&reply)
        while let read = stream.readSlice(length: Swift.min(333, stream.readableBytes)), read.readableBytes > 0 {
            try channel.writeInbound(read)
        }
        #expect(try channel.readInbound(as: RESPValue.self) == .simpleString("first"))
        let array = try channel.readInbound(as: RESPValue.self)
        #expect(array?.elements?.count == 5_000)
        #expect(array?.elements?.first?.string == "00000000")
        #expect(try channel.readInbound(as: RESPValue.self) == nil)
        _ = try channel.finish()
    }

    @Test func anErrorAfterResumingNamesItsOffsetInTheReply() throws {
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer(string: "+ok\r\n*3\r\n:1\r\n")
        #expect(try decoder.decode(buffer: &buffer) == .simpleString("ok"))
        #expect(try decoder.decode(buffer: &buffer) == nil)
        buffer.writeString(":2\r\n?")
        #expect {
            _ = try decoder.decode(buffer: &buffer)
        } throws: { error in
            (error as? RESPParsingError) == RESPParsingError("unknown type byte '?' (0x3F)", offset: 12)
        }
    }
}
#endif
