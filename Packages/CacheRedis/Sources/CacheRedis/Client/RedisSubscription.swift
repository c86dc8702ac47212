#if Redis
import CacheCore
import NIOCore
import Synchronization

/// A pub/sub subscription to one channel, from ``RedisClient/subscribe(to:onMessage:onResubscribe:)``.
///
/// It holds a connection of its own. When that connection closes (the server restarted, the
/// network failed), the subscription reconnects with the client's backoff, subscribes again and
/// then runs `onResubscribe`, since messages published meanwhile were lost. ``cancel()`` ends it.
public final class RedisSubscription: Sendable {
    /// The channel.
    public let channel: String
    private let client: RedisClient
    private let onMessage: @Sendable (ByteBuffer) -> Void
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
        onMessage: @escaping @Sendable (ByteBuffer) -> Void,
        onResubscribe: @escaping @Sendable () -> Void
    ) {
        self.channel = channel
        self.client = client
        self.onMessage = onMessage
        self.onResubscribe = onResubscribe
    }

    static func start(
        channel: String,
        client: RedisClient,
        onMessage: @escaping @Sendable (ByteBuffer) -> Void,
        onResubscribe: @escaping @Sendable () -> Void
    ) async throws(RedisError) -> RedisSubscription {
        let subscription = RedisSubscription(
            channel: channel,
            client: client,
            onMessage: onMessage,
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

    /// Opens a connection and subscribes on it.
    private func subscribe() async throws(RedisError) -> RedisConnection {
        let channel = channel
        let onMessage = onMessage
        let attempt = state.withAnnotatedLock { state in
            defer { state.attempts += 1 }
            return state.attempts
        }
        let connection = try await RedisConnection.connect(
            client.subscriptionConfiguration(attempt: attempt),
            sslContext: client.sslContext,
            group: client.group,
            messages: { frame in
                guard let elements = frame.elements, elements.count == 3, elements[1].string == channel,
                    let payload = elements[2].bytes
                else { return }
                onMessage(payload)
            }
        )
        do {
            _ = try await connection.send(RedisCommand("SUBSCRIBE", channel))
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
