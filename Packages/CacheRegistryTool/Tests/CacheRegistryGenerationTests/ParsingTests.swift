import CacheCore
import CacheManagement
import CacheRegistryGeneration
import Testing

@Suite("Registry configuration parsing")
struct ParsingTests {
    static let yaml = """
        registry: AppCaches
        access: public
        imports: [Models]
        customPolicies: [clock]
        caches:
          - name: users
            key: String
            value: User
            policy: lru
            maxSize: 10000
            ttl: 15m
          - name: user-sessions
            key: UUID
            value: Session
            policy: clock
            ttl: 1800
            stats: false
          - name: pages
            property: renderedPages
            key: String
            value: "[UInt8]"
            maxCost: 50000000
        """

    static let json = """
        {
          "registry": "AppCaches",
          "access": "public",
          "imports": ["Models"],
          "customPolicies": ["clock"],
          "caches": [
            {"name": "users", "key": "String", "value": "User", "policy": "lru", "maxSize": 10000, "ttl": "15m"},
            {"name": "user-sessions", "key": "UUID", "value": "Session", "policy": "clock", "ttl": 1800, "stats": false},
            {"name": "pages", "property": "renderedPages", "key": "String", "value": "[UInt8]", "maxCost": 50000000}
          ]
        }
        """

    static let expected = RegistryConfiguration(
        typeName: "AppCaches",
        accessLevel: .public,
        imports: ["Models"],
        customPolicies: ["clock"],
        caches: [
            CacheDeclaration(
                name: "users",
                propertyName: "users",
                keyType: "String",
                valueType: "User",
                settings: CacheSettings(policy: "lru", maxSize: 10_000, ttl: .seconds(900))
            ),
            CacheDeclaration(
                name: "user-sessions",
                propertyName: "userSessions",
                keyType: "UUID",
                valueType: "Session",
                settings: CacheSettings(policy: "clock", ttl: .seconds(1_800), recordsStats: false)
            ),
            CacheDeclaration(
                name: "pages",
                propertyName: "renderedPages",
                keyType: "String",
                valueType: "[UInt8]",
                settings: CacheSettings(maxCost: 50_000_000)
            ),
        ],
        sourceFileName: "caches.yml"
    )

    @Test func readsYAML() throws {
        #expect(try RegistryConfiguration.parse(Self.yaml, file: "Sources/App/caches.yml") == Self.expected)
    }

    @Test func readsJSON() throws {
        var expected = Self.expected
        expected.sourceFileName = "caches.json"
        #expect(try RegistryConfiguration.parse(Self.json, file: "caches.json") == expected)
    }

    @Test func defaultsApply() throws {
        let configuration = try RegistryConfiguration.parse(
            """
            caches:
              - {name: tokens, key: String, value: Int}
            """,
            file: "caches.yml"
        )
        #expect(configuration.typeName == "CacheRegistry")
        #expect(configuration.accessLevel == .internal)
        #expect(configuration.imports.isEmpty)
        #expect(configuration.caches.map(\.settings) == [CacheSettings()])
    }

    @Test func keywordsAsPropertiesAreEscaped() throws {
        let configuration = try RegistryConfiguration.parse(
            "caches:\n  - {name: default, key: Int, value: Int}\n",
            file: "caches.yml"
        )
        #expect(configuration.caches.first?.propertyName == "default")
        #expect(configuration.generatedSource().contains("let `default`: Cache<Int, Int>"))
        #expect(configuration.generatedSource().contains("self.`default` = try Cache("))
    }
}
