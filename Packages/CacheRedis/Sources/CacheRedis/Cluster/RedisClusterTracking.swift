#if Redis
import CacheCore
import Synchronization

/// Client tracking on a Redis Cluster: a RESP3 tracking connection on every node that serves
/// reads (each node reports only writes to its own keys), kept in step with the topology.
///
/// - The nodes are the masters, and with ``RedisClusterOptions/readsFromReplicas`` the replicas
///   too: a replica reports a write when it applies it from the replication stream, so a read
///   it answered with the old value is reported after it, not before.
/// - Like a single server's subscription, it runs until ``cancel()``, even when nothing holds it
///   any more: its connections' callbacks hold it.
/// - Each connection is pinned to its node and reopened with the client's backoff when it
///   closes; `onGap` runs when it closes and again once tracking is back on it.
/// - A closed connection also starts a recovery: the topology is fetched again with the same
///   backoff until every node it names has its tracking connection open, so a dead master's
///   connection is replaced by one on the replica promoted in its place. Any topology the
///   router fetches that differs from the last one (a refresh after `MOVED`, the periodic one)
///   is applied too: connections open on nodes that joined (tracking on a new node runs `onGap`
///   once it is on) and close on nodes that left.
final class RedisClusterTracking: Sendable {
    private let client: RedisClient
    private let router: RedisClusterRouter
    private let setup: RedisSubscriptionSetup
    private let includesReplicas: Bool
    private let onFrame: @Sendable (RESPValue) -> Void
    private let onGap: @Sendable () -> Void
    private let state = Mutex(State())

    private struct State {
        var links: [RedisServerAddress: RedisSubscriptionConnection] = [:]
        /// Links of nodes that left the topology, being closed.
        var retired: [RedisSubscriptionConnection] = []
        var observer: Int?
        var recovery: Task<Void, Never>?
        var isCancelled = false
        /// Tracking enabled on a node after the start: connections that came back, nodes added.
        var resubscriptions = 0
    }

    private init(
        client: RedisClient,
        router: RedisClusterRouter,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onGap: @escaping @Sendable () -> Void
    ) {
        self.client = client
        self.router = router
        self.setup = setup
        self.includesReplicas = client.configuration.cluster?.readsFromReplicas ?? false
        self.onFrame = onFrame
        self.onGap = onGap
    }

    /// Enables tracking on every node of the topology that serves reads, all at once.
    ///
    /// - Parameters:
    ///   - onFrame: Receives each push of every node, on its connection's event loop.
    ///   - onGap: Runs when reports may have been missed: a connection closed, or tracking came
    ///     back on a node or started on one the topology gained.
    /// - Throws: ``RedisError`` when the topology cannot be fetched or a node refuses tracking;
    ///   nothing stays open then.
    static func start(
        client: RedisClient,
        router: RedisClusterRouter,
        setup: RedisSubscriptionSetup,
        onFrame: @escaping @Sendable (RESPValue) -> Void,
        onGap: @escaping @Sendable () -> Void
    ) async throws(RedisError) -> RedisClusterTracking {
        let tracking = RedisClusterTracking(
            client: client,
            router: router,
            setup: setup,
            onFrame: onFrame,
            onGap: onGap
        )
        let nodes = tracking.nodes(of: try await router.topology())
        let results = await withTaskGroup(of: Result<RedisSubscriptionConnection, RedisError>.self) { tasks in
            for node in nodes {
                tasks.addTask {
                    do throws(RedisError) {
                        return .success(try await tracking.connect(to: node))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var results: [Result<RedisSubscriptionConnection, RedisError>] = []
            for await result in tasks { results.append(result) }
            return results
        }
        var links: [RedisServerAddress: RedisSubscriptionConnection] = [:]
        var failure: RedisError?
        for result in results {
            switch result {
            case .success(let link):
                if case .node(let address) = link.target { links[address] = link }
            case .failure(let error):
                failure = failure ?? error
            }
        }
        // A connection lost while the others opened may have started a recovery, whose
        // topology may have opened connections already: those to nodes opened here are extra.
        let extra = tracking.state.withAnnotatedLock { state -> [RedisSubscriptionConnection] in
            var extra: [RedisSubscriptionConnection] = []
            for (node, link) in links {
                if let meanwhile = state.links[node] { extra.append(meanwhile) }
                state.links[node] = link
            }
            return extra
        }
        for link in extra { await link.cancel() }
        if let failure {
            await tracking.cancel()
            throw RedisError(
                failure.kind,
                server: failure.server,
                command: failure.command,
                message: "could not enable client tracking on every node of the cluster: \(failure.message)"
            )
        }
        let observer = router.addTopologyObserver { topology in tracking.apply(topology) }
        tracking.state.withAnnotatedLock { $0.observer = observer }
        // A topology fetched while the connections opened is not missed.
        if let topology = try? await router.topology() { tracking.apply(topology) }
        return tracking
    }

    /// Tracking (re-)enabled on a node after the start.
    var resubscriptions: Int { state.withAnnotatedLock { $0.resubscriptions } }

    /// Whether every node tracked has its connection open.
    var isConnected: Bool {
        let links = state.withAnnotatedLock { Array($0.links.values) }
        return !links.isEmpty && links.allSatisfy(\.isConnected)
    }

    /// The nodes tracked, in address order.
    var trackedNodes: [RedisServerAddress] {
        state.withAnnotatedLock { Array($0.links.keys) }.sorted { ($0.host, $0.port) < ($1.host, $1.port) }
    }

    /// Closes every connection; no callback runs after it returns.
    func cancel() async {
        let (links, recovery, observer) = state.withAnnotatedLock { state in
            state.isCancelled = true
            defer {
                state.links = [:]
                state.retired = []
                state.recovery = nil
                state.observer = nil
            }
            return (Array(state.links.values) + state.retired, state.recovery, state.observer)
        }
        if let observer { router.removeTopologyObserver(observer) }
        // Not awaited: a recovery may be waiting for a topology fetch, and once cancelled it
        // opens nothing and calls nothing.
        recovery?.cancel()
        for link in links { await link.cancel() }
    }

    /// The nodes to track in `topology`: those reads go to.
    private func nodes(of topology: RedisClusterTopology) -> [RedisServerAddress] {
        includesReplicas ? topology.nodes : topology.masters
    }

    /// Opens a tracking connection on `node` now.
    private func connect(to node: RedisServerAddress) async throws(RedisError) -> RedisSubscriptionConnection {
        try await RedisSubscriptionConnection.connect(
            to: .node(node),
            client: client,
            setup: setup,
            onFrame: onFrame,
            onConnectionLost: { self.connectionLost() },
            onResubscribe: { self.trackingBack() }
        )
    }

    /// Tracks the nodes of `topology` and no others.
    private func apply(_ topology: RedisClusterTopology) {
        let wanted = Set(nodes(of: topology))
        let retired = state.withAnnotatedLock { state -> [RedisSubscriptionConnection] in
            guard !state.isCancelled else { return [] }
            for node in wanted where state.links[node] == nil {
                state.links[node] = RedisSubscriptionConnection.connectInBackground(
                    to: .node(node),
                    client: client,
                    setup: setup,
                    onFrame: onFrame,
                    onConnectionLost: { self.connectionLost() },
                    onResubscribe: { self.trackingBack() }
                )
            }
            let leaving = state.links.filter { !wanted.contains($0.key) }
            for node in leaving.keys { state.links[node] = nil }
            state.retired += leaving.values
            return Array(leaving.values)
        }
        for link in retired {
            Task {
                await link.cancel()
                self.state.withAnnotatedLock { state in state.retired.removeAll { $0 === link } }
            }
        }
        if state.withAnnotatedLock({ !$0.isCancelled && $0.links.values.contains { !$0.isConnected } }) {
            startRecovery()
        }
    }

    /// A tracking connection closed: reports may be missed until it is back, or replaced.
    private func connectionLost() {
        onGap()
        startRecovery()
    }

    /// Tracking is on (again) on a node: what changed before it was is unknown.
    private func trackingBack() {
        state.withAnnotatedLock { $0.resubscriptions += 1 }
        onGap()
    }

    /// Fetches the topology with the client's backoff until every node in it has its tracking
    /// connection open, unless a recovery is under way.
    private func startRecovery() {
        state.withAnnotatedLock { state in
            guard !state.isCancelled, state.recovery == nil else { return }
            state.recovery = Task { await self.recover() }
        }
    }

    private func recover() async {
        var failures = 0
        while true {
            failures += 1
            try? await Task.sleep(for: client.configuration.reconnectBackoff.delay(afterFailures: failures))
            if case .success(let topology) = await router.refreshTopology(ifOlderThan: .zero) { apply(topology) }
            let links = state.withAnnotatedLock { state -> [RedisSubscriptionConnection]? in
                state.isCancelled ? nil : Array(state.links.values)
            }
            guard let links else { return }
            if links.allSatisfy(\.isConnected) {
                let healthy = state.withAnnotatedLock { state in
                    // A connection lost since the check starts no recovery while this one runs.
                    if state.links.values.allSatisfy(\.isConnected) || state.isCancelled {
                        state.recovery = nil
                        return true
                    }
                    return false
                }
                if healthy { return }
            }
        }
    }
}
#endif
