#if Macros
import Testing

@Suite("@Memoized expansion")
struct MemoizedExpansionTests {
    @Test func aFunctionAtFileScope() {
        assertMemoizedExpansion(
            """
            @Memoized(maxSize: 200)
            func fibonacci(_ n: Int) -> Int {
                n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
            }
            """,
            expandedSource: """
                func fibonacci(_ n: Int) -> Int {
                    return fibonacciCache.get(n) { () -> Int in
                        fibonacciUncached(n)
                    }
                }

                let fibonacciCache = Memoization.MemoizationCache<Int, Int>(maxSize: 200)

                func fibonacciCacheInfo() -> Memoization.CacheInfo {
                    fibonacciCache.cacheInfo()
                }

                func fibonacciCacheClear() {
                    fibonacciCache.cacheClear()
                }

                func fibonacciUncached(_ n: Int) -> Int {
                    n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2)
                }
                """
        )
    }
    @Test func anAsyncThrowingMethod() {
        assertMemoizedExpansion(
            """
            final class Client: Sendable {
                /// Fetches a profile.
                @Memoized(maxSize: 1_000, ttl: .seconds(60))
                public func profile(for id: String, fresh: Bool) async throws -> Profile {
                    try await api.fetch(id, fresh)
                }
            }
            """,
            expandedSource: """
                final class Client: Sendable {
                    /// Fetches a profile.
                    public func profile(for id: String, fresh: Bool) async throws -> Profile {
                        return try await profileCache.value(forKey: Memoization.ArgumentKey(id, fresh)) { () async throws -> Profile in
                            try await self.profileUncached(for: id, fresh: fresh)
                        }
                    }

                    public let profileCache = Memoization.ArgumentCache<String, Bool, Profile>(maxSize: 1_000, ttl: .seconds(60))

                    public nonisolated func profileCacheInfo() -> Memoization.CacheInfo {
                        profileCache.cacheInfo()
                    }

                    public nonisolated func profileCacheClear() {
                        profileCache.cacheClear()
                    }

                    public func profileUncached(for id: String, fresh: Bool) async throws -> Profile {
                        try await api.fetch(id, fresh)
                    }
                }
                """
        )
    }

    @Test func aStaticMethodWithTypedThrowsAndVariadicArguments() {
        assertMemoizedExpansion(
            """
            enum Parser {
                @Memoized
                static func sum(of texts: String...) throws(ParseError) -> Int {
                    try texts.reduce(0) { try $0 + parse($1) }
                }
            }
            """,
            expandedSource: """
                enum Parser {
                    static func sum(of texts: String...) throws(ParseError) -> Int {
                        return try sumCache.get(texts) { () throws(ParseError) -> Int in
                            try sumUncached(of: texts)
                        }
                    }

                    static let sumCache = Memoization.MemoizationCache<[String], Int>()

                    static nonisolated func sumCacheInfo() -> Memoization.CacheInfo {
                        sumCache.cacheInfo()
                    }

                    static nonisolated func sumCacheClear() {
                        sumCache.cacheClear()
                    }

                    static func sumUncached(of texts: [String]) throws(ParseError) -> Int {
                        try texts.reduce(0) {
                            try $0 + parse($1)
                        }
                    }
                }
                """
        )
    }

    @Test func aFunctionWithoutArgumentsOrResult() {
        assertMemoizedExpansion(
            """
            @Memoized(maxSize: nil)
            private func loadSettings() {
                settings.load()
            }
            """,
            expandedSource: """
                private func loadSettings() {
                    return loadSettingsCache.get(Memoization.ArgumentKey()) { () -> Void in
                        loadSettingsUncached()
                    }
                }

                private let loadSettingsCache = Memoization.ArgumentCache<Void>(maxSize: nil)

                private func loadSettingsCacheInfo() -> Memoization.CacheInfo {
                    loadSettingsCache.cacheInfo()
                }

                private func loadSettingsCacheClear() {
                    loadSettingsCache.cacheClear()
                }

                private func loadSettingsUncached() {
                    settings.load()
                }
                """
        )
    }

    @Test func anOverridingMethodKeepsItsOtherAttributes() {
        assertMemoizedExpansion(
            """
            class Renderer: Base {
                @discardableResult @Memoized
                override open func render(_ page: Page) -> String {
                    page.html
                }
            }
            """,
            expandedSource: """
                class Renderer: Base {
                    @discardableResult
                    override open func render(_ page: Page) -> String {
                        return renderCache.get(page) { () -> String in
                            renderUncached(page)
                        }
                    }

                    public let renderCache = Memoization.MemoizationCache<Page, String>()

                    public nonisolated func renderCacheInfo() -> Memoization.CacheInfo {
                        renderCache.cacheInfo()
                    }

                    public nonisolated func renderCacheClear() {
                        renderCache.cacheClear()
                    }

                    @discardableResult
                    open func renderUncached(_ page: Page) -> String {
                        page.html
                    }
                }
                """
        )
    }
}
#endif
