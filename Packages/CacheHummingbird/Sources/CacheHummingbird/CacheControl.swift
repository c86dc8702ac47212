#if Hummingbird
import HTTPTypes

/// What a response's `Cache-Control` says about storing it in a shared cache.
enum CacheControl: Equatable {
    /// It must not be stored: `no-store`, `private`, `no-cache`, or a zero `max-age`/`s-maxage`.
    case doNotStore
    /// It is fresh for this long: its `s-maxage`, else its `max-age`.
    case fresh(Duration)
    /// It says nothing about freshness: the middleware's default TTL applies.
    case unspecified

    /// Reads every `Cache-Control` field of `headers` (directives are case-insensitive, and may be
    /// spread over several fields).
    ///
    /// - Complexity: O(*n*) in the length of the fields.
    init(_ headers: HTTPFields) {
        var maxAge: Int64?
        var sharedMaxAge: Int64?
        for field in headers[values: .cacheControl] {
            for directive in field.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1)
                let name = parts[0].trimmingWhitespace().lowercased()
                let argument = parts.count > 1 ? parts[1].trimmingWhitespace().trimmingQuotes() : nil
                switch name {
                case "no-store", "private", "no-cache":
                    self = .doNotStore
                    return
                case "max-age": maxAge = argument.flatMap { Int64($0) } ?? maxAge
                case "s-maxage": sharedMaxAge = argument.flatMap { Int64($0) } ?? sharedMaxAge
                default: continue
                }
            }
        }
        guard let seconds = sharedMaxAge ?? maxAge else {
            self = .unspecified
            return
        }
        self = seconds > 0 ? .fresh(.seconds(seconds)) : .doNotStore
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
