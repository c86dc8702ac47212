/// Checks and builds the Swift names the generator writes.
enum SwiftIdentifier {
    /// Words that need backticks as property names.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "as", "Any", "false", "is", "nil", "self", "Self", "super",
        "throws", "true", "try", "await", "package", "consume", "copy", "discard", "each", "borrowing",
        "consuming",
    ]

    /// Whether `name` is a plain identifier: ASCII letters, digits and underscores, not starting
    /// with a digit.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
        }
    }

    /// Whether `name` is a module name an `import` accepts: identifiers joined by dots.
    static func isValidModule(_ name: String) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isValid(String($0)) }
    }

    /// Whether `type` looks like Swift type syntax: identifiers, dots, generic arguments, optionals,
    /// arrays, dictionaries and tuples. The compiler checks the rest.
    static func isPlausibleType(_ type: String) -> Bool {
        let allowed = Set("<>[]():,.? _")
        guard !type.isEmpty, type.first != " ", type.last != " " else { return false }
        return type.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }
    }

    /// The lowerCamelCase property name for a cache name: `user-sessions` → `userSessions`;
    /// `nil` when the name has no letters or starts with a digit.
    static func propertyName(forCacheName name: String) -> String? {
        let words = name.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
        guard let first = words.first, let initial = first.first, initial.isLetter else { return nil }
        let head = first.allSatisfy(\.isUppercase) ? first.lowercased() : initial.lowercased() + first.dropFirst()
        return head + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `name`, in backticks when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }
}
