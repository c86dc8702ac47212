import CacheCore
import Testing

/// Cases checked against Python's `fnmatch.fnmatchcase`.
@Suite("GlobPattern")
struct GlobPatternTests {
    @Test(arguments: [
        ("*", "", true), ("*", "anything", true), ("a*", "abc", true), ("a*", "bac", false),
        ("*c", "abc", true), ("a*c", "ac", true), ("a*c", "abcd", false), ("a**c", "abbc", true),
        ("?", "a", true), ("?", "", false), ("?", "ab", false), ("a?c", "abc", true),
        ("[abc]", "b", true), ("[abc]", "d", false), ("[!abc]", "d", true), ("[!abc]", "a", false),
        ("[a-c]x", "bx", true), ("[a-c]x", "dx", false), ("[!a-c]x", "dx", true),
        ("[]]", "]", true), ("[!]]", "a", true), ("[!]]", "]", false),
        ("[a-]", "-", true), ("[-a]", "-", true), ("[a-c-e]", "-", true), ("[a-c-e]", "d", false),
        ("[z-a]", "m", false), ("[xz-a]", "x", true), ("[xz-a]", "z", false),
        ("[", "[", true), ("[abc", "[abc", true), ("a[*]b", "a*b", true), ("a[*]b", "axb", false),
        ("a\\b", "a\\b", true), ("user:*:name", "user:12:name", true), ("user:*:name", "user:12:email", false),
        ("*.txt", "notes.txt", true), ("*.txt", "notes.txt.bak", false), ("é?", "éa", true),
        ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false), ("*a", "aaaa", true),
    ])
    func matchesLikeFnmatch(pattern: String, string: String, matches: Bool) {
        #expect(GlobPattern(pattern).matches(string) == matches, "\(pattern) vs \(string)")
    }

    @Test func isCaseSensitiveAndKeepsItsText() {
        let pattern = GlobPattern("User*")
        #expect(pattern.matches("User1"))
        #expect(!pattern.matches("user1"))
        #expect(pattern.description == "User*")
        #expect(GlobPattern("a*") == GlobPattern("a*"))
    }
}
