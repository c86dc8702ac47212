#if Configuration
import CacheCore
import CacheManagement
import Configuration
import ServiceLifecycle

/// A service that keeps a manager's caches in step with a configuration that changes while the
/// program runs: a `ReloadingFileProvider` watching a file, a `MutableInMemoryProvider`, or any
/// provider that reports its changes.
///
///     let file = try await ReloadingFileProvider<JSONSnapshot>(filePath: "/etc/app/config.json")
///     let config = ConfigReader(providers: [EnvironmentVariablesProvider(), file])
///     let manager = try CacheManager(reading: config, names: ["users", "sessions"])
///     let watcher = CacheConfigurationWatcher(manager: manager, reader: config, names: ["users", "sessions"]) {
///         update in
///         for error in update.rejected { logger.error("\(error)") }
///     }
///     let group = ServiceGroup(services: [file, watcher, server], logger: logger)
///
/// Each new snapshot goes through `CacheManager.apply(_:names:scope:defaults:)`: changed
/// settings reach the live caches through `configure` (a smaller `maxSize` evicts at once; a new
/// `ttl` applies to later writes), and what cannot be applied (an invalid value, a live cache's
/// policy or refresh age) is handed to `onUpdate` and left as it was. The snapshot the provider
/// holds when the watcher starts is applied too.
///
/// It runs until the service group shuts down gracefully or its task is cancelled.
public struct CacheConfigurationWatcher: Service {
    /// The manager whose caches follow the configuration.
    public let manager: CacheManager
    /// The configuration followed.
    public let reader: ConfigReader
    /// The caches that follow it.
    public let names: [String]
    /// The key the caches are under.
    public let scope: ConfigKey?
    /// The settings of the fields the configuration does not give.
    public let defaults: CacheSettings
    private let onUpdate: @Sendable (CacheConfigurationUpdate) -> Void

    /// Creates the watcher.
    ///
    /// - Parameters:
    ///   - manager: The manager whose caches follow the configuration.
    ///   - reader: The configuration to follow.
    ///   - names: The caches that follow it.
    ///   - scope: The key the caches are under: `caches.users.maxSize` with the default.
    ///   - defaults: The settings of the fields the configuration does not give.
    ///   - onUpdate: Runs after each snapshot that changed or refused something, with what it did.
    /// - Complexity: O(1).
    public init(
        manager: CacheManager,
        reader: ConfigReader,
        names: [String],
        scope: ConfigKey? = "caches",
        defaults: CacheSettings = CacheSettings(),
        onUpdate: @escaping @Sendable (CacheConfigurationUpdate) -> Void = { _ in }
    ) {
        self.manager = manager
        self.reader = reader
        self.names = names
        self.scope = scope
        self.defaults = defaults
        self.onUpdate = onUpdate
    }

    /// Applies each snapshot the configuration reports until a graceful shutdown or
    /// cancellation, then returns.
    ///
    /// - Throws: An error of the provider's watch.
    public func run() async throws {
        let watcher = self
        do {
            try await cancelWhenGracefulShutdown {
                try await watcher.reader.watchSnapshot { updates in
                    for await snapshot in updates {
                        let update = watcher.manager.apply(
                            snapshot,
                            names: watcher.names,
                            scope: watcher.scope,
                            defaults: watcher.defaults
                        )
                        if !update.isEmpty { watcher.onUpdate(update) }
                    }
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
#endif
