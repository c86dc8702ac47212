#if Hummingbird
import HTTPTypes
import Testing

@testable import CacheHummingbird

@Suite("Cache-Control parsing")
struct CacheControlTests {
    func control(_ fields: String...) -> CacheControl {
        var headers = HTTPFields()
        for field in fields { headers.append(HTTPField(name: .cacheControl, value: field)) }
        return CacheControl(headers)
    }

    @Test func skipsEmptyDirectiveNames() {
        #expect(control("=") == .unspecified)
        #expect(control("max-age=60, =") == .fresh(.seconds(60)))
        #expect(control("=5, , max-age=7,") == .fresh(.seconds(7)))
        #expect(control(" = x", "s-maxage=3") == .fresh(.seconds(3)))
    }

    @Test(arguments: ["max-age=abc", "max-age", "max-age=", "max-age=-5", "max-age=+5", "s-maxage=1.5, max-age=60"])
    func anInvalidAgeMeansDoNotStore(field: String) {
        #expect(control(field) == .doNotStore)
    }

    @Test func anAgeTooLargeToRepresentIsTheLargestAge() {
        #expect(control("max-age=99999999999999999999") == .fresh(.seconds(CacheControl.largestAge)))
        #expect(control("max-age=\"10\"") == .fresh(.seconds(10)))
    }

    @Test func readsTheDirectivesThatAllowStoringAnAuthorizedResponse() {
        let directives = CacheControlDirectives([.cacheControl: "Public, MAX-AGE=5", .cacheControl: "="])
        #expect(directives.directives.map(\.name) == ["public", "max-age"])
        #expect(directives.contains("public"))
        #expect(!directives.contains("s-maxage"))
    }
}
#endif
