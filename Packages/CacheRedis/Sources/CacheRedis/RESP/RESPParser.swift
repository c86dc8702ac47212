#if Redis
import NIOCore

/// Reads one RESP2 or RESP3 value from the front of a buffer, leaving the buffer untouched while
/// the value is incomplete.
///
/// A reply that arrives in many reads is first *scanned*: the headers are checked and bulk
/// strings skipped by their length, without building anything; the value is built once, when the
/// scan reaches its end. So a reply of *n* elements arriving in *r* reads costs O(*n* × *r*)
/// header checks and one build, not *r* builds.
///
/// Limits keep a faulty or hostile server from making the client buffer without end or recurse
/// without bound: aggregates nest at most ``maximumDepth`` deep, a bulk string holds at most
/// ``maximumBulkLength`` bytes (Redis's own limit), and a line (simple string, error, number,
/// length) is at most ``maximumLineLength`` bytes.
struct RESPParser {
    /// The deepest nesting of aggregates accepted.
    static let maximumDepth = 64
    /// The longest bulk string accepted: Redis's own `proto-max-bulk-len` default, 512 MiB.
    static let maximumBulkLength = 512 * 1024 * 1024
    /// The longest line accepted.
    static let maximumLineLength = 64 * 1024

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    /// The value at the front of `buffer`, moving the reader index past it; `nil`, with the buffer
    /// untouched, while the value is incomplete.
    ///
    /// - Throws: ``RESPParsingError`` when the bytes are not RESP.
    /// - Complexity: O(*h*) for a value with *h* headers when incomplete, plus O(*n*) in its size
    ///   when complete.
    static func parse(_ buffer: inout ByteBuffer) throws(RESPParsingError) -> RESPValue? {
        let view = buffer.readableBytesView
        let reader = Reader(view: view, start: view.startIndex)
        guard let end = try reader.value(at: view.startIndex, depth: 0, building: false)?.end else { return nil }
        guard let (value, _) = try reader.value(at: view.startIndex, depth: 0, building: true) else {
            preconditionFailure("RESPParser: a scanned value could not be built")
        }
        buffer.moveReaderIndex(to: end)
        return value
    }

    /// Walks the readable bytes; positions are the buffer's own indices.
    private struct Reader {
        let view: ByteBufferView
        let start: Int

        /// The value at `position` (when `building`) and the index after it; `nil` while incomplete.
        func value(
            at position: Int,
            depth: Int,
            building: Bool
        ) throws(RESPParsingError) -> (value: RESPValue?, end: Int)? {
            guard position < view.endIndex else { return nil }
            guard depth <= RESPParser.maximumDepth else {
                throw error("aggregates nested deeper than \(RESPParser.maximumDepth)", at: position)
            }
            let type = view[position]
            guard let lineEnd = try lineEnd(from: position + 1) else { return nil }
            let line = (position + 1)..<lineEnd
            let next = lineEnd + 2
            switch type {
            case UInt8(ascii: "+"):
                return (building ? .simpleString(text(line)) : nil, next)
            case UInt8(ascii: "-"):
                return (building ? .error(text(line)) : nil, next)
            case UInt8(ascii: ":"):
                let integer = try self.integer(line)
                return (.integer(integer), next)
            case UInt8(ascii: "_"):
                guard line.isEmpty else { throw error("a null carries no data", at: line.lowerBound) }
                return (.null, next)
            case UInt8(ascii: "#"):
                switch text(line) {
                case "t": return (.boolean(true), next)
                case "f": return (.boolean(false), next)
                default: throw error("a boolean is t or f, not '\(text(line))'", at: line.lowerBound)
                }
            case UInt8(ascii: ","):
                guard let double = Double(text(line)) else {
                    throw error("'\(text(line))' is not a double", at: line.lowerBound)
                }
                return (.double(double), next)
            case UInt8(ascii: "("):
                let digits = text(line)
                let magnitude = digits.hasPrefix("-") ? digits.dropFirst() : Substring(digits)
                guard !magnitude.isEmpty, magnitude.allSatisfy(\.isASCII), magnitude.allSatisfy(\.isNumber) else {
                    throw error("'\(digits)' is not a big number", at: line.lowerBound)
                }
                return (.bigNumber(digits), next)
            case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
                return try blob(type, length: line, body: next, building: building)
            case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "|"):
                return try aggregate(type, count: line, first: next, depth: depth, building: building)
            default:
                throw error("unknown type byte \(describe(type))", at: position)
            }
        }

        /// A bulk string, bulk error or verbatim string whose length line is `length`.
        private func blob(
            _ type: UInt8,
            length line: Range<Int>,
            body: Int,
            building: Bool
        )
            throws(RESPParsingError) -> (value: RESPValue?, end: Int)?
        {
            let length = try integer(line)
            if length == -1 && type == UInt8(ascii: "$") { return (.null, body) }
            guard length >= 0, length <= RESPParser.maximumBulkLength else {
                throw error("invalid length \(length)", at: line.lowerBound)
            }
            let count = Int(length)
            guard view.endIndex - body >= count + 2 else { return nil }
            guard view[body + count] == RESPParser.carriageReturn, view[body + count + 1] == RESPParser.lineFeed
            else {
                throw error("a string of \(count) bytes does not end with CRLF", at: body + count)
            }
            let end = body + count + 2
            guard building else { return (nil, end) }
            switch type {
            case UInt8(ascii: "!"):
                return (.error(text(body..<(body + count))), end)
            case UInt8(ascii: "="):
                guard count >= 4, view[body + 3] == UInt8(ascii: ":") else {
                    throw error("a verbatim string starts with a 3-letter format and ':'", at: body)
                }
                return (.bulkString(slice(body + 4, count - 4)), end)
            default:
                return (.bulkString(slice(body, count)), end)
            }
        }

        /// An array, set, push, map or attribute whose count line is `count`.
        private func aggregate(
            _ type: UInt8,
            count line: Range<Int>,
            first: Int,
            depth: Int,
            building: Bool
        )
            throws(RESPParsingError) -> (value: RESPValue?, end: Int)?
        {
            let count = try integer(line)
            if count == -1 && type == UInt8(ascii: "*") { return (.null, first) }
            guard count >= 0, count <= Int64(Int32.max) else {
                throw error("invalid element count \(count)", at: line.lowerBound)
            }
            let isPaired = type == UInt8(ascii: "%") || type == UInt8(ascii: "|")
            let elementCount = Int(count) * (isPaired ? 2 : 1)
            var elements: [RESPValue] = []
            if building { elements.reserveCapacity(Swift.min(elementCount, 1024)) }
            var position = first
            for _ in 0..<elementCount {
                guard let (element, end) = try value(at: position, depth: depth + 1, building: building) else {
                    return nil
                }
                if let element { elements.append(element) }
                position = end
            }
            switch type {
            case UInt8(ascii: "|"):
                // An attribute annotates the value after it; the value is what the caller gets.
                return try value(at: position, depth: depth, building: building)
            case _ where !building:
                return (nil, position)
            case UInt8(ascii: "~"):
                return (.set(elements), position)
            case UInt8(ascii: ">"):
                return (.push(elements), position)
            case UInt8(ascii: "%"):
                var map: [RESPValue: RESPValue] = [:]
                for index in stride(from: 0, to: elements.count, by: 2) { map[elements[index]] = elements[index + 1] }
                return (.map(map), position)
            default:
                return (.array(elements), position)
            }
        }

        /// The index of the `\r` that ends the line starting at `start`; `nil` while incomplete.
        private func lineEnd(from start: Int) throws(RESPParsingError) -> Int? {
            let searchEnd = Swift.min(view.endIndex, start + RESPParser.maximumLineLength + 1)
            guard let carriageReturn = view[start..<searchEnd].firstIndex(of: RESPParser.carriageReturn) else {
                if searchEnd - start > RESPParser.maximumLineLength {
                    throw error("a line longer than \(RESPParser.maximumLineLength) bytes", at: start)
                }
                return nil
            }
            guard carriageReturn + 1 < view.endIndex else { return nil }
            guard view[carriageReturn + 1] == RESPParser.lineFeed else {
                throw error("CR not followed by LF", at: carriageReturn)
            }
            return carriageReturn
        }

        /// The decimal integer on `line`.
        private func integer(_ line: Range<Int>) throws(RESPParsingError) -> Int64 {
            var index = line.lowerBound
            let negative = index < line.upperBound && view[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            guard index < line.upperBound else { throw error("'\(text(line))' is not an integer", at: line.lowerBound) }
            var magnitude: UInt64 = 0
            while index < line.upperBound {
                let digit = view[index] &- UInt8(ascii: "0")
                guard digit < 10 else { throw error("'\(text(line))' is not an integer", at: line.lowerBound) }
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2, sum <= UInt64(Int64.max) + (negative ? 1 : 0) else {
                    throw error("'\(text(line))' does not fit in 64 bits", at: line.lowerBound)
                }
                magnitude = sum
                index += 1
            }
            return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: view[range], as: UTF8.self)
        }

        private func slice(_ index: Int, _ length: Int) -> ByteBuffer {
            ByteBuffer(view[index..<(index + length)])
        }

        private func describe(_ byte: UInt8) -> String {
            let hex = String(byte, radix: 16, uppercase: true)
            let code = "0x\(hex.count == 1 ? "0" : "")\(hex)"
            guard byte >= 0x20, byte < 0x7F else { return code }
            return "'\(Character(Unicode.Scalar(byte)))' (\(code))"
        }

        private func error(_ reason: String, at index: Int) -> RESPParsingError {
            RESPParsingError(reason, offset: index - start)
        }
    }
}
#endif
