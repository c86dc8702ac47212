import CacheCore
import Synchronization

/// An in-memory `AsyncCacheProtocol` standing in for a remote store in tests: it records the
/// TTL of every write and counts reads, and can be told to fail chosen operations.
final class InMemoryRemoteStore<Key: Hashable & Sendable, Value: Sendable>: AsyncCacheProtocol {
    /// The operations that can be made to fail.
    enum Operation: Hashable, Sendable {
        case get, set, delete, clear
    }

    /// The error a failing operation throws.
    struct Unavailable: Error, Equatable {
        let operation: Operation
    }

    private struct State {
        var values: [Key: Value] = [:]
        var ttls: [Key: TimeToLive?] = [:]
        var failing: Set<Operation> = []
        var gets = 0
        var sets = 0
    }

    private let state = Mutex(State())
    /// When set, every `get` reads the value, then waits for the gate to open before answering.
    let gate: AsyncGate?

    init(_ values: [Key: Value] = [:], gate: AsyncGate? = nil) {
        self.gate = gate
        state.withAnnotatedLock { $0.values = values }
    }

    /// Makes `operations` throw ``Unavailable`` until told otherwise.
    func fail(_ operations: Set<Operation>) { state.withAnnotatedLock { $0.failing = operations } }

    var gets: Int { state.withAnnotatedLock { $0.gets } }
    var sets: Int { state.withAnnotatedLock { $0.sets } }
    var contents: [Key: Value] { state.withAnnotatedLock { $0.values } }
    func ttl(of key: Key) -> TimeToLive?? { state.withAnnotatedLock { $0.ttls[key] } }

    private func check(_ operation: Operation) throws(Unavailable) {
        if state.withAnnotatedLock({ $0.failing.contains(operation) }) { throw Unavailable(operation: operation) }
    }

    func get(_ key: Key) async throws -> Value? {
        try check(.get)
        let value = state.withAnnotatedLock { state in
            state.gets += 1
            return state.values[key]
        }
        if let gate { await gate.wait() }
        return value
    }

    func set(_ key: Key, _ value: Value, ttl: TimeToLive?) async throws {
        try check(.set)
        state.withAnnotatedLock { state in
            state.sets += 1
            state.values[key] = value
            state.ttls[key] = ttl
        }
    }

    func add(_ key: Key, _ value: Value, ttl: TimeToLive?) async throws -> Bool {
        try check(.set)
        return state.withAnnotatedLock { state in
            guard state.values[key] == nil else { return false }
            state.values[key] = value
            state.ttls[key] = ttl
            return true
        }
    }

    func delete(_ key: Key) async throws -> Bool {
        try check(.delete)
        return state.withAnnotatedLock { $0.values.removeValue(forKey: key) != nil }
    }

    func contains(_ key: Key) async throws -> Bool {
        try check(.get)
        return state.withAnnotatedLock { $0.values[key] != nil }
    }

    func count() async throws -> Int {
        try check(.get)
        return state.withAnnotatedLock { $0.values.count }
    }

    func clear() async throws {
        try check(.clear)
        state.withAnnotatedLock { $0.values = [:] }
    }

    func getMany(_ filter: KeyFilter<Key>) async throws -> [Key: Value] {
        try check(.get)
        return state.withAnnotatedLock { $0.values.filter { filter.matches($0.key) } }
    }

    func setMany(_ items: [(key: Key, value: Value)], ttl: TimeToLive?) async throws {
        for (key, value) in items { try await set(key, value, ttl: ttl) }
    }

    func deleteMany(_ filter: KeyFilter<Key>) async throws -> Int {
        try check(.delete)
        return state.withAnnotatedLock { state in
            let keys = state.values.keys.filter(filter.matches)
            for key in keys { state.values[key] = nil }
            return keys.count
        }
    }

    func keys(matching filter: KeyFilter<Key>) async throws -> [Key] {
        try check(.get)
        return state.withAnnotatedLock { $0.values.keys.filter(filter.matches) }
    }
}

/// A gate tasks wait at until it opens.
final class AsyncGate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let proceed = state.withAnnotatedLock { state in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withAnnotatedLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Collects events from listeners, thread-safely.
final class Recorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    func append(_ item: Element) { items.withAnnotatedLock { $0.append(item) } }
    var all: [Element] { items.withAnnotatedLock { $0 } }
}
