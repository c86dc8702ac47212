import CacheCore
import Synchronization

extension Cache {
    /// The cache's current limits.
    public var limits: CacheLimits {
        withLockedStorage { $0.limits }
    }

    /// Changes the cache's limits while it runs.
    ///
    ///     try cache.configure { limits in
    ///         limits.maxSize = 500
    ///         limits.defaultTTL = .seconds(30)
    ///     }
    ///
    /// `update` receives the current limits (outside the lock). The new limits are validated as a
    /// whole before anything changes; then a smaller limit evicts at once (reported as
    /// ``/CacheCore/RemovalCause/evicted``). A new default TTL applies to later writes; entries keep their
    /// deadlines.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming this cache, the field, the bad value and what
    ///   is allowed; the cache is then unchanged. Errors thrown by `update` propagate unchanged.
    /// - Complexity: O(1), plus O(1) per entry evicted.
    public func configure<E: Error>(_ update: (inout CacheLimits) throws(E) -> Void) throws {
        var limits = self.limits
        try update(&limits)
        try limits.validate(cacheName: name)
        if limits.mayExpire { markExpiring() }
        let newLimits = limits
        withStorage(at: timeIfExpiring()) { storage, _, events in
            let maxSizeChanged = storage.limits.maxSize != newLimits.maxSize
            storage.limits = newLimits
            storage.setIdleTimeout(newLimits.idleTimeoutNanoseconds)
            if maxSizeChanged { storage.policy.capacityDidChange(to: newLimits.maxSize) }
            storage.evictWhileOverLimits(events: &events)
        }
    }
}
