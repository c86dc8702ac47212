import CacheCore

/// The listeners registered on a cache, and the union of the event kinds they want.
@usableFromInline
struct ListenerRegistry<Key: Sendable, Value: Sendable> {
    @usableFromInline
    struct Listener: Sendable {
        @usableFromInline let id: CacheListenerID
        @usableFromInline let kinds: CacheEventKinds
        @usableFromInline let body: @Sendable (CacheEvent<Key, Value>) -> Void
    }

    /// The kinds at least one listener wants; empty when nobody listens.
    @usableFromInline
    var kinds: CacheEventKinds = []

    @usableFromInline
    var listeners: [Listener] = []

    private var nextID = 0

    @usableFromInline
    init() {}

    @usableFromInline
    mutating func add(
        kinds: CacheEventKinds,
        _ body: @escaping @Sendable (CacheEvent<Key, Value>) -> Void
    ) -> CacheListenerID {
        let id = CacheListenerID(rawValue: nextID)
        nextID += 1
        listeners.append(Listener(id: id, kinds: kinds, body: body))
        self.kinds.formUnion(kinds)
        return id
    }

    /// Unregisters the listener `id` and returns it, so that the caller releases it (and what
    /// its closure captured) after the lock.
    @usableFromInline
    mutating func remove(_ id: CacheListenerID) -> Listener? {
        guard let position = listeners.firstIndex(where: { $0.id == id }) else { return nil }
        let removed = listeners.remove(at: position)
        kinds = listeners.reduce(into: []) { $0.formUnion($1.kinds) }
        return removed
    }
}
