import CacheCore
import CacheManagement
import Yams

extension RegistryConfiguration {
    /// The keys of the file's top-level mapping.
    public static let topLevelKeys = ["registry", "access", "imports", "customPolicies", "caches"]
    /// The keys of one cache's mapping: its name, its property, its types, then its settings.
    public static let cacheKeys = ["name", "property", "key", "value"] + CacheSettings.fieldNames

    /// Reads a registry configuration from YAML or JSON text and checks every value.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The file's path, for diagnostics.
    /// - Throws: ``RegistryDiagnostic`` for the first problem: where it is, what is wrong and
    ///   what was expected.
    public static func parse(_ text: String, file: String) throws(RegistryDiagnostic) -> RegistryConfiguration {
        try RegistryConfigurationParser(file: file).parse(text)
    }
}

/// Walks the YAML node tree, keeping each value's position for diagnostics.
struct RegistryConfigurationParser {
    let file: String

    func location(_ node: Node) -> CacheConfigurationError.SourceLocation {
        location(node.mark)
    }

    func location(_ mark: Mark?) -> CacheConfigurationError.SourceLocation {
        CacheConfigurationError.SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func diagnostic(_ node: Node, _ message: String, expected: String) -> RegistryDiagnostic {
        RegistryDiagnostic(location: location(node), message: message, expected: expected)
    }

    func parse(_ text: String) throws(RegistryDiagnostic) -> RegistryConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw yamlDiagnostic(error)
        }
        let fileName = String(file.split(separator: "/").last ?? Substring(file))
        guard let root, case .mapping(let mapping) = root else {
            throw RegistryDiagnostic(
                location: location(root?.mark),
                message: root == nil ? "the file is empty" : "the file is not a mapping",
                expected: "a mapping with the keys \(RegistryConfiguration.topLevelKeys.joined(separator: ", "))"
            )
        }
        let fields = try fieldsOf(
            mapping,
            allowed: RegistryConfiguration.topLevelKeys,
            context: "registry configuration"
        )
        var configuration = RegistryConfiguration(
            typeName: RegistryConfiguration.defaultTypeName,
            caches: [],
            sourceFileName: fileName
        )
        if let node = fields["registry"] {
            configuration.typeName = try string(node, "registry", expected: "the name of the type to generate")
            guard SwiftIdentifier.isValid(configuration.typeName),
                !SwiftIdentifier.keywords.contains(configuration.typeName)
            else {
                throw diagnostic(
                    node,
                    "registry is '\(configuration.typeName)'",
                    expected: "a Swift type name, such as AppCaches"
                )
            }
        }
        if let node = fields["access"] {
            let text = try string(node, "access", expected: "public, package or internal")
            guard let level = RegistryConfiguration.AccessLevel(rawValue: text) else {
                throw diagnostic(node, "access is '\(text)'", expected: "public, package or internal")
            }
            configuration.accessLevel = level
        }
        if let node = fields["imports"] {
            configuration.imports = try strings(node, "imports", expected: "a list of module names, such as [Models]")
            for (text, item) in zip(configuration.imports, node.array()) where !SwiftIdentifier.isValidModule(text) {
                throw diagnostic(
                    item,
                    "import '\(text)' is not a module name",
                    expected: "a module name, such as Models"
                )
            }
        }
        if let node = fields["customPolicies"] {
            configuration.customPolicies = try strings(
                node,
                "customPolicies",
                expected: "a list of policy names the application registers"
            )
        }
        guard let cachesNode = fields["caches"] else {
            throw RegistryDiagnostic(
                location: location(root),
                message: "the configuration has no caches",
                expected: "a key 'caches' with a list of caches"
            )
        }
        configuration.caches = try caches(cachesNode, customPolicies: configuration.customPolicies)
        return configuration
    }

    /// The pairs of a mapping by key, refusing keys outside `allowed`.
    func fieldsOf(
        _ mapping: Node.Mapping,
        allowed: [String],
        context: String
    ) throws(RegistryDiagnostic) -> [String: Node] {
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                throw diagnostic(
                    key,
                    "unknown key '\(key.scalar?.string ?? "?")' in the \(context)",
                    expected: "one of \(allowed.joined(separator: ", "))"
                )
            }
            fields[name] = value
        }
        return fields
    }

    func string(_ node: Node, _ field: String, expected: String) throws(RegistryDiagnostic) -> String {
        guard let scalar = node.scalar, node.tagName != .null, !scalar.string.isEmpty else {
            throw diagnostic(node, "\(field) is \(describe(node))", expected: expected)
        }
        return scalar.string
    }

    func strings(_ node: Node, _ field: String, expected: String) throws(RegistryDiagnostic) -> [String] {
        guard case .sequence(let sequence) = node else {
            throw diagnostic(node, "\(field) is \(describe(node))", expected: expected)
        }
        var result: [String] = []
        for item in sequence { result.append(try string(item, field, expected: expected)) }
        return result
    }

    /// A node's value as an error message shows it.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if node.tagName == .null { return "null" }
            return node.tagName == .str ? "\"\(scalar.string)\"" : scalar.string
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    func yamlDiagnostic(_ error: any Error) -> RegistryDiagnostic {
        let expected = "valid YAML or JSON"
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " \($0.text)" } ?? ""
            return RegistryDiagnostic(location: location(mark), message: "\(problem)\(during)", expected: expected)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return RegistryDiagnostic(
                location: location(context.mark),
                message: "duplicate key \(keys) in one mapping",
                expected: "each key once per mapping"
            )
        default:
            return RegistryDiagnostic(
                location: location(nil),
                message: "the file cannot be read: \(error)",
                expected: expected
            )
        }
    }
}

extension Node {
    /// The name of the node's resolved tag: `.str`, `.int`, `.float`, `.bool`, `.null`, …
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
