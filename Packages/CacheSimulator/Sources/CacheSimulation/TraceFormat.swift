/// How the lines of a trace name their keys.
///
/// Each line is one request. Its key is the whole line, or one column of it (`keyColumn`, for CSV
/// and other delimited formats such as Twitter's cache traces, whose second column is the key),
/// with spaces and tabs around it ignored. A key written as an unsigned 64-bit integer in decimal
/// is that number; any other text (a URL, a UUID, a hexadecimal block address) is hashed to one
/// with 64-bit FNV-1a, the same in every process, so replays are reproducible. Two different
/// texts, or a text and a number, share a key only when their hashes collide (about one chance in
/// 2⁶⁴ per pair).
public struct TraceFormat: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based column that holds the key, or `nil` when the whole line is the key.
    public var keyColumn: Int?
    /// The byte that separates columns when `keyColumn` is set (`,` by default).
    public var delimiter: UInt8
    /// Whether the first line is a header to skip rather than a request.
    public var skipsHeader: Bool

    /// One key per line, the whole line; no header.
    public static let lines = TraceFormat()

    /// Describes a trace format.
    ///
    /// - Parameters:
    ///   - keyColumn: The 1-based column that holds the key, or `nil` for the whole line.
    ///   - delimiter: The ASCII character that separates columns.
    ///   - skipsHeader: Whether to skip the first line.
    public init(keyColumn: Int? = nil, delimiter: Character = ",", skipsHeader: Bool = false) {
        precondition(keyColumn.map { $0 >= 1 } ?? true, "TraceFormat: columns count from 1, got \(keyColumn ?? 0)")
        precondition(
            delimiter.isASCII && delimiter != "\n" && delimiter != "\r",
            "TraceFormat: the delimiter must be one ASCII character other than a line break, got \(delimiter.debugDescription)"
        )
        self.keyColumn = keyColumn
        self.delimiter = delimiter.asciiValue!
        self.skipsHeader = skipsHeader
    }

    /// `column 2 of ','-separated lines, header skipped`, or `one key per line`.
    public var description: String {
        var text =
            keyColumn.map { "column \($0) of '\(Character(Unicode.Scalar(delimiter)))'-separated lines" }
            ?? "one key per line"
        if skipsHeader { text += ", header skipped" }
        return text
    }

    /// The key that `text` names: its value when it is an unsigned 64-bit integer in decimal,
    /// otherwise its FNV-1a hash.
    ///
    /// - Complexity: O(*n*) for *n* bytes.
    public static func key(of text: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        var isNumber = !text.isEmpty
        for byte in text {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                isNumber = false
                break
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            if overflow1 || overflow2 {
                isNumber = false
                break
            }
            value = sum
        }
        if isNumber { return value }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
