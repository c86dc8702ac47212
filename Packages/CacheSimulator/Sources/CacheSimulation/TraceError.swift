/// Why a trace could not be read.
public enum TraceError: Error, Equatable, CustomStringConvertible {
    /// No file at the path.
    case fileNotFound(path: String)
    /// The file exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// A line holds no key: it is empty, or only spaces and tabs.
    case malformedLine(path: String, line: Int, text: String)
    /// A line has no key in the column that ``TraceFormat/keyColumn`` names.
    case missingColumn(path: String, line: Int, column: Int, delimiter: Character, text: String)
    /// The file holds no requests.
    case empty(path: String)
    /// The file is gzip-compressed and `gzip` could not decompress it.
    case decompressionFailed(path: String, reason: String)
    /// The trace has more requests than the simulator can index (2³¹ − 1).
    case tooLong(path: String)

    /// A message naming the file, the line when there is one, and what was expected.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "\(path): no such file"
        case .unreadable(let path, let reason):
            "\(path): cannot read the file: \(reason)"
        case .malformedLine(let path, let line, let text):
            "\(path):\(line): expected a key (a number or any text) on each line, found \"\(text)\""
        case .missingColumn(let path, let line, let column, let delimiter, let text):
            "\(path):\(line): expected a key in column \(column) of '\(delimiter)'-separated fields, found \"\(text)\""
        case .empty(let path):
            "\(path): the trace holds no requests"
        case .decompressionFailed(let path, let reason):
            "\(path): gzip could not decompress the file: \(reason)"
        case .tooLong(let path):
            "\(path): the trace has more than \(Int32.max) requests"
        }
    }
}
