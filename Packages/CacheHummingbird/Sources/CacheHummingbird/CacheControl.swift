#if Hummingbird
import HTTPTypes

/// What a response's `Cache-Control` says about storing it in a shared cache.
enum CacheControl: Equatable {
    /// It must not be stored: `no-store`, `private`, `no-cache`, a zero `max-age`/`s-maxage`, or
    /// one whose value is not a number of seconds (RFC 9111 §4.2.1: an invalid age means stale).
    case doNotStore
    /// It is fresh for this long: its `s-maxage`, else its `max-age`.
    case fresh(Duration)
    /// It says nothing about freshness: the middleware's default TTL applies.
    case unspecified

    /// The age RFC 9111 §1.2.2 has a cache use for a number of seconds too large to represent.
    static let largestAge: Int64 = 2_147_483_648

    /// Reads every `Cache-Control` field of `headers`.
    ///
    /// - Complexity: O(*n*) in the length of the fields.
    init(_ headers: HTTPFields) {
        self.init(CacheControlDirectives(headers))
    }

    /// Reads the directives of a response.
    ///
    /// - Complexity: O(*n*) in the number of directives.
    init(_ control: CacheControlDirectives) {
        var maxAge: Int64??
        var sharedMaxAge: Int64??
        for directive in control.directives {
            switch directive.name {
            case "no-store", "private", "no-cache":
                self = .doNotStore
                return
            case "max-age": maxAge = .some(Self.seconds(directive.argument))
            case "s-maxage": sharedMaxAge = .some(Self.seconds(directive.argument))
            default: continue
            }
        }
        guard let given = sharedMaxAge ?? maxAge else {
            self = .unspecified
            return
        }
        guard let seconds = given, seconds > 0 else {
            self = .doNotStore
            return
        }
        self = .fresh(.seconds(seconds))
    }

    /// The delta-seconds in `argument`, or `nil` when it is not one (missing, empty, signed, or
    /// not digits); a number too large to represent is ``largestAge``.
    private static func seconds(_ argument: Substring?) -> Int64? {
        guard let argument, !argument.isEmpty, argument.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return min(Int64(argument) ?? largestAge, largestAge)
    }
}
#endif
