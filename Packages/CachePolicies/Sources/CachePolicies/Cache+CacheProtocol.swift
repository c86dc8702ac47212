import CacheCore

extension Cache: CacheProtocol {}
