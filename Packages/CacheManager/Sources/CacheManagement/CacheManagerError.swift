/// A lookup a ``CacheManager`` cannot answer.
public enum CacheManagerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No cache of this name is registered or configured; `knownNames` lists those that are.
    case unknownCache(name: String, knownNames: [String])
    /// The cache is configured, but no typed access has created it yet, so it has no type.
    case cacheNotCreated(name: String)
    /// The cache exists with another type than the one asked for.
    case typeMismatch(name: String, requested: String, actual: String)
    /// The cache's settings have `refreshAfter`, but its first typed access gave no loader.
    case loaderRequired(name: String)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .unknownCache(let name, let knownNames):
            let known = knownNames.isEmpty ? "none" : knownNames.joined(separator: ", ")
            return "no cache named '\(name)'; the manager has: \(known)"
        case .cacheNotCreated(let name):
            return "cache '\(name)' is configured but not created yet: "
                + "create it with cache(named: \"\(name)\", as: Cache<Key, Value>.self)"
        case .typeMismatch(let name, let requested, let actual):
            return "cache '\(name)' is a \(actual), not a \(requested)"
        case .loaderRequired(let name):
            return "cache '\(name)' is configured with refreshAfter, which needs a loader: create it with "
                + "cache(named: \"\(name)\", as: Cache<Key, Value>.self, load: …)"
        }
    }
}
