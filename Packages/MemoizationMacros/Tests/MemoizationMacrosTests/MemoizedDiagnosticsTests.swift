#if Macros
import SwiftSyntaxMacrosGenericTestSupport
import Testing

@Suite("@Memoized diagnostics")
struct MemoizedDiagnosticsTests {
    @Test func notAFunction() {
        assertMemoizedExpansion(
            """
            @Memoized
            var answer: Int { 42 }
            """,
            expandedSource: """
                var answer: Int { 42 }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Memoized can only be applied to a function",
                    line: 1,
                    column: 1,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                )
            ],
            fixedSource: """
                var answer: Int { 42 }
                """
        )
    }

    @Test func aFunctionWithoutABody() {
        assertMemoizedExpansion(
            """
            protocol Pricing {
                @Memoized
                func price(of item: String) -> Int
            }
            """,
            expandedSource: """
                protocol Pricing {
                    func price(of item: String) -> Int
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Memoized needs the function's body: it caches what the body computes",
                    line: 3,
                    column: 10,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                )
            ],
            fixedSource: """
                protocol Pricing {
                    func price(of item: String) -> Int
                }
                """
        )
    }

    @Test func anInoutParameter() {
        assertMemoizedExpansion(
            """
            @Memoized
            func advance(_ position: inout Int) -> Int {
                position += 1
                return position
            }
            """,
            expandedSource: """
                func advance(_ position: inout Int) -> Int {
                    position += 1
                    return position
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@Memoized cannot memoize a function with an 'inout' parameter ('position'): a cached call would skip the change to it",
                    line: 2,
                    column: 14,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                )
            ],
            fixedSource: """
                func advance(_ position: inout Int) -> Int {
                    position += 1
                    return position
                }
                """
        )
    }

    @Test func parametersThatAreNeverHashable() {
        assertMemoizedExpansion(
            """
            @Memoized
            func apply(_ transform: @escaping (Int) -> Int, to pair: (Int, Int), as type: Any.Type, value: any Shape) -> Int {
                transform(pair.0)
            }
            """,
            expandedSource: """
                func apply(_ transform: @escaping (Int) -> Int, to pair: (Int, Int), as type: Any.Type, value: any Shape) -> Int {
                    transform(pair.0)
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "parameter 'transform' of type '(Int) -> Int' cannot be part of the cache key: a function is not Hashable; use memoize(key:) with a key function instead",
                    line: 2,
                    column: 25,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "parameter 'pair' of type '(Int, Int)' cannot be part of the cache key: a tuple is not Hashable; use memoize(key:) with a key function instead",
                    line: 2,
                    column: 58,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "parameter 'type' of type 'Any.Type' cannot be part of the cache key: a metatype is not Hashable (its ObjectIdentifier is); use memoize(key:) with a key function instead",
                    line: 2,
                    column: 79,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "parameter 'value' of type 'any Shape' cannot be part of the cache key: an existential is not Hashable, even when its protocol is; use 'AnySendableHashable'; use memoize(key:) with a key function instead",
                    line: 2,
                    column: 96,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
            ],
            applyFixIts: ["Remove '@Memoized'"],
            fixedSource: """
                func apply(_ transform: @escaping (Int) -> Int, to pair: (Int, Int), as type: Any.Type, value: any Shape) -> Int {
                    transform(pair.0)
                }
                """
        )
    }

    @Test func anAnyHashableParameterBecomesAnySendableHashable() {
        assertMemoizedExpansion(
            """
            @Memoized
            func describe(_ value: AnyHashable) -> String {
                "\\(value)"
            }
            """,
            expandedSource: """
                func describe(_ value: AnyHashable) -> String {
                    "\\(value)"
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "parameter 'value' is an 'AnyHashable', which is not Sendable and cannot be a cache key; use 'AnySendableHashable'",
                    line: 2,
                    column: 24,
                    fixIts: [FixItSpec(message: "Replace 'AnyHashable' with 'AnySendableHashable'")]
                )
            ],
            fixedSource: """
                @Memoized
                func describe(_ value: AnySendableHashable) -> String {
                    "\\(value)"
                }
                """
        )
    }

    @Test func anUnnamedParameterGetsAName() {
        assertMemoizedExpansion(
            """
            @Memoized
            func constant(_: Int) -> Int {
                42
            }
            """,
            expandedSource: """
                func constant(_: Int) -> Int {
                    42
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Memoized needs a name for parameter 1: every argument is part of the cache key",
                    line: 2,
                    column: 15,
                    fixIts: [FixItSpec(message: "Name the parameter 'argument1'")]
                )
            ],
            fixedSource: """
                @Memoized
                func constant(_ argument1: Int) -> Int {
                    42
                }
                """
        )
    }

    @Test func genericFunctionsAndOpaqueResults() {
        assertMemoizedExpansion(
            """
            @Memoized
            func identity<T: Hashable>(_ value: T, _ other: some Hashable) -> some Equatable {
                value
            }
            """,
            expandedSource: """
                func identity<T: Hashable>(_ value: T, _ other: some Hashable) -> some Equatable {
                    value
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@Memoized cannot key a generic function: its one cache cannot hold results for every type the function's generic parameters may take; use memoize(…) for each type instead",
                    line: 2,
                    column: 14,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "@Memoized cannot cache an opaque result ('some …'): the cache needs the result's concrete type",
                    line: 2,
                    column: 67,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "@Memoized cannot key a generic function: its one cache cannot hold results for every type the function's generic parameters may take; use memoize(…) for each type instead",
                    line: 2,
                    column: 49,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
            ],
            applyFixIts: ["Remove '@Memoized'"],
            fixedSource: """
                func identity<T: Hashable>(_ value: T, _ other: some Hashable) -> some Equatable {
                    value
                }
                """
        )
    }

    @Test func instanceMethodsWhereNoStoredPropertyFits() {
        assertMemoizedExpansion(
            """
            extension Catalog {
                @Memoized
                func price(of item: String) -> Int { 1 }
            }
            enum Unit {
                @Memoized
                func scale(_ value: Int) -> Int { value }
            }
            struct Box<Element> {
                @Memoized
                static func make(_ count: Int) -> Int { count }
            }
            """,
            expandedSource: """
                extension Catalog {
                    func price(of item: String) -> Int {
                        1
                    }
                }
                enum Unit {
                    func scale(_ value: Int) -> Int {
                        value
                    }
                }
                struct Box<Element> {
                    static func make(_ count: Int) -> Int {
                        count
                    }
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@Memoized on an instance method needs a stored property for the cache, which an extension cannot have; declare the method in the type itself, or make it static",
                    line: 3,
                    column: 10,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "@Memoized on an instance method needs a stored property for the cache, which an enum cannot have; declare the method in the type itself, or make it static",
                    line: 7,
                    column: 10,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "@Memoized on a static method needs a static stored property for the cache, which the generic type 'Box' cannot have",
                    line: 11,
                    column: 17,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
            ],
            applyFixIts: ["Remove '@Memoized'"],
            fixedSource: """
                extension Catalog {
                    func price(of item: String) -> Int { 1 }
                }
                enum Unit {
                    func scale(_ value: Int) -> Int { value }
                }
                struct Box<Element> {
                    static func make(_ count: Int) -> Int { count }
                }
                """
        )
    }

    @Test func localFunctionsAndOperators() {
        assertMemoizedExpansion(
            """
            func outer() {
                @Memoized
                func inner(_ n: Int) -> Int { n }
            }
            struct Vector {
                @Memoized
                static func + (lhs: Vector, rhs: Vector) -> Vector { lhs }
            }
            """,
            expandedSource: """
                func outer() {
                    func inner(_ n: Int) -> Int {
                        n
                    }
                }
                struct Vector {
                    static func + (lhs: Vector, rhs: Vector) -> Vector {
                        lhs
                    }
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@Memoized cannot be applied to a local function; declare the function at file scope or in a type, or use memoize(…) here",
                    line: 3,
                    column: 10,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
                DiagnosticSpec(
                    message:
                        "@Memoized cannot be applied to an operator; memoize a named function and call it from the operator",
                    line: 7,
                    column: 17,
                    fixIts: [FixItSpec(message: "Remove '@Memoized'")]
                ),
            ],
            applyFixIts: ["Remove '@Memoized'"],
            fixedSource: """
                func outer() {
                    func inner(_ n: Int) -> Int { n }
                }
                struct Vector {
                    static func + (lhs: Vector, rhs: Vector) -> Vector { lhs }
                }
                """
        )
    }
}
#endif
