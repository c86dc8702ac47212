/// Why a trace could not be read.
public enum TraceError: Error, Equatable, CustomStringConvertible {
    /// No file at the path.
    case fileNotFound(path: String)
    /// The file exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// A line is not an unsigned 64-bit integer in decimal.
    case malformedLine(path: String, line: Int, text: String)
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
            "\(path):\(line): expected one unsigned 64-bit integer in decimal per line, found \"\(text)\""
        case .empty(let path):
            "\(path): the trace holds no requests"
        case .decompressionFailed(let path, let reason):
            "\(path): gzip could not decompress the file: \(reason)"
        case .tooLong(let path):
            "\(path): the trace has more than \(Int32.max) requests"
        }
    }
}
