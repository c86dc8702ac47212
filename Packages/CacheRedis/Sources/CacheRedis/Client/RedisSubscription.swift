#if Redis
import CacheCore
import NIOCore
import Synchronization

/// A pub/sub subscription to one channel, from ``RedisClient/subscribe(to:onMessage:onResubscribe:)``,
/// or the connection that receives a ``RedisCache``'s client-tracking invalidations, from
/// ``RedisCache/trackInvalidations(_:)``.
///
/// It holds a connection of its own. When that connection closes (the server restarted, the
/// network failed), the subscription reconnects with the client's backoff, subscribes again and
/// then runs `onResubscribe`, since messages published meanwhile were lost. ``cancel()`` ends it.
public final class RedisSubscription: Sendable {
    /// The channel; `__redis__:invalidate` for client tracking.
    public let channel: String
    private let client: RedisClient
    private let setup: RedisSubscriptionSetup
    private let onFrame: @Sendable (RESPValue) -> Void
    private let onConnectionLost: @Sendable () -> Void
    private let onResubscribe: @Sendable () -> Void
    private let state = Mutex(State())

    private struct State {
        var connection: RedisConnection?
        var task: Task<Void, Never>?
        var isCancelled = false
        var resubscriptions = 0
        var attempts = 0
    }

    private init(
        channel: String,
        client: RedisClient,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onConnectionLost: @escaping @Sendable () -> Void,
        onResubscribe: @escaping @Sendable () -> Void
    ) {
        self.channel = channel
        self.client = client
        self.setup = setup
        self.onFrame = onFrame
        self.onConnectionLost = onConnectionLost
        self.onResubscribe = onResubscribe
    }

    /// Opens the subscription's connection, sends `setup`'s commands on it, and keeps it open.
    ///
    /// - Parameters:
    ///   - onFrame: Receives each pub/sub message or invalidation push, on the event loop.
    ///   - onConnectionLost: Runs as soon as the connection is found closed, before reconnecting.
    ///   - onResubscribe: Runs once the connection is back and `setup` was sent again.
    static func start(
        channel: String,
        client: RedisClient,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onConnectionLost: @escaping @Sendable () -> Void = {},
        onResubscribe: @escaping @Sendable () -> Void
    ) async throws(RedisError) -> RedisSubscription {
        let subscription = RedisSubscription(
            channel: channel,
            client: client,
            setup: setup,
            onFrame: onFrame,
            onConnectionLost: onConnectionLost,
            onResubscribe: onResubscribe
        )
        var connection: RedisConnection?
        var failure: RedisError?
        for _ in 0..<client.subscriptionServerCount where connection == nil {
            do throws(RedisError) {
                connection = try await subscription.subscribe()
            } catch {
                failure = error
            }
        }
        guard let connection else {
            throw failure
                ?? RedisError(
                    .connectionFailed,
                    server: client.configuration.server,
                    message: "no server to subscribe on"
                )
        }
        let task = Task { await subscription.keepSubscribed(from: connection) }
        subscription.state.withAnnotatedLock { $0.task = task }
        return subscription
    }

    /// How many times the subscription came back after losing its connection.
    public var resubscriptions: Int { state.withAnnotatedLock { $0.resubscriptions } }

    /// Whether the subscription's connection is open now.
    public var isConnected: Bool { state.withAnnotatedLock { $0.connection?.isActive ?? false } }

    /// Unsubscribes and closes the subscription's connection; no handler runs after it returns.
    public func cancel() async {
        let (connection, task) = state.withAnnotatedLock { state in
            state.isCancelled = true
            return (state.connection, state.task)
        }
        task?.cancel()
        connection?.close()
        await task?.value
    }

    /// Opens a connection and sends the setup commands on it.
    private func subscribe() async throws(RedisError) -> RedisConnection {
        let attempt = state.withAnnotatedLock { state in
            defer { state.attempts += 1 }
            return state.attempts
        }
        var configuration = client.subscriptionConfiguration(attempt: attempt)
        if let protocolVersion = setup.protocolVersion { configuration.protocolVersion = protocolVersion }
        let connection = try await RedisConnection.connect(
            configuration,
            sslContext: client.sslContext,
            group: client.group,
            messages: onFrame
        )
        do {
            _ = try await connection.pipeline(setup.commands)
        } catch {
            connection.close()
            throw error
        }
        let cancelled = state.withAnnotatedLock { state in
            if !state.isCancelled { state.connection = connection }
            return state.isCancelled
        }
        if cancelled { connection.close() }
        return connection
    }

    /// Waits for the connection to close, then subscribes again, until cancelled.
    private func keepSubscribed(from first: RedisConnection) async {
        var connection = first
        while true {
            try? await connection.closeFuture.get()
            if state.withAnnotatedLock({ $0.isCancelled }) { return }
            onConnectionLost()
            var failures = 0
            while true {
                if state.withAnnotatedLock({ $0.isCancelled }) { return }
                do {
                    connection = try await subscribe()
                    break
                } catch {
                    failures += 1
                    try? await Task.sleep(for: client.configuration.reconnectBackoff.delay(afterFailures: failures))
                }
            }
            let resubscribed = state.withAnnotatedLock { state in
                if !state.isCancelled { state.resubscriptions += 1 }
                return !state.isCancelled
            }
            guard resubscribed else { return }
            onResubscribe()
        }
    }
}
#endif
