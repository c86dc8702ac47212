#if Redis
/// Turns a `GlobPattern` (fnmatch) into a Redis `SCAN … MATCH` pattern that selects *at least*
/// the keys the glob selects; the cache then checks each key found with the glob itself, so
/// results have exactly fnmatch's semantics.
///
/// The two dialects differ, which is why Redis's match is only a first cut:
///
/// | | fnmatch (`GlobPattern`) | Redis `MATCH` |
/// |---|---|---|
/// | negated set | `[!a-c]` | `[^a-c]` |
/// | escapes | none: `\` is a literal | `\x` is a literal `x` |
/// | unit | a Unicode scalar: `?` is one character | a byte: `?` is one byte of UTF-8 |
/// | reversed range `[z-a]` | matches nothing | matches `a` to `z` |
/// | `[` with no `]` | a literal `[` | a set to the end of the pattern |
///
/// So literals are escaped; `?`, negated sets and sets with non-ASCII members (one scalar is one
/// to four bytes) become `?*`; other sets are kept, their special members escaped (a range whose
/// end is special is spelled out); an unclosed `[` is an escaped literal.
enum RedisGlob {
    /// The `MATCH` pattern for keys made of `prefix` (taken literally) then text that
    /// `fnmatchPattern` matches.
    ///
    /// - Complexity: O(*n*) in the pattern's length (a spelled-out range adds at most 128).
    static func matchPattern(prefix: String, fnmatch fnmatchPattern: String) -> String {
        var result = escaped(prefix)
        let scalars = Array(fnmatchPattern.unicodeScalars)
        var index = 0
        var endsInStar = false
        func append(_ piece: String, star: Bool = false) {
            if star && endsInStar { return }
            result += piece
            endsInStar = star
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                append("*", star: true)
            case "?":
                append("?")
                append("*", star: true)
            case "[":
                guard let (set, next) = set(scalars, from: index) else {
                    append("\\[")
                    continue
                }
                index = next
                if let set {
                    append(set)
                } else {
                    append("?")
                    append("*", star: true)
                }
            default:
                append(escaped(String(scalar)))
            }
        }
        return result
    }

    /// `text` with every character Redis's matcher treats specially escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if "*?[]\\".unicodeScalars.contains(scalar) { result.unicodeScalars.append("\\") }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// The set starting at `start` (just after `[`), by `GlobPattern`'s rules: the Redis set, or
    /// `nil` when it must widen to `?*`; and the index after `]`. `nil` altogether when there is
    /// no closing `]`.
    private static func set(_ scalars: [Unicode.Scalar], from start: Int) -> (String?, Int)? {
        var end = start
        if end < scalars.count, scalars[end] == "!" { end += 1 }
        if end < scalars.count, scalars[end] == "]" { end += 1 }
        while end < scalars.count, scalars[end] != "]" { end += 1 }
        guard end < scalars.count else { return nil }
        var index = start
        if scalars[index] == "!" { return (nil, end + 1) }
        var members = ""
        while index < end {
            let low = scalars[index]
            var high = low
            if index + 2 < end, scalars[index + 1] == "-" {
                high = scalars[index + 2]
                index += 3
            } else {
                index += 1
            }
            guard low.isASCII, high.isASCII else { return (nil, end + 1) }
            if low == high {
                members += member(low)
            } else if low < high && !isSpecialInSet(low) && !isSpecialInSet(high) {
                members += "\(low)-\(high)"
            } else if low < high {
                for value in low.value...high.value { members += member(Unicode.Scalar(UInt8(value))) }
            }
        }
        return (members.isEmpty ? nil : "[\(members)]", end + 1)
    }

    private static func isSpecialInSet(_ scalar: Unicode.Scalar) -> Bool {
        "\\]^-[".unicodeScalars.contains(scalar)
    }

    private static func member(_ scalar: Unicode.Scalar) -> String {
        isSpecialInSet(scalar) ? "\\\(scalar)" : "\(scalar)"
    }
}
#endif
