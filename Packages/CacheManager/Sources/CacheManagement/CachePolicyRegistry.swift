import CacheCore
import CachePolicies

/// The eviction policies that configuration may name: the built-in ones and custom ones
/// registered by name.
///
///     var policies = CachePolicyRegistry.builtIn
///     policies.register(.custom(name: "clock") { _ in ClockPolicy() })
///     let manager = try CacheManager(configuration: configuration, policies: policies)
///
/// The built-in set is `CachePolicy.builtIn`, so a policy added to the engine is known here
/// without any change.
public struct CachePolicyRegistry: Sendable {
    private var policies: [String: CachePolicy]

    /// Creates a registry holding `policies`; a later policy replaces an earlier one of the same
    /// name.
    ///
    /// - Complexity: O(*p*) on average for *p* policies.
    public init(_ policies: [CachePolicy]) {
        self.policies = [:]
        for policy in policies { register(policy) }
    }

    /// The built-in policies (`CachePolicy.builtIn`).
    public static var builtIn: CachePolicyRegistry { CachePolicyRegistry(CachePolicy.builtIn) }

    /// Adds `policy` under its name, replacing any policy of that name.
    ///
    /// - Complexity: O(1) on average.
    public mutating func register(_ policy: CachePolicy) {
        policies[policy.name] = policy
    }

    /// The policy called `name`, if there is one.
    ///
    /// - Complexity: O(1) on average.
    public func policy(named name: String) -> CachePolicy? {
        policies[name]
    }

    /// The names of the policies, sorted.
    public var names: [String] { policies.keys.sorted() }

    /// The policy called `name`.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` for the field `policy` listing the known names, when
    ///   there is no such policy.
    /// - Complexity: O(1) on average; O(*p* log *p*) for the message when `name` is unknown.
    public func resolve(_ name: String, cacheName: String) throws(CacheConfigurationError) -> CachePolicy {
        guard let policy = policies[name] else {
            throw CacheSettings.Field.policy.error(cacheName: cacheName, value: "\"\(name)\"", policies: self)
        }
        return policy
    }
}
