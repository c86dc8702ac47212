#if Configuration
import CacheCore
import CacheManagement
import CachePolicies
import Configuration

extension CacheManager {
    /// Creates a manager with the caches called `names`, their settings read from the current
    /// configuration of `reader` (see
    /// `CacheConfiguration.init(reading:names:scope:defaults:policies:)`);
    /// each cache is created at its first typed access, as with a configuration file.
    ///
    ///     let manager = try CacheManager(reading: config, names: ["users", "sessions"])
    ///     let users = try manager.cache(named: "users", as: Cache<String, User>.self)
    ///
    /// - Parameters:
    ///   - reader: The configuration.
    ///   - names: The caches to set up.
    ///   - scope: The key the caches are under: `caches.users.maxSize` with the default.
    ///   - defaults: The settings of the fields the configuration does not give.
    ///   - policies: The policies settings may name.
    ///   - clock: The clock of the caches the manager creates.
    /// - Throws: `CacheConfigurationError` naming the cache, the configuration key, the value and
    ///   what is allowed.
    /// - Complexity: O(*n*) lookups for *n* caches.
    public convenience init(
        reading reader: ConfigReader,
        names: [String],
        scope: ConfigKey? = "caches",
        defaults: CacheSettings = CacheSettings(),
        policies: CachePolicyRegistry = .builtIn,
        clock: CacheClock = .system
    ) throws(CacheConfigurationError) {
        let configuration = try CacheConfiguration(
            reading: reader,
            names: names,
            scope: scope,
            defaults: defaults,
            policies: policies
        )
        try self.init(configuration: configuration, policies: policies, clock: clock)
    }

    /// Applies the settings a configuration snapshot gives the caches called `names`, through
    /// `CacheManager.configure(name:_:)`: a live cache changes at once (a
    /// smaller limit evicts), a cache not yet created gets the settings for its creation.
    ///
    /// What cannot be applied is reported in the result and left as it was:
    /// - a cache whose settings are invalid keeps all its settings;
    /// - a live cache keeps its policy and its `refreshAfter` (neither can change while a cache
    ///   runs); its other settings are applied.
    ///
    /// A cache whose settings did not change is not touched.
    ///
    /// - Parameters:
    ///   - snapshot: The configuration to read.
    ///   - names: The caches to update.
    ///   - scope: The key the caches are under.
    ///   - defaults: The settings of the fields the configuration does not give.
    /// - Returns: What changed and what was refused.
    /// - Complexity: O(*n*) lookups for *n* caches, plus what each cache's `configure` evicts.
    @discardableResult
    public func apply(
        _ snapshot: ConfigSnapshotReader,
        names: [String],
        scope: ConfigKey? = "caches",
        defaults: CacheSettings = CacheSettings()
    ) -> CacheConfigurationUpdate {
        var update = CacheConfigurationUpdate()
        let policies = policies
        for name in names {
            let key = ConfigKey((scope?.components ?? []) + [name])
            var settings: CacheSettings
            do {
                settings = try CacheSettings(
                    reading: snapshot,
                    at: key,
                    cacheName: name,
                    defaults: defaults,
                    policies: policies
                )
            } catch {
                update.rejected.append(error)
                continue
            }
            if let live = try? self[name] {
                func keyText(_ field: CacheSettings.Field) -> String {
                    (key.components + [field.rawValue]).joined(separator: ".")
                }
                if settings.policy != live.policy.name {
                    update.rejected.append(
                        CacheConfigurationError(
                            cacheName: name,
                            field: keyText(.policy),
                            value: "\"\(settings.policy)\"",
                            allowed:
                                "\"\(live.policy.name)\" (a live cache keeps its policy; remove it and create it anew)"
                        )
                    )
                    settings.policy = live.policy.name
                }
                if settings.refreshAfter != live.refreshAfter {
                    let current = live.refreshAfter.map(CacheSettings.text(ofTTL:)) ?? "null"
                    update.rejected.append(
                        CacheConfigurationError(
                            cacheName: name,
                            field: keyText(.refreshAfter),
                            value: settings.refreshAfter.map(CacheSettings.text(ofTTL:)) ?? "null",
                            allowed: "\(current) (a live cache keeps its refresh age; remove it and create it anew)"
                        )
                    )
                    settings.refreshAfter = live.refreshAfter
                }
            }
            guard settings != self.settings(forCache: name) else { continue }
            do {
                try configure(name: name) { $0 = settings }
                update.applied[name] = settings
            } catch {
                update.rejected.append(error)
            }
        }
        return update
    }
}

/// What `CacheManager.apply(_:names:scope:defaults:)` did with a configuration
/// snapshot: the caches whose settings changed and the settings it refused.
public struct CacheConfigurationUpdate: Hashable, Sendable {
    /// The new settings of each cache that changed, by name.
    public var applied: [String: CacheSettings]
    /// The settings that were not applied, each naming the cache, the configuration key, the
    /// value and what is allowed, in the order of the names.
    public var rejected: [CacheConfigurationError]

    /// Creates an update.
    ///
    /// - Complexity: O(1).
    public init(applied: [String: CacheSettings] = [:], rejected: [CacheConfigurationError] = []) {
        self.applied = applied
        self.rejected = rejected
    }

    /// Whether nothing changed and nothing was refused.
    public var isEmpty: Bool { applied.isEmpty && rejected.isEmpty }
}
#endif
