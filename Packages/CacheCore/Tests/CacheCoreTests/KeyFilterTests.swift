import CacheCore
import Testing

@Suite("KeyFilter")
struct KeyFilterTests {
    @Test func keyListsKeepTheirOrder() {
        let filter = KeyFilter<Int>.keys([3, 1, 2])
        #expect(filter.listedKeys == [3, 1, 2])
        #expect(filter.matches(1))
        #expect(!filter.matches(4))
    }

    @Test func globFiltersStringKeys() {
        let filter = KeyFilter<String>.glob("a?c")
        #expect(filter.matches("abc"))
        #expect(!filter.matches("abcd"))
        #expect(filter.listedKeys == nil)
        guard case .glob(let pattern) = filter.selection else {
            Issue.record("a glob filter exposes its pattern")
            return
        }
        #expect(pattern.pattern == "a?c")
    }

    @Test func regexMatchesAtTheStartOnly() {
        let filter = KeyFilter<String>.regex(/\d+-/)
        #expect(filter.matches("12-abc"))
        #expect(!filter.matches("x12-abc"))
        #expect(KeyFilter<Substring>.regex(/ab/).matches("abc"[...]))
    }

    @Test func predicatesAndAll() {
        #expect(KeyFilter<Int>.where { $0.isMultiple(of: 3) }.matches(9))
        #expect(!KeyFilter<Int>.where { $0.isMultiple(of: 3) }.matches(10))
        #expect(KeyFilter<Int>.all.matches(.min))
    }
}
