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

    @usableFromInline
    mutating func remove(_ id: CacheListenerID) -> Bool {
        guard let position = listeners.firstIndex(where: { $0.id == id }) else { return false }
        listeners.remove(at: position)
        kinds = listeners.reduce(into: []) { $0.formUnion($1.kinds) }
        return true
    }
}
