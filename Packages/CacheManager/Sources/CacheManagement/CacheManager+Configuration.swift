import CacheCore
import CachePolicies
import Synchronization

extension CacheManager {
    /// Changes the settings of the cache called `name`.
    ///
    ///     try manager.configure(name: "users") { settings in
    ///         settings.maxSize = 5_000
    ///         settings.ttl = .seconds(60)
    ///     }
    ///
    /// `update` receives the current settings. A cache that exists changes at once, through
    /// `Cache.configure` (a smaller limit evicts; a new TTL applies to later writes), and starts
    /// or stops counting statistics; its policy cannot change. A cache only configured gets the
    /// new settings for its creation. An unknown name is configured anew from the default
    /// settings, as cacheout does.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the cache, the field, the value and what is
    ///   allowed; nothing changes then.
    /// - Complexity: O(1) on average, plus what the cache's `configure` evicts.
    public func configure(name: String, _ update: (inout CacheSettings) -> Void) throws(CacheConfigurationError) {
        let (existing, configured, policies) = state.withAnnotatedLock { state in
            (state.caches[name], state.settings[name], state.policies)
        }
        var settings = existing?.settings ?? configured ?? CacheSettings()
        update(&settings)
        try settings.validate(cacheName: name, policies: policies)
        guard let existing else {
            state.withAnnotatedLock { $0.settings[name] = settings }
            return
        }
        if settings.policy != existing.policy.name {
            throw CacheConfigurationError(
                cacheName: name,
                field: CacheSettings.Field.policy.rawValue,
                value: "\"\(settings.policy)\"",
                allowed: "\"\(existing.policy.name)\" (a live cache keeps its policy; remove it and create it anew)"
            )
        }
        let limits = settings.limits
        do {
            try existing.configure { $0 = limits }
        } catch let error as CacheConfigurationError {
            throw error
        } catch {
            preconditionFailure("CacheManager: configuring '\(name)' failed: \(error)")
        }
        if settings.recordsStats != existing.isRecordingStats {
            if settings.recordsStats { existing.enableStats() } else { existing.disableStats() }
        }
        state.withAnnotatedLock { state in
            if state.settings[name] != nil { state.settings[name] = settings }
        }
    }

    /// The current settings of the cache called `name`: those of the live cache when it exists,
    /// else those it is configured with; `nil` for an unknown name.
    ///
    /// - Complexity: O(1) on average.
    public func settings(forCache name: String) -> CacheSettings? {
        let (existing, configured) = state.withAnnotatedLock { ($0.caches[name], $0.settings[name]) }
        return existing?.settings ?? configured
    }
}
