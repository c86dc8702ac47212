/// Turns the bytes of a trace — one unsigned 64-bit key in decimal per line — into keys, a chunk
/// at a time, so a trace never has to be in memory as text.
///
/// Lines end with `\n` (a `\r` before it is allowed); the last line may lack its newline. Anything
/// else on a line (a sign, spaces, a letter, an empty line, a number above `UInt64.max`) is
/// reported with its line number.
struct TraceParser {
    private(set) var keys: [UInt64] = []
    private let path: String
    private let limit: Int
    private var value: UInt64 = 0
    private var digits = 0
    private var lineNumber = 1
    private var sawCarriageReturn = false
    /// The current line's text so far (capped), for error messages.
    private var lineText: [UInt8] = []
    private var lineIsValid = true

    /// Creates a parser for the file at `path` (for messages) that stops after `limit` keys.
    init(path: String, limit: Int = .max) {
        self.path = path
        self.limit = limit
    }

    /// Whether the parser has its `limit` of keys; it ignores any further input.
    var isComplete: Bool { keys.count >= limit }

    /// Parses the next chunk of bytes.
    ///
    /// - Complexity: O(*n*) for *n* bytes.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) throws(TraceError) {
        for byte in bytes {
            if isComplete { return }
            if byte == UInt8(ascii: "\n") {
                try endLine()
                continue
            }
            if lineText.count < 40 { lineText.append(byte) }
            if sawCarriageReturn { lineIsValid = false }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
                if overflow1 || overflow2 { lineIsValid = false }
                value = sum
                digits &+= 1
            case UInt8(ascii: "\r"):
                sawCarriageReturn = true
            default:
                lineIsValid = false
            }
        }
    }

    /// Ends the input: a last line without a newline counts; an empty trace is an error.
    mutating func finish() throws(TraceError) -> [UInt64] {
        if !isComplete && (digits > 0 || !lineText.isEmpty) { try endLine() }
        guard !keys.isEmpty else { throw .empty(path: path) }
        guard keys.count < Int(Int32.max) else { throw .tooLong(path: path) }
        return keys
    }

    private mutating func endLine() throws(TraceError) {
        guard lineIsValid, digits > 0 else {
            var text = String(decoding: lineText, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            throw .malformedLine(path: path, line: lineNumber, text: text)
        }
        keys.append(value)
        value = 0
        digits = 0
        lineNumber &+= 1
        sawCarriageReturn = false
        lineIsValid = true
        lineText.removeAll(keepingCapacity: true)
    }
}
