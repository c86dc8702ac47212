#if Hummingbird
import HTTPTypes

/// The directives of every `Cache-Control` field of a header block.
struct CacheControlDirectives {
    /// One directive: its name, lowercased, and its argument, unquoted (`nil` when it has none).
    struct Directive: Equatable {
        /// The directive's name, lowercased.
        var name: String
        /// The directive's argument, without quotes; `nil` when it has none.
        var argument: Substring?
    }

    /// The directives, in order; empty names (as in `Cache-Control: =`) are skipped.
    let directives: [Directive]

    /// Reads every `Cache-Control` field of `headers` (directives are case-insensitive, and may be
    /// spread over several fields).
    ///
    /// - Complexity: O(*n*) in the length of the fields.
    init(_ headers: HTTPFields) {
        var directives: [Directive] = []
        for field in headers[values: .cacheControl] {
            for directive in field.split(separator: ",") {
                let equals = directive.firstIndex(of: "=")
                let name = directive[..<(equals ?? directive.endIndex)].trimmingWhitespace().lowercased()
                guard !name.isEmpty else { continue }
                let argument = equals.map {
                    directive[directive.index(after: $0)...].trimmingWhitespace().trimmingQuotes()
                }
                directives.append(Directive(name: name, argument: argument))
            }
        }
        self.directives = directives
    }

    /// Whether a directive named `name` (lowercase) is present.
    func contains(_ name: String) -> Bool {
        directives.contains { $0.name == name }
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }

    fileprivate func trimmingQuotes() -> Substring {
        count >= 2 && first == "\"" && last == "\"" ? dropFirst().dropLast() : self
    }
}
#endif
