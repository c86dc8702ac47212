import CacheCore

extension WeakValueCache: CacheProtocol {}
