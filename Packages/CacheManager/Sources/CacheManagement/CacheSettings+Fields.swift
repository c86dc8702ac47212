extension CacheSettings {
    /// A setting's name in configuration files, and what it accepts.
    public enum Field: String, CaseIterable, Hashable, Sendable {
        /// `policy`: the eviction policy's name.
        case policy
        /// `maxSize`: the entry limit.
        case maxSize
        /// `maxCost`: the cost limit.
        case maxCost
        /// `ttl`: the default TTL.
        case ttl
        /// `expireAfterAccess`: the idle timeout.
        case expireAfterAccess
        /// `stats`: whether statistics are counted.
        case stats
        /// `refreshAfter`: the age from which a read reloads an entry in the background.
        case refreshAfter

        /// What the field accepts, for error messages. The policy's text lists the names `policies`
        /// knows.
        ///
        /// - Complexity: O(*p* log *p*) for *p* policies.
        public func allowed(policies: CachePolicyRegistry = .builtIn) -> String {
            switch self {
            case .policy: "one of \(policies.names.joined(separator: ", "))"
            case .maxSize: "an integer ≥ 0 (0 stores nothing), or null for no limit"
            case .maxCost: "an integer ≥ 0, or null for no limit"
            case .ttl:
                "a positive duration: seconds as a number, or a number with a unit "
                    + "(\"500ms\", \"90s\", \"15m\", \"2h\", \"1d\"); null for no expiry"
            case .expireAfterAccess: "a positive duration, as for ttl; null for no idle timeout"
            case .stats: "true or false"
            case .refreshAfter:
                "a positive duration, as for ttl, for a cache created with a loader; null for no refresh"
            }
        }
    }

    /// The settings' field names, in the order configuration files usually give them.
    public static var fieldNames: [String] { Field.allCases.map(\.rawValue) }
}
