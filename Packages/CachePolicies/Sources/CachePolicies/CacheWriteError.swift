/// Why a cache refused a value, as thrown by `Cache.store(_:_:ttl:)`.
public enum CacheWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The value costs more than the cache's cost limit, so it can never fit; nothing was stored
    /// and nothing was evicted.
    case costExceedsLimit(cacheName: String, cost: Int, maxCost: Int)
    /// The cache's entry limit is 0, so it stores nothing.
    case cacheStoresNothing(cacheName: String)

    /// What was refused and why.
    public var description: String {
        switch self {
        case .costExceedsLimit(let cacheName, let cost, let maxCost):
            "cache '\(cacheName)' refused a value costing \(cost): its maxCost is \(maxCost); nothing was stored or evicted"
        case .cacheStoresNothing(let cacheName):
            "cache '\(cacheName)' refused a value: its maxSize is 0, so it stores nothing"
        }
    }
}
