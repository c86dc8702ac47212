/// Selects keys for the bulk operations of a cache: `getMany`, `deleteMany`, `keys(matching:)`.
///
///     cache.getMany(.keys(["a", "b"]))           // these keys, where present
///     cache.deleteMany(.glob("user:*:session"))   // fnmatch-style wildcards, whole key
///     cache.keys(matching: .regex(/user:\d+/))    // a Regex matched from the start of the key
///     cache.deleteMany(.where { $0.hasPrefix("tmp") })
///
/// Glob and regex filters exist only for string keys. A predicate runs outside the cache's lock,
/// on a snapshot of its keys, so it may itself use the cache.
public struct KeyFilter<Key: Hashable & Sendable>: Sendable {
    /// How a filter selects keys.
    public enum Selection: Sendable {
        /// Exactly these keys (those present); results follow this order where they have one.
        case keys([Key])
        /// Keys that match a wildcard pattern.
        case glob(GlobPattern)
        /// Keys a Swift `Regex` matches from their first character (not necessarily to the end).
        case regex(@Sendable (Key) -> Bool)
        /// Keys for which the predicate returns `true`.
        case predicate(@Sendable (Key) -> Bool)
    }

    /// How this filter selects keys.
    public let selection: Selection

    @usableFromInline
    let matcher: @Sendable (Key) -> Bool

    private init(selection: Selection, matcher: @escaping @Sendable (Key) -> Bool) {
        self.selection = selection
        self.matcher = matcher
    }

    /// Selects exactly `keys`.
    ///
    /// - Complexity: O(*k*) to build, for *k* keys.
    public static func keys(_ keys: some Sequence<Key>) -> KeyFilter {
        let list = Array(keys)
        let members = Set(list)
        return KeyFilter(selection: .keys(list)) { members.contains($0) }
    }

    /// Selects the keys for which `predicate` returns `true`.
    ///
    /// - Complexity: O(1) to build; matching a key calls `predicate` once.
    public static func `where`(_ predicate: @escaping @Sendable (Key) -> Bool) -> KeyFilter {
        KeyFilter(selection: .predicate(predicate), matcher: predicate)
    }

    /// Selects every key.
    public static var all: KeyFilter { .where { _ in true } }

    /// Whether this filter selects `key`.
    ///
    /// - Complexity: O(1) on average for listed keys; for a pattern, that of matching it; for a
    ///   predicate, one call of it.
    @inlinable
    public func matches(_ key: Key) -> Bool { matcher(key) }

    /// The listed keys when this filter is ``keys(_:)``, `nil` otherwise.
    public var listedKeys: [Key]? {
        if case .keys(let keys) = selection { return keys }
        return nil
    }
}

extension KeyFilter where Key: StringProtocol {
    /// Selects the keys that match the wildcard `pattern` as a whole (see ``GlobPattern``).
    ///
    /// - Complexity: O(*m*) to build, for a pattern of length *m*; matching is that of
    ///   `GlobPattern.matches(_:)`.
    public static func glob(_ pattern: String) -> KeyFilter {
        let compiled = GlobPattern(pattern)
        return KeyFilter(selection: .glob(compiled)) { compiled.matches($0) }
    }

    /// Selects the keys that `regex` matches starting at their first character, like Python's
    /// `re.match`: `/user:\d+/` selects `"user:12"` and `"user:12:name"`, not `"x-user:12"`.
    ///
    /// - Complexity: O(1) to build; matching a key is one `prefixMatch` of `regex`.
    public static func regex<Output>(_ regex: Regex<Output>) -> KeyFilter {
        let shared = SharedRegex(regex: regex)
        let matcher: @Sendable (Key) -> Bool = { key in
            (try? shared.regex.prefixMatch(in: String(key))) != nil
        }
        return KeyFilter(selection: .regex(matcher), matcher: matcher)
    }
}

/// Carries a `Regex` into a `@Sendable` matcher.
///
/// `Regex` is an immutable value that the standard library does not mark `Sendable`. The program
/// it compiles on first use is published atomically, and a match builds its captures anew, so
/// several threads may match with one regex at once (the Swift project's own benchmarks share
/// regexes across threads the same way). Only `KeyFilter.regex` holds one.
private struct SharedRegex<Output>: @unchecked Sendable {
    let regex: Regex<Output>
}
