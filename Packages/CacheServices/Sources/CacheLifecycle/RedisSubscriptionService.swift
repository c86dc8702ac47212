#if ServiceLifecycle && Redis
import CacheRedis
import ServiceLifecycle

/// A service that keeps a Redis subscription (such as `RedisCache.propagateInvalidations(to:)`'s)
/// for the life of the service group, and cancels it when the group shuts down.
///
///     let invalidations = RedisSubscriptionService {
///         try await redisUsers.propagateInvalidations(to: users)
///     }
///     let group = ServiceGroup(services: [redisService, invalidations, server], logger: logger)
///
/// The subscription starts when the service runs; if subscribing fails, ``run()`` throws, which
/// by default makes the service group shut down. On a graceful shutdown or cancellation it is
/// cancelled: its connection is closed, and no handler runs after the service returns. List it
/// after the `RedisClientService` of its client, so it stops before the client closes.
public struct RedisSubscriptionService: Service {
    private let subscribe: @Sendable () async throws -> RedisSubscription

    /// Creates a service that subscribes when it runs.
    ///
    /// - Parameter subscribe: Starts the subscription, for example
    ///   `{ try await redisUsers.propagateInvalidations(to: users) }`.
    /// - Complexity: O(1).
    public init(_ subscribe: @escaping @Sendable () async throws -> RedisSubscription) {
        self.subscribe = subscribe
    }

    /// Creates a service for a subscription already started; the service cancels it at shutdown.
    ///
    /// - Complexity: O(1).
    public init(subscription: RedisSubscription) {
        self.subscribe = { subscription }
    }

    /// Subscribes, waits for a graceful shutdown or cancellation, then cancels the subscription.
    ///
    /// - Throws: The error of subscribing.
    public func run() async throws {
        let subscription = try await subscribe()
        try? await gracefulShutdown()
        await subscription.cancel()
    }
}
#endif
