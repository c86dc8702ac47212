/// A plain-text table with aligned columns, for terminal reports.
public struct TextTable: Sendable {
    /// How a column aligns its cells.
    public enum Alignment: Sendable {
        /// Pads on the right.
        case left
        /// Pads on the left (for numbers).
        case right
    }

    /// The column headers.
    public var headers: [String]
    /// How each column aligns.
    public var alignments: [Alignment]
    /// The rows, each with one cell per column.
    public var rows: [[String]] = []

    /// Creates a table with `headers`; columns align left unless `alignments` says otherwise.
    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    /// Adds a row.
    public mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "TextTable: a row needs \(headers.count) cells, got \(row.count)")
        rows.append(row)
    }

    /// The table, a line per row, columns separated by two spaces, headers underlined.
    public func render() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([line(headers), line(rule)] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
