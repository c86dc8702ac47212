#if Redis
import CacheCore
import NIOCore
import Synchronization

/// The connection behind a ``RedisSubscription``: opened, given its setup commands (`SUBSCRIBE`,
/// `CLIENT TRACKING on …`), and reopened with the client's backoff whenever it closes, until
/// cancelled. A cluster's client tracking keeps one per node (``RedisClusterTracking``).
final class RedisSubscriptionConnection: Sendable {
    /// Which server the connection goes to.
    enum Target: Sendable, Equatable {
        /// The client's server; in a cluster, each known node in turn (pub/sub reaches every node).
        case anyNode
        /// This node of a cluster, and only it (client tracking reports a node's own keys).
        case node(RedisServerAddress)
    }

    let target: Target
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
        target: Target,
        client: RedisClient,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onConnectionLost: @escaping @Sendable () -> Void,
        onResubscribe: @escaping @Sendable () -> Void
    ) {
        self.target = target
        self.client = client
        self.setup = setup
        self.onFrame = onFrame
        self.onConnectionLost = onConnectionLost
        self.onResubscribe = onResubscribe
    }

    /// Opens the connection, sends `setup`'s commands on it, and keeps it open.
    ///
    /// - Parameters:
    ///   - target: The server; for ``Target/anyNode`` in a cluster, every known node is tried
    ///     before the call fails.
    ///   - onFrame: Receives each pub/sub message or invalidation push, on the event loop.
    ///   - onConnectionLost: Runs as soon as the connection is found closed, before reconnecting.
    ///   - onResubscribe: Runs once the connection is back and `setup` was sent again.
    /// - Throws: ``RedisError`` when no connection could be opened and set up.
    static func connect(
        to target: Target,
        client: RedisClient,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onConnectionLost: @escaping @Sendable () -> Void,
        onResubscribe: @escaping @Sendable () -> Void
    ) async throws(RedisError) -> RedisSubscriptionConnection {
        let subscription = RedisSubscriptionConnection(
            target: target,
            client: client,
            setup: setup,
            onFrame: onFrame,
            onConnectionLost: onConnectionLost,
            onResubscribe: onResubscribe
        )
        var connection: RedisConnection?
        var failure: RedisError?
        let tries = target == .anyNode ? client.subscriptionServerCount : 1
        for _ in 0..<tries where connection == nil {
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

    /// Starts connecting in the background, with the client's backoff between failures, as after
    /// a lost connection but without `onConnectionLost`: `onResubscribe` runs once `setup` was
    /// sent, and the connection is kept open from then on.
    static func connectInBackground(
        to target: Target,
        client: RedisClient,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onConnectionLost: @escaping @Sendable () -> Void,
        onResubscribe: @escaping @Sendable () -> Void
    ) -> RedisSubscriptionConnection {
        let subscription = RedisSubscriptionConnection(
            target: target,
            client: client,
            setup: setup,
            onFrame: onFrame,
            onConnectionLost: onConnectionLost,
            onResubscribe: onResubscribe
        )
        let task = Task { await subscription.keepSubscribed(from: nil) }
        subscription.state.withAnnotatedLock { $0.task = task }
        return subscription
    }

    /// How many times the connection came back (or, made by ``connectInBackground(to:client:setup:onFrame:onConnectionLost:onResubscribe:)``,
    /// was first set up).
    var resubscriptions: Int { state.withAnnotatedLock { $0.resubscriptions } }

    /// Whether the connection is open now.
    var isConnected: Bool { state.withAnnotatedLock { $0.connection?.isActive ?? false } }

    /// Closes the connection; no callback runs after it returns.
    func cancel() async {
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
        var configuration: RedisConfiguration
        switch target {
        case .anyNode: configuration = client.subscriptionConfiguration(attempt: attempt)
        case .node(let address): configuration = client.configuration.node(address)
        }
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

    /// Waits for the connection to close (with none, connects first), then subscribes again,
    /// until cancelled.
    private func keepSubscribed(from first: RedisConnection?) async {
        var connection = first
        while true {
            if let connection {
                try? await connection.closeFuture.get()
                if state.withAnnotatedLock({ $0.isCancelled }) { return }
                onConnectionLost()
            }
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
