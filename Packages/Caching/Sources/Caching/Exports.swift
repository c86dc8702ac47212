// The umbrella module: `import Caching` brings in the core set of swift-caching.
// The macro (`MemoizationMacros`) and the Redis layer (`CacheRedis`) are not part of it: they
// bring heavy dependencies and sit behind package traits.
@_exported import CacheCore
@_exported import CacheManagement
@_exported import CachePolicies
@_exported import ExpiringDictCompat
@_exported import Memoization
@_exported import WeakValueStore
