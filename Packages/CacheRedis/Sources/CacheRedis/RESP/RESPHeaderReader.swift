#if Redis
import NIOCore

/// Reads and checks the headers of RESP values in the readable bytes of a buffer, and builds the
/// values of scalar headers; positions are the buffer's own indices.
///
/// Every check of the RESP grammar and every limit but the nesting depth is here, so that the
/// scan of an incomplete reply and the build of a complete one agree on what is valid.
struct RESPHeaderReader {
    /// The readable bytes.
    let view: ByteBufferView

    /// The first byte of a line end.
    private static let carriageReturn = UInt8(ascii: "\r")
    /// The second byte of a line end.
    private static let lineFeed = UInt8(ascii: "\n")

    /// The index of the reply's first byte, from which error offsets count.
    var start: Int { view.startIndex }

    /// Creates a reader of `view`, whose first byte starts a reply.
    init(view: ByteBufferView) {
        self.view = view
    }

    /// The header at `position`, checked; `nil` while its bytes have not all arrived.
    ///
    /// - Parameters:
    ///   - position: The index of the type byte; at least one byte must be readable there.
    ///   - searchFrom: Where the search for the end of the header's line goes on (at least
    ///     `position + 1`); on `nil`, set to where the next search should go on, so that bytes
    ///     already searched are not searched again when more arrive.
    ///   - searched: Increased by the number of bytes the line search looked at.
    /// - Throws: ``RESPParsingError`` when the bytes are not RESP.
    /// - Complexity: O(*m*) for the *m* bytes searched, plus O(*l*) for a line of length *l*.
    func header(
        at position: Int,
        searchFrom: inout Int,
        searched: inout Int
    ) throws(RESPParsingError) -> RESPHeader? {
        let type = view[position]
        // An unknown type byte is an error at once, not after its line has arrived.
        guard Self.isTypeByte(type) else { throw error("unknown type byte \(describe(type))", at: position) }
        guard let lineEnd = try lineEnd(of: position + 1, searchFrom: &searchFrom, searched: &searched) else {
            return nil
        }
        let line = (position + 1)..<lineEnd
        let next = lineEnd + 2
        switch type {
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            break
        case UInt8(ascii: ":"):
            _ = try integer(line)
        case UInt8(ascii: "_"):
            guard line.isEmpty else { throw error("a null carries no data", at: line.lowerBound) }
        case UInt8(ascii: "#"):
            guard line.count == 1,
                view[line.lowerBound] == UInt8(ascii: "t") || view[line.lowerBound] == UInt8(ascii: "f")
            else {
                throw error("a boolean is t or f, not '\(text(line))'", at: line.lowerBound)
            }
        case UInt8(ascii: ","):
            _ = try double(line)
        case UInt8(ascii: "("):
            _ = try bigNumber(line)
        case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
            return try blob(type, length: line, body: next)
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "|"):
            return try aggregate(type, count: line, first: next)
        default:
            throw error("unknown type byte \(describe(type))", at: position)
        }
        return RESPHeader(type: type, line: line, end: next, kind: .value)
    }

    /// The value of a header whose kind is ``RESPHeader/Kind/value``, which ``header(at:searchFrom:searched:)``
    /// has checked.
    ///
    /// - Complexity: O(*l*) in the header's line and body.
    func value(of header: RESPHeader) -> RESPValue {
        let line = header.line
        do {
            switch header.type {
            case UInt8(ascii: "+"): return .simpleString(text(line))
            case UInt8(ascii: "-"): return .error(text(line))
            case UInt8(ascii: ":"): return .integer(try integer(line))
            case UInt8(ascii: "#"): return .boolean(view[line.lowerBound] == UInt8(ascii: "t"))
            case UInt8(ascii: ","): return .double(try double(line))
            case UInt8(ascii: "("): return .bigNumber(try bigNumber(line))
            case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
                let length = Int(try integer(line))
                guard length >= 0 else { return .null }
                let body = line.upperBound + 2
                switch header.type {
                case UInt8(ascii: "!"): return .error(text(body..<(body + length)))
                case UInt8(ascii: "="): return .bulkString(slice(body + 4, length - 4))
                default: return .bulkString(slice(body, length))
                }
            default: return .null  // `_`, and the null array `*-1`
            }
        } catch {
            preconditionFailure("RESPHeaderReader: a checked header does not parse: \(error)")
        }
    }

    /// Whether `byte` starts a RESP2 or RESP3 value.
    private static func isTypeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "#"),
            UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="),
            UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "|"):
            true
        default:
            false
        }
    }

    /// A bulk string, bulk error or verbatim string whose length line is `line`.
    private func blob(_ type: UInt8, length line: Range<Int>, body: Int) throws(RESPParsingError) -> RESPHeader? {
        let length = try integer(line)
        if length == -1 && type == UInt8(ascii: "$") {
            return RESPHeader(type: type, line: line, end: body, kind: .value)
        }
        guard length >= 0, length <= RESPParser.maximumBulkLength else {
            throw error("invalid length \(length)", at: line.lowerBound)
        }
        let count = Int(length)
        guard view.endIndex - body >= count + 2 else { return nil }
        guard view[body + count] == Self.carriageReturn, view[body + count + 1] == Self.lineFeed else {
            throw error("a string of \(count) bytes does not end with CRLF", at: body + count)
        }
        if type == UInt8(ascii: "="), count < 4 || view[body + 3] != UInt8(ascii: ":") {
            throw error("a verbatim string starts with a 3-letter format and ':'", at: body)
        }
        return RESPHeader(type: type, line: line, end: body + count + 2, kind: .value)
    }

    /// An array, set, push, map or attribute whose count line is `line`.
    private func aggregate(_ type: UInt8, count line: Range<Int>, first: Int) throws(RESPParsingError) -> RESPHeader {
        let count = try integer(line)
        if count == -1 && type == UInt8(ascii: "*") {
            return RESPHeader(type: type, line: line, end: first, kind: .value)
        }
        guard count >= 0, count <= Int64(Int32.max) else {
            throw error("invalid element count \(count)", at: line.lowerBound)
        }
        let isPaired = type == UInt8(ascii: "%") || type == UInt8(ascii: "|")
        let elements = Int(count) * (isPaired ? 2 : 1)
        let kind: RESPHeader.Kind =
            type == UInt8(ascii: "|") ? .attribute(elements: elements) : .aggregate(elements: elements)
        return RESPHeader(type: type, line: line, end: first, kind: kind)
    }

    /// The index of the `\r` that ends the line starting at `lineStart`; `nil` while incomplete.
    ///
    /// The search starts at `searchFrom` (bytes before it are known to hold no `\r`) and, on
    /// `nil`, leaves it where the next search should start.
    private func lineEnd(
        of lineStart: Int,
        searchFrom: inout Int,
        searched: inout Int
    ) throws(RESPParsingError) -> Int? {
        let from = Swift.max(searchFrom, lineStart)
        let searchEnd = Swift.min(view.endIndex, lineStart + RESPParser.maximumLineLength + 1)
        guard from < searchEnd, let carriageReturn = view[from..<searchEnd].firstIndex(of: Self.carriageReturn)
        else {
            searched += Swift.max(0, searchEnd - from)
            if searchEnd - lineStart > RESPParser.maximumLineLength {
                throw error("a line longer than \(RESPParser.maximumLineLength) bytes", at: lineStart)
            }
            searchFrom = Swift.max(from, searchEnd)
            return nil
        }
        searched += carriageReturn + 1 - from
        guard carriageReturn + 1 < view.endIndex else {
            searchFrom = carriageReturn
            return nil
        }
        guard view[carriageReturn + 1] == Self.lineFeed else {
            throw error("CR not followed by LF", at: carriageReturn)
        }
        searchFrom = carriageReturn
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

    /// The double on `line`.
    private func double(_ line: Range<Int>) throws(RESPParsingError) -> Double {
        guard let double = Double(text(line)) else {
            throw error("'\(text(line))' is not a double", at: line.lowerBound)
        }
        return double
    }

    /// The digits of the big number on `line`.
    private func bigNumber(_ line: Range<Int>) throws(RESPParsingError) -> String {
        let digits = text(line)
        let magnitude = digits.hasPrefix("-") ? digits.dropFirst() : Substring(digits)
        guard !magnitude.isEmpty, magnitude.allSatisfy(\.isASCII), magnitude.allSatisfy(\.isNumber) else {
            throw error("'\(digits)' is not a big number", at: line.lowerBound)
        }
        return digits
    }

    /// The bytes at `range`, decoded as UTF-8.
    private func text(_ range: Range<Int>) -> String {
        String(decoding: view[range], as: UTF8.self)
    }

    /// A copy of `length` bytes from `index`, so that a value does not keep the whole reply alive.
    private func slice(_ index: Int, _ length: Int) -> ByteBuffer {
        ByteBuffer(view[index..<(index + length)])
    }

    /// `byte` for an error message: its character when printable, and its code.
    private func describe(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let code = "0x\(hex.count == 1 ? "0" : "")\(hex)"
        guard byte >= 0x20, byte < 0x7F else { return code }
        return "'\(Character(Unicode.Scalar(byte)))' (\(code))"
    }

    /// A parsing error at `index`, counted from the reply's first byte.
    func error(_ reason: String, at index: Int) -> RESPParsingError {
        RESPParsingError(reason, offset: index - start)
    }
}
#endif
