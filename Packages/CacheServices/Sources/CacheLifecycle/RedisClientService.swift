#if ServiceLifecycle && Redis
import CacheRedis
import ServiceLifecycle

/// A service that owns a `RedisClient` for the life of the service group: on a graceful
/// shutdown it lets the commands in flight finish, up to a deadline, then closes every
/// connection.
///
///     let redis = try RedisClient(configuration: RedisConfiguration(url: url))
///     let group = ServiceGroup(
///         services: [RedisClientService(redis, drainTimeout: .seconds(5)), invalidations, server],
///         logger: logger
///     )
///
/// A service group shuts its services down in reverse order, so list the client before the
/// services that use it (the invalidation subscription, the server): they stop first, and the
/// client closes last.
///
/// While it drains, the client still takes new commands (the services still stopping may need
/// it); once closed, commands fail with `RedisError.Kind.clientClosed`. On cancellation instead of
/// a graceful shutdown, the client closes at once: commands in flight fail.
public struct RedisClientService<C: Clock>: Service where C.Duration == Duration {
    /// The client the service closes.
    public let client: RedisClient
    /// How long a graceful shutdown waits for the commands in flight before closing anyway.
    public let drainTimeout: Duration
    /// The clock that measures ``drainTimeout``.
    public let clock: C
    private let onClose: (@Sendable (_ commandsAbandoned: Int) -> Void)?

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - client: The client to close at shutdown.
    ///   - drainTimeout: How long a graceful shutdown waits for the commands in flight.
    ///   - clock: The clock that measures `drainTimeout`.
    ///   - onClose: Runs just before the client closes, with the number of commands still in
    ///     flight then (those the deadline cut off; 0 after a full drain).
    /// - Complexity: O(1).
    public init(
        _ client: RedisClient,
        drainTimeout: Duration,
        clock: C,
        onClose: (@Sendable (_ commandsAbandoned: Int) -> Void)? = nil
    ) {
        precondition(drainTimeout >= .zero, "RedisClientService: the drain timeout must not be negative")
        self.client = client
        self.drainTimeout = drainTimeout
        self.clock = clock
        self.onClose = onClose
    }

    /// Waits for a graceful shutdown, drains the commands in flight (at most ``drainTimeout``),
    /// then closes the client; on cancellation, closes it at once.
    public func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            onClose?(client.commandsInFlight)
            await client.close()
            return
        }
        await drain()
        onClose?(client.commandsInFlight)
        await client.close()
    }

    /// Returns when no command is in flight or the drain timeout has passed, whichever is first.
    private func drain() async {
        let client = client
        let clock = clock
        let timeout = drainTimeout
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // The client offers no notification when its last reply comes, so poll: each
                // check reads one atomic per connection.
                while client.commandsInFlight > 0 && !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(5))
                }
            }
            group.addTask {
                try? await clock.sleep(until: clock.now.advanced(by: timeout), tolerance: nil)
            }
            await group.next()
            group.cancelAll()
        }
    }
}

extension RedisClientService where C == ContinuousClock {
    /// Creates the service on the continuous clock.
    ///
    /// - Parameters:
    ///   - client: The client to close at shutdown.
    ///   - drainTimeout: How long a graceful shutdown waits for the commands in flight.
    ///   - onClose: Runs just before the client closes, with the number of commands still in
    ///     flight then.
    /// - Complexity: O(1).
    public init(
        _ client: RedisClient,
        drainTimeout: Duration = .seconds(5),
        onClose: (@Sendable (_ commandsAbandoned: Int) -> Void)? = nil
    ) {
        self.init(client, drainTimeout: drainTimeout, clock: ContinuousClock(), onClose: onClose)
    }
}
#endif
