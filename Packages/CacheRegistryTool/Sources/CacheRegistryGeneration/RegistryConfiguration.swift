import CacheManagement

/// A registry configuration file, read: the registry type to generate and the caches it holds.
///
///     registry: AppCaches
///     access: public
///     imports: [Models]
///     caches:
///       - name: users
///         key: String
///         value: User
///         policy: lru
///         maxSize: 10000
///         ttl: 15m
public struct RegistryConfiguration: Hashable, Sendable {
    /// The name of the generated type.
    public var typeName: String
    /// The access level of the generated type and its members.
    public var accessLevel: AccessLevel
    /// Modules the generated file imports besides swift-caching's, such as the one defining the
    /// value types.
    public var imports: [String]
    /// Policies the application registers at run time, which caches may name.
    public var customPolicies: [String]
    /// The caches, in the file's order.
    public var caches: [CacheDeclaration]
    /// The configuration file's name, for the generated file's header.
    public var sourceFileName: String

    /// Creates a configuration.
    public init(
        typeName: String,
        accessLevel: AccessLevel = .internal,
        imports: [String] = [],
        customPolicies: [String] = [],
        caches: [CacheDeclaration],
        sourceFileName: String
    ) {
        self.typeName = typeName
        self.accessLevel = accessLevel
        self.imports = imports
        self.customPolicies = customPolicies
        self.caches = caches
        self.sourceFileName = sourceFileName
    }

    /// The access level of the generated code.
    public enum AccessLevel: String, CaseIterable, Hashable, Sendable {
        /// `public`: for a library's API.
        case `public`
        /// `package`: for the other modules of the package.
        case package
        /// `internal`: for the module alone (the default).
        case `internal`
    }

    /// The type name used when the file gives none.
    public static let defaultTypeName = "CacheRegistry"
}

/// One cache of a registry: its name, the generated property, its key and value types and its
/// settings.
public struct CacheDeclaration: Hashable, Sendable {
    /// The cache's name in the manager and in messages.
    public var name: String
    /// The name of the registry's property for it.
    public var propertyName: String
    /// The key type, as Swift source.
    public var keyType: String
    /// The value type, as Swift source.
    public var valueType: String
    /// The policy, limits, TTL and statistics setting.
    public var settings: CacheSettings

    /// Creates a declaration.
    public init(name: String, propertyName: String, keyType: String, valueType: String, settings: CacheSettings) {
        self.name = name
        self.propertyName = propertyName
        self.keyType = keyType
        self.valueType = valueType
        self.settings = settings
    }
}
