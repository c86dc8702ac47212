#if Redis
import NIOCore

/// Reads RESP2 and RESP3 values, one at a time, from the front of a buffer that grows as reads
/// arrive, leaving the buffer untouched while the value at its front is incomplete.
///
/// A value that arrives in many reads is first *scanned*: headers are checked one after another
/// and bulk strings skipped by their length, without building anything. The scan keeps where it
/// stopped (the offset of the first header not yet complete, the aggregates still open, and how
/// far the search for that header's line end went), so each call looks only at the bytes that
/// arrived since the last one. The value is built once, when the scan reaches its end. So a reply
/// of *n* bytes costs O(*n*) however many reads it arrives in.
///
/// An attribute (`|`, RESP3) annotates the value after it and is skipped: the scan and the build
/// both walk values with a loop and an explicit stack, never by recursion, so a chain of
/// attributes of any length before a value costs no stack. An attribute's own keys and values
/// count toward the nesting limit while it is open, as any aggregate's do.
///
/// Limits keep a faulty or hostile server from making the client buffer without end or nest
/// without bound: aggregates nest at most ``maximumDepth`` deep, a bulk string holds at most
/// ``maximumBulkLength`` bytes (Redis's own limit), and a line (simple string, error, number,
/// length) is at most ``maximumLineLength`` bytes.
///
/// The parser is meant for one stream of bytes: between calls, the buffer may grow or have its
/// read bytes discarded, but the bytes from its reader index on must stay as they were.
struct RESPParser {
    /// The deepest nesting of aggregates accepted.
    static let maximumDepth = 64
    /// The longest bulk string accepted: Redis's own `proto-max-bulk-len` default, 512 MiB.
    static let maximumBulkLength = 512 * 1024 * 1024
    /// The longest line accepted.
    static let maximumLineLength = 64 * 1024

    /// An aggregate of the value being scanned whose elements have not all arrived.
    private struct OpenAggregate {
        /// The elements still to come.
        var remaining: Int
        /// Whether it is an attribute, which is no element of the aggregate around it.
        let isAttribute: Bool
    }

    /// Where the first header not yet complete starts, counted from the reader index.
    private var scanned = 0
    /// Where the search for that header's line end goes on, counted from the reader index.
    private var lineSearchedTo = 0
    /// The aggregates open at `scanned`, outermost first.
    private var open: [OpenAggregate] = []

    /// How many bytes the search for line ends has looked at since the parser was made: each byte
    /// of the stream at most once, plus at most one per call, however the stream is split into
    /// reads. Bulk string bodies are skipped, not searched.
    private(set) var searchedByteCount = 0
    /// How many headers have been checked since the parser was made: each header of the stream
    /// once, however the stream is split into reads.
    private(set) var checkedHeaderCount = 0

    /// Creates a parser at the start of a stream.
    init() {}

    /// The value at the front of `buffer`, moving the reader index past it; `nil`, with the buffer
    /// untouched, while the value is incomplete.
    ///
    /// - Throws: ``RESPParsingError`` when the bytes are not RESP; the parser then starts again
    ///   at the reader index.
    /// - Complexity: O(*m*) for the *m* bytes that arrived since the last call, plus O(*n*) in
    ///   the value's size when it completes.
    mutating func parse(_ buffer: inout ByteBuffer) throws(RESPParsingError) -> RESPValue? {
        // Fewer bytes than already scanned: not the same stream; start again.
        if buffer.readableBytes < scanned { restart() }
        let reader = RESPHeaderReader(view: buffer.readableBytesView)
        let end: Int
        do {
            guard let scannedEnd = try scan(reader) else { return nil }
            end = scannedEnd
        } catch {
            restart()
            throw error
        }
        restart()
        let value = RESPValueBuilder(reader: reader).value(at: reader.start)
        buffer.moveReaderIndex(forwardBy: end - reader.start)
        return value
    }

    /// Forgets the value being scanned, so the next call starts at the reader index.
    private mutating func restart() {
        scanned = 0
        lineSearchedTo = 0
        open.removeAll(keepingCapacity: true)
    }

    /// Checks the headers from where the last call stopped; the index after the value at the
    /// front, once it is complete, or `nil`.
    private mutating func scan(_ reader: RESPHeaderReader) throws(RESPParsingError) -> Int? {
        let start = reader.start
        while true {
            let position = start + scanned
            guard position < reader.view.endIndex else { return nil }
            guard open.count <= Self.maximumDepth else {
                throw reader.error("aggregates nested deeper than \(Self.maximumDepth)", at: position)
            }
            var searchFrom = start + lineSearchedTo
            let header = try reader.header(at: position, searchFrom: &searchFrom, searched: &searchedByteCount)
            guard let header else {
                lineSearchedTo = searchFrom - start
                return nil
            }
            checkedHeaderCount += 1
            scanned = header.end - start
            lineSearchedTo = scanned + 1
            switch header.kind {
            case .value:
                if completeElement() { return header.end }
            case .aggregate(let elements):
                if elements > 0 {
                    open.append(OpenAggregate(remaining: elements, isAttribute: false))
                } else if completeElement() {
                    return header.end
                }
            case .attribute(let elements):
                // An empty attribute is done at once, and the value after it is still to come.
                if elements > 0 { open.append(OpenAggregate(remaining: elements, isAttribute: true)) }
            }
        }
    }

    /// Records that an element ended at `scanned`, closing the aggregates it completes; whether
    /// that completed the value at the front.
    private mutating func completeElement() -> Bool {
        while let innermost = open.indices.last {
            open[innermost].remaining -= 1
            if open[innermost].remaining > 0 { return false }
            // An attribute is no element: the value after it is.
            if open.removeLast().isAttribute { return false }
        }
        return true
    }
}
#endif
