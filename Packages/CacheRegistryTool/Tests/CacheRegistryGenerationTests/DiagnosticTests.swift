import CacheCore
import CachePolicies
import CacheRegistryGeneration
import Testing

@Suite("Registry configuration diagnostics")
struct DiagnosticTests {
    private func diagnostic(_ text: String) -> RegistryDiagnostic? {
        do {
            _ = try RegistryConfiguration.parse(text, file: "Sources/App/caches.yml")
            return nil
        } catch {
            return error
        }
    }

    private static let valid = """
        registry: AppCaches
        caches:
          - name: users
            key: String
            value: User
        """

    @Test func anUnknownPolicyListsTheKnownOnes() {
        let result = diagnostic(
            """
            customPolicies: [clock]
            caches:
              - name: users
                key: String
                value: User
                policy: lruu
            """
        )
        let known = (CachePolicy.builtIn.map(\.name) + ["clock"]).sorted().joined(separator: ", ")
        #expect(
            result?.description
                == "Sources/App/caches.yml:6:13: error: cache 'users': policy is \"lruu\"; expected one of \(known) "
                + "(a custom policy: list its name under customPolicies)"
        )
    }

    @Test func aDuplicateCacheNamePointsAtBoth() {
        let result = diagnostic(
            Self.valid + """

                  - name: pages
                    key: String
                    value: String
                  - name: users
                    key: Int
                    value: User
                """
        )
        #expect(
            result?.description == """
                Sources/App/caches.yml:9:11: error: duplicate cache name 'users'; expected each cache name once
                Sources/App/caches.yml:3:11: note: 'users' is first declared here
                """
        )
        #expect(result?.notes.count == 1)
    }

    @Test func aPropertyClashPointsAtBoth() {
        let result = diagnostic(
            Self.valid + """

                  - name: Users
                    key: Int
                    value: User
                """
        )
        #expect(result?.location.line == 6)
        #expect(result?.message == "cache 'Users' would be the property 'users', as cache 'users' is")
        #expect(result?.notes.map(\.location.line) == [3])
        #expect(
            diagnostic("caches:\n  - {name: manager, key: Int, value: Int}")?.message.contains("the registry's manager")
                == true
        )
    }

    @Test(arguments: [
        ("maxSize: -1", "cache 'users': maxSize is -1", "an integer ≥ 0"),
        ("maxSize: lots", "cache 'users': maxSize is \"lots\"", "an integer ≥ 0"),
        ("maxCost: 1.5", "cache 'users': maxCost is 1.5", "an integer ≥ 0, or null"),
        ("ttl: 15 minutes", "cache 'users': ttl is \"15 minutes\"", "a positive duration"),
        ("ttl: 0", "cache 'users': ttl is 0", "a positive duration"),
        ("stats: maybe", "cache 'users': stats is \"maybe\"", "true or false"),
        ("maxsize: 10", "unknown key 'maxsize' in the cache", "one of name, property, key, value, policy, maxSize"),
    ])
    func aBadSettingIsReportedAtItsValue(line: String, message: String, expected: String) throws {
        let text = Self.valid + "\n    " + line
        let result = try #require(diagnostic(text))
        #expect(
            result.location
                == .init(
                    file: "Sources/App/caches.yml",
                    line: 6,
                    column: line.hasPrefix("maxsize") ? 5 : line.firstIndex(of: ":")!.utf16Offset(in: line) + 7
                )
        )
        #expect(result.message == message)
        #expect(result.expected.hasPrefix(expected))
    }

    @Test func topLevelProblems() {
        #expect(diagnostic("")?.message == "the file is empty")
        #expect(diagnostic("- a\n- b")?.message == "the file is not a mapping")
        #expect(diagnostic("registry: AppCaches")?.message == "the configuration has no caches")
        #expect(diagnostic("registry: 2Fast\ncaches: []")?.message == "registry is '2Fast'")
        #expect(diagnostic("access: open\ncaches: []")?.expected == "public, package or internal")
        #expect(diagnostic("caches: []")?.expected == "a list of caches, each with name, key and value")
        #expect(diagnostic("imports: [Foundation, \"not a module\"]\ncaches: []")?.location.column == 23)
        let badType = diagnostic("caches:\n  - {name: users, key: \"Dictionary<String; Int>\", value: User}")
        #expect(badType?.description.hasPrefix("Sources/App/caches.yml:2:24: error: cache 'users': key is") == true)
        let unknown = diagnostic("registery: AppCaches\ncaches: []")
        #expect(unknown?.location.line == 1)
        #expect(unknown?.expected == "one of registry, access, imports, customPolicies, caches")
        let missing = diagnostic("caches:\n  - name: users\n    key: String\n")
        #expect(
            missing?.description
                == "Sources/App/caches.yml:2:5: error: the cache has no value; expected value: the value type, such as User"
        )
    }

    @Test func syntaxErrorsCarryTheirPosition() {
        let result = diagnostic("caches:\n  - name: users\n    key: [String\n    value: User\n")
        #expect(result?.location.file == "Sources/App/caches.yml")
        #expect(result?.location.line == 4)
        #expect(result?.expected == "valid YAML or JSON")
        let json = diagnostic("{\"caches\": [{\"name\": \"users\",, }]}")
        #expect(json?.location.line == 1)
        #expect(json?.location.column == 30)
        let duplicateKey = diagnostic("caches:\n  - name: users\n    name: pages\n")
        #expect(duplicateKey?.message == "duplicate key 'name' in one mapping")
    }
}
