/// Turns the bytes of a trace into keys, a chunk at a time, so a trace never has to be in memory
/// as text. What a line holds is described by a ``TraceFormat``.
///
/// Lines end with `\n` (a `\r` before it is dropped); the last line may lack its newline. A line
/// with no key (empty, or without the key's column) is reported with its line number.
struct TraceParser {
    private(set) var keys: [UInt64] = []
    private let path: String
    private let limit: Int
    private let format: TraceFormat
    private var line: [UInt8] = []
    private var lineNumber = 1

    /// Creates a parser for the file at `path` (for messages) that stops after `limit` keys.
    init(path: String, format: TraceFormat = .lines, limit: Int = .max) {
        self.path = path
        self.format = format
        self.limit = limit
        line.reserveCapacity(256)
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
            } else {
                line.append(byte)
            }
        }
    }

    /// Ends the input: a last line without a newline counts; an empty trace is an error.
    mutating func finish() throws(TraceError) -> [UInt64] {
        if !isComplete && !line.isEmpty { try endLine() }
        guard !keys.isEmpty else { throw .empty(path: path) }
        guard keys.count < Int(Int32.max) else { throw .tooLong(path: path) }
        return keys
    }

    private mutating func endLine() throws(TraceError) {
        defer {
            line.removeAll(keepingCapacity: true)
            lineNumber &+= 1
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        if format.skipsHeader && lineNumber == 1 { return }
        guard let field = keyField() else {
            let text = String(decoding: line.prefix(80), as: UTF8.self)
            if let column = format.keyColumn {
                throw .missingColumn(
                    path: path,
                    line: lineNumber,
                    column: column,
                    delimiter: Character(Unicode.Scalar(format.delimiter)),
                    text: text
                )
            }
            throw .malformedLine(path: path, line: lineNumber, text: text)
        }
        keys.append(TraceFormat.key(of: line[field]))
    }

    /// The bounds of the line's key, spaces and tabs around it left out; `nil` when it has none.
    private func keyField() -> Range<Int>? {
        var start = 0
        var end = line.count
        if let column = format.keyColumn {
            var current = 1
            var fieldStart = 0
            var found = false
            for index in line.indices where line[index] == format.delimiter {
                if current == column {
                    end = index
                    found = true
                    break
                }
                current += 1
                fieldStart = index + 1
            }
            guard found || current == column else { return nil }
            start = fieldStart
        }
        while start < end && (line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t")) { start += 1 }
        while end > start && (line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
        return start < end ? start..<end : nil
    }
}
