import CacheCore
import CacheManagement
import Yams

extension RegistryConfigurationParser {
    /// Reads the list of caches, checking each and refusing duplicate names and property names.
    func caches(_ node: Node, customPolicies: [String]) throws(RegistryDiagnostic) -> [CacheDeclaration] {
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            throw diagnostic(
                node,
                "caches is \(describe(node))",
                expected: "a list of caches, each with name, key and value"
            )
        }
        let policies = Set(CachePolicyRegistry.builtIn.names + customPolicies).sorted()
        var declarations: [CacheDeclaration] = []
        var names: [String: Node] = [:]
        var properties: [String: (node: Node?, owner: String)] = ["manager": (nil, "the registry's manager")]
        for item in sequence {
            let (declaration, nameNode, propertyNode) = try cache(item, policies: policies)
            if let first = names[declaration.name] {
                throw RegistryDiagnostic(
                    location: location(nameNode),
                    message: "duplicate cache name '\(declaration.name)'",
                    expected: "each cache name once",
                    notes: [.init(location: location(first), message: "'\(declaration.name)' is first declared here")]
                )
            }
            names[declaration.name] = nameNode
            if let (first, owner) = properties[declaration.propertyName] {
                throw RegistryDiagnostic(
                    location: location(propertyNode),
                    message:
                        "cache '\(declaration.name)' would be the property '\(declaration.propertyName)', as \(owner) is",
                    expected: "a property name of its own (give one with property:)",
                    notes: first.map { [.init(location: location($0), message: "\(owner) is declared here")] } ?? []
                )
            }
            properties[declaration.propertyName] = (propertyNode, "cache '\(declaration.name)'")
            declarations.append(declaration)
        }
        return declarations
    }

    /// Reads one cache: its declaration, and the nodes of its name and of its property name.
    private func cache(
        _ node: Node,
        policies: [String]
    ) throws(RegistryDiagnostic) -> (CacheDeclaration, Node, Node) {
        guard case .mapping(let mapping) = node else {
            throw diagnostic(
                node,
                "a cache is \(describe(node))",
                expected: "a mapping with name, key, value and settings"
            )
        }
        let fields = try fieldsOf(mapping, allowed: RegistryConfiguration.cacheKeys, context: "cache")
        func required(_ key: String, _ expected: String) throws(RegistryDiagnostic) -> Node {
            guard let value = fields[key] else {
                throw diagnostic(node, "the cache has no \(key)", expected: "\(key): \(expected)")
            }
            return value
        }
        let nameNode = try required("name", "the cache's name")
        let name = try string(nameNode, "name", expected: "the cache's name")
        let keyNode = try required("key", "the key type, such as String")
        let valueNode = try required("value", "the value type, such as User")
        let keyType = try type(keyNode, "key", cache: name)
        let valueType = try type(valueNode, "value", cache: name)
        let propertyNode = fields["property"] ?? nameNode
        let propertyName: String
        if let explicit = fields["property"] {
            propertyName = try string(explicit, "property", expected: "a Swift property name")
            guard SwiftIdentifier.isValid(propertyName) else {
                throw diagnostic(
                    explicit,
                    "cache '\(name)': property is '\(propertyName)'",
                    expected: "a Swift property name, such as userSessions"
                )
            }
        } else {
            guard let derived = SwiftIdentifier.propertyName(forCacheName: name) else {
                throw diagnostic(
                    nameNode,
                    "cache '\(name)' has a name that makes no Swift property name",
                    expected: "a name starting with a letter, or a property: key"
                )
            }
            propertyName = derived
        }
        let settings = try self.settings(fields, cache: name, policies: policies)
        return (
            CacheDeclaration(
                name: name,
                propertyName: propertyName,
                keyType: keyType,
                valueType: valueType,
                settings: settings
            ), nameNode, propertyNode
        )
    }

    private func type(_ node: Node, _ field: String, cache: String) throws(RegistryDiagnostic) -> String {
        let expected = "a Swift type, such as String or [Int: User]"
        let text = try string(node, field, expected: expected)
        guard SwiftIdentifier.isPlausibleType(text) else {
            throw diagnostic(node, "cache '\(cache)': \(field) is \"\(text)\"", expected: expected)
        }
        return text
    }

    /// Reads and validates the settings, reporting a bad value at its own position.
    private func settings(
        _ fields: [String: Node],
        cache: String,
        policies: [String]
    ) throws(RegistryDiagnostic) -> CacheSettings {
        func invalid(_ field: CacheSettings.Field, _ node: Node) -> RegistryDiagnostic {
            let allowed =
                field == .policy
                ? "one of \(policies.joined(separator: ", ")) (a custom policy: list its name under customPolicies)"
                : field.allowed()
            let error = CacheConfigurationError(
                cacheName: cache,
                field: field.rawValue,
                value: describe(node),
                allowed: allowed
            )
            return RegistryDiagnostic(error, at: location(node))
        }
        func value<T>(_ field: CacheSettings.Field, _ read: (Node) -> T?) throws(RegistryDiagnostic) -> T? {
            guard let node = fields[field.rawValue], node.tagName != .null else { return nil }
            guard let value = read(node) else { throw invalid(field, node) }
            return value
        }
        if let node = fields[CacheSettings.Field.refreshAfter.rawValue] {
            let error = CacheConfigurationError(
                cacheName: cache,
                field: CacheSettings.Field.refreshAfter.rawValue,
                value: describe(node),
                allowed: "nothing in a registry: refresh needs a loader; create the cache in code with a loader"
            )
            throw RegistryDiagnostic(error, at: location(node))
        }
        var settings = CacheSettings()
        settings.policy = try value(.policy) { $0.tagName == .str ? $0.scalar?.string : nil } ?? settings.policy
        if !policies.contains(settings.policy), let node = fields["policy"] { throw invalid(.policy, node) }
        settings.maxSize = try value(.maxSize) { $0.tagName == .int ? $0.int.flatMap { $0 >= 0 ? $0 : nil } : nil }
        settings.maxCost = try value(.maxCost) { $0.tagName == .int ? $0.int.flatMap { $0 >= 0 ? $0 : nil } : nil }
        let duration = { (node: Node) -> Duration? in
            switch node.tagName {
            case .int, .float: node.float.flatMap(CacheSettings.ttl(seconds:))
            case .str: node.scalar.flatMap { CacheSettings.ttl(parsing: $0.string) }
            default: nil
            }
        }
        settings.ttl = try value(.ttl, duration).map(TimeToLive.after)
        settings.expireAfterAccess = try value(.expireAfterAccess, duration).map(TimeToLive.after)
        settings.recordsStats = try value(.stats) { $0.tagName == .bool ? $0.bool : nil } ?? true
        return settings
    }
}
