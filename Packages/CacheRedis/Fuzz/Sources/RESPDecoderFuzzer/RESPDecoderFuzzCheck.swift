import NIOCore

/// One fuzz input decoded several ways, which must agree: whole, one byte per read, and in reads
/// whose sizes the input's own bytes choose (with the read bytes discarded between reads, as
/// `ByteToMessageHandler` does). Each way must also search each byte for line ends at most once.
struct RESPDecoderFuzzCheck {
    /// What decoding a stream gave.
    struct Outcome: Equatable {
        /// The replies, described (`RESPValue`'s description, so that a NaN equals itself).
        var replies: [String] = []
        /// The error that stopped decoding, if any.
        var error: RESPParsingError?
        /// The bytes left over, not yet a reply.
        var leftOver = 0
        /// The headers the decoder checked.
        var checkedHeaders = 0
    }

    /// The input.
    let bytes: [UInt8]

    /// Decodes the input every way and stops the process when two ways disagree.
    func run() {
        let whole = decode(readSizes: [bytes.count])
        let byteByByte = decode(readSizes: Array(repeating: 1, count: bytes.count))
        let chosen = decode(readSizes: bytes.map { Int($0 % 17) + 1 })
        guard whole == byteByByte, whole == chosen else {
            fatalError("decoding disagrees:\n whole: \(whole)\n byte by byte: \(byteByByte)\n chosen reads: \(chosen)")
        }
    }

    /// Feeds the input in reads of `readSizes` (cycled; the last read takes what is left),
    /// decoding after each read as `ByteToMessageHandler` does.
    func decode(readSizes: [Int]) -> Outcome {
        var decoder = RESPValueDecoder()
        var buffer = ByteBuffer()
        var outcome = Outcome()
        var offset = 0
        var calls = 0
        var read = 0
        while offset < bytes.count {
            let size = Swift.min(
                readSizes.isEmpty ? bytes.count : readSizes[read % readSizes.count],
                bytes.count - offset
            )
            read += 1
            buffer.writeBytes(bytes[offset..<(offset + size)])
            offset += size
            do {
                while true {
                    calls += 1
                    guard let reply = try decoder.decode(buffer: &buffer) else { break }
                    outcome.replies.append(reply.description)
                }
            } catch let error as RESPParsingError {
                outcome.error = error
                break
            } catch {
                fatalError("the decoder threw \(error), not a RESPParsingError")
            }
            if read % 2 == 0 { buffer.discardReadBytes() }
        }
        outcome.leftOver = outcome.error == nil ? buffer.readableBytes : 0
        outcome.checkedHeaders = decoder.parser.checkedHeaderCount
        let searched = decoder.parser.searchedByteCount
        guard searched <= bytes.count + calls else {
            fatalError("the decoder searched \(searched) bytes of \(bytes.count) in \(calls) calls")
        }
        return outcome
    }
}
