#if Redis
import CacheCore
import NIOCore
import NIOSSL
import Synchronization

/// Up to `maximumConnections` connections to one server, opened on demand and shared by every
/// command: each command goes to the connection with the fewest commands in flight, and a new
/// connection is opened (in the background) only when every open one is busy.
///
/// When a connection closes, it leaves the pool; the next command opens a new one. When opening
/// fails, the pool waits ``RedisReconnectBackoff/delay(afterFailures:)`` before the next attempt,
/// and until then commands fail at once with ``RedisError/Kind/unavailable``. Commands that were
/// waiting for the failed attempt get its error. Every wait is bounded: by the connect timeout for
/// a connection, by the command timeout for a reply.
final class RedisConnectionPool: Sendable {
    let configuration: RedisConfiguration
    private let sslContext: NIOSSLContext?
    private let group: any EventLoopGroup
    private let state = Mutex(State())

    private struct State {
        var connections: [RedisConnection] = []
        var opening = 0
        var waiters: [CheckedContinuation<Result<RedisConnection, RedisError>, Never>] = []
        var failures = 0
        var retryAt: ContinuousClock.Instant?
        var lastError: RedisError?
        var isClosed = false
    }

    private enum Choice {
        case use(RedisConnection)
        case wait
        case fail(RedisError)
    }

    init(configuration: RedisConfiguration, sslContext: NIOSSLContext?, group: any EventLoopGroup) {
        self.configuration = configuration
        self.sslContext = sslContext
        self.group = group
    }

    /// The number of open connections.
    var openConnections: Int { state.withAnnotatedLock { $0.connections.count(where: \.isActive) } }

    /// The number of commands sent on the pool's connections and not yet answered.
    var commandsInFlight: Int { state.withAnnotatedLock { $0.connections.reduce(0) { $0 + $1.commandsInFlight } } }

    /// A connection to send on: the least busy open one, or a new one.
    ///
    /// - Throws: ``RedisError``: the failed attempt's error, ``RedisError/Kind/unavailable``
    ///   while backing off, or ``RedisError/Kind/clientClosed``.
    /// - Complexity: O(*c*) for *c* open connections, plus a connect when none is open.
    func connection() async throws(RedisError) -> RedisConnection {
        let now = ContinuousClock.now
        let (choice, opens) = state.withAnnotatedLock { state -> (Choice, Bool) in
            if state.isClosed { return (.fail(closedError), false) }
            state.connections.removeAll { !$0.isActive }
            let backingOff = state.retryAt.map { now < $0 } ?? false
            if let best = state.connections.min(by: { $0.commandsInFlight < $1.commandsInFlight }) {
                let grows =
                    best.commandsInFlight > 0 && !backingOff
                    && state.connections.count + state.opening < configuration.maximumConnections
                if grows { state.opening += 1 }
                return (.use(best), grows)
            }
            if state.opening > 0 { return (.wait, false) }
            if backingOff, let retryAt = state.retryAt {
                return (.fail(unavailable(retryIn: retryAt - now, after: state.lastError)), false)
            }
            state.opening += 1
            return (.wait, true)
        }
        if opens { Task { await self.open() } }
        switch choice {
        case .use(let connection):
            return connection
        case .fail(let error):
            throw error
        case .wait:
            return try await withCheckedContinuation { continuation in
                let ready: Result<RedisConnection, RedisError>? = state.withAnnotatedLock { state in
                    if let open = state.connections.first(where: \.isActive) { return .success(open) }
                    if state.isClosed { return .failure(closedError) }
                    if state.opening == 0 {
                        return .failure(state.lastError ?? unavailable(retryIn: .zero, after: nil))
                    }
                    state.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }.get()
        }
    }

    /// Closes every connection; commands waiting fail, later ones fail with
    /// ``RedisError/Kind/clientClosed``.
    func close() async {
        let (connections, waiters) = state.withAnnotatedLock { state in
            state.isClosed = true
            defer {
                state.connections = []
                state.waiters = []
            }
            return (state.connections, state.waiters)
        }
        for waiter in waiters { waiter.resume(returning: .failure(closedError)) }
        for connection in connections {
            connection.close()
            try? await connection.closeFuture.get()
        }
    }

    /// Opens a connection and hands it to the commands waiting, or records the failure.
    private func open() async {
        let result: Result<RedisConnection, RedisError>
        do {
            result = .success(
                try await RedisConnection.connect(configuration, sslContext: sslContext, group: group)
            )
        } catch {
            result = .failure(error)
        }
        let now = ContinuousClock.now
        typealias Outcome = (
            waiters: [CheckedContinuation<Result<RedisConnection, RedisError>, Never>],
            handOut: Result<RedisConnection, RedisError>,
            closeAtOnce: Bool
        )
        let (waiters, handOut, closeAtOnce) = state.withAnnotatedLock { state -> Outcome in
            state.opening -= 1
            var handOut = result
            switch result {
            case .success(let connection):
                if state.isClosed { return ([], result, true) }
                state.connections.append(connection)
                state.failures = 0
                state.retryAt = nil
                state.lastError = nil
            case .failure(let error):
                state.failures += 1
                state.lastError = error
                state.retryAt = now + configuration.reconnectBackoff.delay(afterFailures: state.failures)
                if let open = state.connections.first(where: \.isActive) {
                    handOut = .success(open)
                } else if state.opening > 0 {
                    return ([], result, false)
                }
            }
            defer { state.waiters = [] }
            return (state.waiters, handOut, false)
        }
        if case .success(let connection) = result {
            if closeAtOnce {
                connection.close()
                return
            }
            connection.closeFuture.whenComplete { [weak self] _ in self?.remove(connection) }
        }
        for waiter in waiters { waiter.resume(returning: handOut) }
    }

    private func remove(_ connection: RedisConnection) {
        state.withAnnotatedLock { state in state.connections.removeAll { $0 === connection } }
    }

    private var closedError: RedisError {
        RedisError(.clientClosed, server: configuration.server, message: "the client was closed")
    }

    private func unavailable(retryIn delay: Duration, after error: RedisError?) -> RedisError {
        let milliseconds = Int((delay.seconds * 1000).rounded(.up))
        let cause = error.map { " (\($0.message))" } ?? ""
        return RedisError(
            .unavailable,
            server: configuration.server,
            message: "not connected: the last attempt failed\(cause); the next one in \(milliseconds) ms"
        )
    }
}
#endif
