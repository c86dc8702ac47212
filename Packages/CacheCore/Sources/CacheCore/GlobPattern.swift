/// A shell-style wildcard pattern with the semantics of Python's `fnmatch.fnmatchcase`.
///
/// - `*` matches any run of characters, including none;
/// - `?` matches exactly one character;
/// - `[seq]` matches one character in `seq`, `[!seq]` one character not in it; `seq` may hold
///   ranges such as `a-z`; a `]` right after `[` or `[!` is literal, and so is a `-` at either end;
///   a reversed range (`z-a`) matches nothing;
/// - a `[` without a closing `]` is literal, and so is every other character (there are no escapes:
///   write `[*]` for a literal `*`).
///
/// The whole string must match (as `fnmatch` does), case-sensitively. Characters are Unicode
/// scalars, as Python's code points are.
public struct GlobPattern: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline
    enum Token: Hashable, Sendable {
        case literal(Unicode.Scalar)
        case anyCharacter
        case anyRun
        case set(negated: Bool, members: [ClosedRange<Unicode.Scalar>])
    }

    /// The pattern as written.
    public let pattern: String

    @usableFromInline
    let tokens: [Token]

    /// Compiles `pattern`.
    ///
    /// - Complexity: O(*n*) in the length of the pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        self.tokens = GlobPattern.compile(Array(pattern.unicodeScalars))
    }

    /// Whether `string` matches the whole pattern.
    ///
    /// - Complexity: O(*n* × *m*) in the worst case for a string of length *n* and a pattern of
    ///   length *m*; O(*n*) for patterns with at most one `*`.
    public func matches(_ string: some StringProtocol) -> Bool {
        let scalars = Array(string.unicodeScalars)
        var position = 0
        var tokenIndex = 0
        var starTokenIndex = -1
        var starPosition = 0
        while position < scalars.count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .anyRun:
                    starTokenIndex = tokenIndex
                    starPosition = position
                    tokenIndex += 1
                    continue
                case .anyCharacter:
                    position += 1
                    tokenIndex += 1
                    continue
                case .literal(let scalar) where scalar == scalars[position]:
                    position += 1
                    tokenIndex += 1
                    continue
                case .set(let negated, let members)
                where members.contains(where: { $0.contains(scalars[position]) }) != negated:
                    position += 1
                    tokenIndex += 1
                    continue
                default:
                    break
                }
            }
            guard starTokenIndex >= 0 else { return false }
            starPosition += 1
            position = starPosition
            tokenIndex = starTokenIndex + 1
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .anyRun { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }

    /// The pattern as written.
    public var description: String { pattern }

    private static func compile(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?":
                tokens.append(.anyCharacter)
            case "[":
                guard let (token, next) = compileSet(scalars, from: index) else {
                    tokens.append(.literal("["))
                    continue
                }
                tokens.append(token)
                index = next
            default:
                tokens.append(.literal(scalar))
            }
        }
        return tokens
    }

    /// Compiles the set that starts at `start` (just after its `[`), returning the token and the
    /// index after the closing `]`, or `nil` when there is no closing `]`.
    private static func compileSet(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var end = start
        if end < scalars.count, scalars[end] == "!" { end += 1 }
        if end < scalars.count, scalars[end] == "]" { end += 1 }
        while end < scalars.count, scalars[end] != "]" { end += 1 }
        guard end < scalars.count else { return nil }

        var index = start
        let negated = index < end && scalars[index] == "!"
        if negated { index += 1 }
        var members: [ClosedRange<Unicode.Scalar>] = []
        while index < end {
            let low = scalars[index]
            if index + 2 < end, scalars[index + 1] == "-" {
                let high = scalars[index + 2]
                if low <= high { members.append(low...high) }
                index += 3
            } else {
                members.append(low...low)
                index += 1
            }
        }
        return (.set(negated: negated, members: members), end + 1)
    }
}
