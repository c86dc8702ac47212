#if Redis
import CacheCore
import NIOCore
import NIOSSL
import Synchronization

/// Sends commands to the nodes of a Redis Cluster: each to the master (or, for reads when
/// configured, a replica) serving its key's hash slot, through a ``RedisConnectionPool`` per
/// node, following `MOVED` and `ASK` and retrying through failovers.
///
/// - **Topology**: learnt from `CLUSTER SHARDS` (or `CLUSTER SLOTS`) of the first node that
///   answers among those known and the seeds; refreshed every
///   ``RedisClusterOptions/topologyRefreshInterval``, after every `MOVED`, and whenever a node
///   fails or the cluster says it is in transition. Refreshes are shared: one at a time.
/// - **`MOVED`** records the slot's new node at once (so the retry goes there) and refreshes the
///   topology in the background. **`ASK`** sends `ASKING` and the command to the node named,
///   once, leaving the slot map as it is.
/// - **`TRYAGAIN`, `CLUSTERDOWN`, `LOADING`, `MASTERDOWN` and unreachable nodes** are retried
///   after a backoff (25 ms doubling to 250 ms) and a topology refresh, for as long as the
///   command timeout, counted from when the command was first sent, allows. A command whose
///   connection closed before its reply is sent again: it may run twice, which the commands of a
///   cache (`SET`, `GET`, `UNLINK`) tolerate.
final class RedisClusterRouter: Sendable {
    private let configuration: RedisConfiguration
    private let options: RedisClusterOptions
    private let sslContext: NIOSSLContext?
    private let group: any EventLoopGroup
    private let state = Mutex(State())
    /// How many `MOVED` redirects commands followed.
    let movedRedirects = Atomic<Int>(0)
    /// How many `ASK` redirects commands followed.
    let askRedirects = Atomic<Int>(0)
    /// How many topology fetches succeeded.
    let topologyRefreshes = Atomic<Int>(0)
    private static let retryBackoff = RedisReconnectBackoff(initial: .milliseconds(25), maximum: .milliseconds(250))
    /// The most `MOVED` and `ASK` redirects one command follows.
    private static let maximumRedirects = 16

    /// A node, and whether its connections send `READONLY` (replica reads).
    private struct Node: Hashable {
        let address: RedisServerAddress
        let readOnly: Bool
    }

    private struct State {
        var topology: RedisClusterTopology?
        /// Slots a `MOVED` reply reassigned since the last refresh.
        var moved: [Int: RedisServerAddress] = [:]
        var pools: [Node: RedisConnectionPool] = [:]
        var refresh: Task<Result<RedisClusterTopology, RedisError>, Never>?
        var lastRefresh: ContinuousClock.Instant?
        var periodicRefresh: Task<Void, Never>?
        var turn = 0
        var isClosed = false
        /// Called with each fetched topology that differs from the one before it.
        var observers: [Int: @Sendable (RedisClusterTopology) -> Void] = [:]
        var nextObserver = 0
    }

    init(
        configuration: RedisConfiguration,
        options: RedisClusterOptions,
        sslContext: NIOSSLContext?,
        group: any EventLoopGroup
    ) {
        self.configuration = configuration
        self.options = options
        self.sslContext = sslContext
        self.group = group
        let interval = options.topologyRefreshInterval
        let periodic = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, !Task.isCancelled else { return }
                _ = await self.refreshTopology(ifOlderThan: .zero)
            }
        }
        state.withAnnotatedLock { $0.periodicRefresh = periodic }
    }

    /// The number of open pooled connections, on every node.
    var openConnections: Int {
        state.withAnnotatedLock { Array($0.pools.values) }.reduce(0) { $0 + $1.openConnections }
    }

    /// The number of commands sent and not yet answered, on every node.
    var commandsInFlight: Int {
        state.withAnnotatedLock { Array($0.pools.values) }.reduce(0) { $0 + $1.commandsInFlight }
    }

    /// Sends `command` to the node serving its key's slot and returns its reply.
    ///
    /// - Throws: ``RedisError``: the command's own error, or the last one once retries run out.
    func send(_ command: RedisCommand) async throws(RedisError) -> RESPValue {
        try await execute(command, after: nil, deadline: ContinuousClock.now + configuration.commandTimeout)
    }

    /// Sends the commands, each to its node, in one pipeline per node (the pipelines at once),
    /// and returns the replies in the commands' order. A command without a key goes with the
    /// command before it (or, first in the list, with the first command with a key), so `WAIT`
    /// follows the write it waits for on the same connection.
    ///
    /// - Throws: The first command's ``RedisError``, once every reply has come.
    func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RESPValue] {
        let deadline = ContinuousClock.now + configuration.commandTimeout
        var results = [Result<RESPValue, RedisError>?](repeating: nil, count: commands.count)
        var groups: [Node: [Int]] = [:]
        var order: [Node] = []
        do throws(RedisError) {
            let nodes = try await route(commands)
            for (index, node) in nodes.enumerated() {
                if groups[node] == nil { order.append(node) }
                groups[node, default: []].append(index)
            }
        } catch {
            for index in commands.indices { results[index] = .failure(error) }
        }
        await withTaskGroup(of: [(Int, Result<RESPValue, RedisError>)].self) { tasks in
            for node in order {
                let indices = groups[node] ?? []
                tasks.addTask {
                    let replies: [Result<RESPValue, RedisError>]
                    do throws(RedisError) {
                        let connection = try await self.pool(for: node).connection()
                        replies = await connection.pipelineResults(indices.map { commands[$0] })
                    } catch {
                        replies = Array(repeating: .failure(error), count: indices.count)
                    }
                    return Array(zip(indices, replies))
                }
            }
            for await answered in tasks {
                for (index, result) in answered { results[index] = result }
            }
        }
        await withTaskGroup(of: (Int, Result<RESPValue, RedisError>).self) { tasks in
            for (index, result) in results.enumerated() {
                guard case .failure(let error) = result, RedisClusterReply(error) != .fail else { continue }
                tasks.addTask {
                    do throws(RedisError) {
                        return (
                            index, .success(try await self.execute(commands[index], after: error, deadline: deadline))
                        )
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for await (index, result) in tasks { results[index] = result }
        }
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        for result in results {
            switch result {
            case .success(let reply)?: replies.append(reply)
            case .failure(let error)?: throw error
            case nil: throw RedisError(.clientClosed, server: configuration.server, message: "a command got no reply")
            }
        }
        return replies
    }

    /// The pools of the masters, one per shard, for commands every master must run (`SCAN`).
    func masterPools() async throws(RedisError) -> [RedisConnectionPool] {
        try await topology().masters.map { pool(for: Node(address: $0, readOnly: false)) }
    }

    /// The master serving `slot` in the topology as last fetched (fetched first if there is none).
    func master(ofSlot slot: Int) async throws(RedisError) -> RedisServerAddress? {
        try await topology().shard(forSlot: slot)?.master
    }

    /// The configuration of a node to subscribe on: the known nodes in turn (masters, replicas,
    /// then the seeds), `attempt` choosing which.
    func subscriptionConfiguration(attempt: Int) -> RedisConfiguration {
        let candidates = subscriptionCandidates
        return configuration.node(candidates[attempt % candidates.count])
    }

    /// The nodes a subscription may connect to: the known nodes, then the seeds not among them.
    var subscriptionCandidates: [RedisServerAddress] {
        var candidates = state.withAnnotatedLock { $0.topology?.nodes ?? [] }
        for seed in options.seeds where !candidates.contains(seed) { candidates.append(seed) }
        return candidates
    }

    /// Closes every node's connections and stops the periodic refresh.
    func close() async {
        let (pools, periodic, refresh) = state.withAnnotatedLock { state in
            state.isClosed = true
            return (Array(state.pools.values), state.periodicRefresh, state.refresh)
        }
        periodic?.cancel()
        refresh?.cancel()
        for pool in pools { await pool.close() }
    }

    /// Sends `command`, or resends it after `failure`, following redirects and retrying until
    /// `deadline`.
    private func execute(
        _ command: RedisCommand,
        after failure: RedisError?,
        deadline: ContinuousClock.Instant
    ) async throws(RedisError) -> RESPValue {
        var failure = failure
        var askTarget: RedisServerAddress?
        var asked = false
        var redirects = 0
        var retries = 0
        while true {
            if let error = failure {
                failure = nil
                switch RedisClusterReply(error) {
                case .fail:
                    throw error
                case .moved(let slot, let address):
                    redirects += 1
                    guard redirects <= Self.maximumRedirects else { throw tooManyRedirects(error) }
                    movedRedirects.add(1, ordering: .relaxed)
                    state.withAnnotatedLock { $0.moved[slot] = address }
                    Task { _ = await self.refreshTopology(ifOlderThan: .zero) }
                case .ask(_, let address):
                    redirects += 1
                    guard !asked, redirects <= Self.maximumRedirects else { throw tooManyRedirects(error) }
                    askRedirects.add(1, ordering: .relaxed)
                    askTarget = address
                case .retryLater:
                    retries += 1
                    let wait = Self.retryBackoff.delay(afterFailures: retries)
                    guard ContinuousClock.now + wait < deadline, !isClosed else { throw error }
                    try? await Task.sleep(for: wait)
                    _ = await refreshTopology(ifOlderThan: .milliseconds(100))
                }
            }
            do throws(RedisError) {
                if let address = askTarget {
                    askTarget = nil
                    asked = true
                    let connection = try await pool(for: Node(address: address, readOnly: false)).connection()
                    return try await connection.pipelineResults([RedisCommand("ASKING"), command])[1].get()
                }
                let node = try await self.node(for: command)
                return try await pool(for: node).connection().send(command)
            } catch {
                failure = error
            }
        }
    }

    /// The node each command goes to; a command without a key goes with the one before it.
    private func route(_ commands: [RedisCommand]) async throws(RedisError) -> [Node] {
        var nodes: [Node?] = []
        nodes.reserveCapacity(commands.count)
        for command in commands {
            nodes.append(command.clusterSlot == nil ? nil : try await node(for: command))
        }
        var previous: Node
        if let first = nodes.lazy.compactMap({ $0 }).first {
            previous = first
        } else {
            previous = try await node(for: RedisCommand("PING"))
        }
        return nodes.map { node in
            if let node { previous = node }
            return previous
        }
    }

    /// The node that serves `command`'s slot: a replica for a read when reads go to replicas,
    /// else the master; any master for a command without a key.
    private func node(for command: RedisCommand) async throws(RedisError) -> Node {
        let topology = try await topology()
        let slot = command.clusterSlot
        let (moved, turn) = state.withAnnotatedLock { state in
            state.turn &+= 1
            return (slot.flatMap { state.moved[$0] }, state.turn)
        }
        guard let slot else {
            return Node(address: topology.masters[turn % topology.masters.count], readOnly: false)
        }
        if let moved { return Node(address: moved, readOnly: false) }
        guard let shard = topology.shard(forSlot: slot) else {
            throw RedisError(
                .unavailable,
                server: configuration.server,
                command: command.name,
                message: "no node serves hash slot \(slot): the cluster does not cover every slot"
            )
        }
        if options.readsFromReplicas, command.isRead, !shard.replicas.isEmpty {
            return Node(address: shard.replicas[turn % shard.replicas.count], readOnly: true)
        }
        return Node(address: shard.master, readOnly: false)
    }

    /// The pool of `node`, made on first use.
    private func pool(for node: Node) -> RedisConnectionPool {
        state.withAnnotatedLock { state in
            if let pool = state.pools[node] { return pool }
            let pool = RedisConnectionPool(
                configuration: configuration.node(node.address, readOnly: node.readOnly),
                sslContext: sslContext,
                group: group
            )
            state.pools[node] = pool
            return pool
        }
    }

    private var isClosed: Bool { state.withAnnotatedLock { $0.isClosed } }

    /// Calls `observer` with every topology fetched from now on that differs from the one
    /// before it (a failover, a slot that moved, a node that joined or left), outside the
    /// router's lock, on the task that fetched it.
    ///
    /// - Returns: The key that ``removeTopologyObserver(_:)`` takes.
    func addTopologyObserver(_ observer: @escaping @Sendable (RedisClusterTopology) -> Void) -> Int {
        state.withAnnotatedLock { state in
            defer { state.nextObserver += 1 }
            state.observers[state.nextObserver] = observer
            return state.nextObserver
        }
    }

    /// Stops calling the observer `key` names.
    func removeTopologyObserver(_ key: Int) {
        _ = state.withAnnotatedLock { $0.observers.removeValue(forKey: key) }
    }

    /// The topology, fetched first when there is none yet.
    func topology() async throws(RedisError) -> RedisClusterTopology {
        if let topology = state.withAnnotatedLock({ $0.topology }) { return topology }
        if isClosed { throw RedisError(.clientClosed, server: configuration.server, message: "the client was closed") }
        return try await refreshTopology(ifOlderThan: .zero).get()
    }

    /// Fetches the topology again unless the last fetch is more recent than `age`; joins a
    /// fetch under way.
    func refreshTopology(ifOlderThan age: Duration) async -> Result<RedisClusterTopology, RedisError> {
        let now = ContinuousClock.now
        enum Refresh {
            case recent(RedisClusterTopology)
            case fetch(Task<Result<RedisClusterTopology, RedisError>, Never>)
        }
        let refresh = state.withAnnotatedLock { state -> Refresh in
            if let refresh = state.refresh { return .fetch(refresh) }
            if let topology = state.topology, let last = state.lastRefresh, now - last < age {
                return .recent(topology)
            }
            let refresh = Task { await self.fetchTopology() }
            state.refresh = refresh
            return .fetch(refresh)
        }
        switch refresh {
        case .recent(let topology): return .success(topology)
        case .fetch(let task): return await task.value
        }
    }

    /// Asks the known nodes, then the seeds, for the topology, and keeps the first answer.
    private func fetchTopology() async -> Result<RedisClusterTopology, RedisError> {
        let known = state.withAnnotatedLock { $0.topology?.nodes ?? [] }
        var candidates: [RedisServerAddress] = []
        for address in known + options.seeds where !candidates.contains(address) { candidates.append(address) }
        var lastError: RedisError?
        var found: RedisClusterTopology?
        for address in candidates {
            do throws(RedisError) {
                found = try await fetchTopology(from: pool(for: Node(address: address, readOnly: false)))
                break
            } catch {
                lastError = error
            }
        }
        let now = ContinuousClock.now
        if found != nil { topologyRefreshes.add(1, ordering: .relaxed) }
        let (result, observers) = state.withAnnotatedLock {
            state -> (Result<RedisClusterTopology, RedisError>, [@Sendable (RedisClusterTopology) -> Void]) in
            state.refresh = nil
            guard let found else {
                let cause = lastError.map { ": \($0)" } ?? ""
                let error = RedisError(
                    .unavailable,
                    server: configuration.server,
                    command: "CLUSTER SHARDS",
                    message: "no node of the cluster (\(candidates.count) tried) gave its topology\(cause)"
                )
                return (.failure(error), [])
            }
            let changed = state.topology != found
            state.topology = found
            state.moved = [:]
            state.lastRefresh = now
            return (.success(found), changed ? Array(state.observers.values) : [])
        }
        if case .success(let topology) = result {
            for observer in observers { observer(topology) }
        }
        return result
    }

    /// The topology as one node sees it: `CLUSTER SHARDS`, or `CLUSTER SLOTS` when the node
    /// does not know that (before Redis 7).
    private func fetchTopology(from pool: RedisConnectionPool) async throws(RedisError) -> RedisClusterTopology {
        let connection = try await pool.connection()
        let server = pool.configuration.server
        var command = "CLUSTER SHARDS"
        let reply: RESPValue
        do throws(RedisError) {
            reply = try await connection.send(RedisCommand("CLUSTER", "SHARDS"))
        } catch  where error.kind == .serverError && error.message.lowercased().contains("unknown subcommand") {
            command = "CLUSTER SLOTS"
            reply = try await connection.send(RedisCommand("CLUSTER", "SLOTS"))
        }
        let topology: RedisClusterTopology
        do throws(RedisClusterReplyError) {
            topology =
                command == "CLUSTER SHARDS"
                ? try RedisClusterTopology(shardsReply: reply, tls: configuration.tls != nil)
                : try RedisClusterTopology(slotsReply: reply)
        } catch {
            throw RedisError(.malformedReply, server: server, command: command, message: error.description)
        }
        return try validated(topology, server: server)
    }

    /// `topology`, unless it serves no slot at all (a node that left, or one not yet joined).
    private func validated(_ topology: RedisClusterTopology, server: String) throws(RedisError) -> RedisClusterTopology
    {
        guard topology.coveredSlots > 0 else {
            throw RedisError(
                .unavailable,
                server: server,
                command: "CLUSTER SHARDS",
                message: "the node knows of no slot"
            )
        }
        return topology
    }

    private func tooManyRedirects(_ error: RedisError) -> RedisError {
        RedisError(
            .serverError,
            server: error.server,
            command: error.command,
            message: "gave up after \(Self.maximumRedirects) redirects, or a second ASK; the last: \(error.message)"
        )
    }
}
#endif
