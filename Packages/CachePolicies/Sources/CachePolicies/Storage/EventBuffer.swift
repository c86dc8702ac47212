import CacheCore

/// The events one cache operation produces, collected under the lock and delivered after it.
///
/// It records only the kinds some listener wants, keeps the first event inline (most operations
/// produce at most one), and allocates only for the rest; with no listener it is never touched.
@usableFromInline
struct EventBuffer<Key: Sendable, Value: Sendable>: Sendable {
    @usableFromInline let wanted: CacheEventKinds
    @usableFromInline var first: CacheEvent<Key, Value>?
    @usableFromInline var rest: [CacheEvent<Key, Value>]?

    @inlinable
    init(wanted: CacheEventKinds) {
        self.wanted = wanted
    }

    @inlinable
    var isEmpty: Bool { first == nil }

    @inlinable
    mutating func recordHit(_ key: Key, _ value: Value) {
        if wanted.contains(.get) { append(.get(key: key, value: value, hit: true)) }
    }

    @inlinable
    mutating func recordMiss(_ key: Key) {
        if wanted.contains(.get) { append(.get(key: key, value: nil, hit: false)) }
    }

    @inlinable
    mutating func recordSet(_ key: Key, _ value: Value, oldValue: Value?) {
        if wanted.contains(.set) { append(.set(key: key, value: value, oldValue: oldValue)) }
    }

    @inlinable
    mutating func recordRemoval(_ key: Key, _ value: Value, _ cause: RemovalCause) {
        if wanted.contains(.removal) { append(.removal(key: key, value: value, cause: cause)) }
    }

    @usableFromInline
    mutating func append(_ event: CacheEvent<Key, Value>) {
        if first == nil {
            first = event
        } else if rest == nil {
            rest = [event]
        } else {
            rest!.append(event)
        }
    }

    /// Pairs the events with the listeners that should hear them, or `nil` when there are none.
    @inlinable
    func delivery(to registry: ListenerRegistry<Key, Value>) -> EventDelivery<Key, Value>? {
        first == nil ? nil : EventDelivery(events: self, listeners: registry.listeners)
    }
}

/// Events on their way to listeners, once the lock is released.
@usableFromInline
struct EventDelivery<Key: Sendable, Value: Sendable>: Sendable {
    @usableFromInline let events: EventBuffer<Key, Value>
    @usableFromInline let listeners: [ListenerRegistry<Key, Value>.Listener]

    @inlinable
    init(events: EventBuffer<Key, Value>, listeners: [ListenerRegistry<Key, Value>.Listener]) {
        self.events = events
        self.listeners = listeners
    }

    /// Calls every interested listener for every event, in order. Must run without the lock.
    @usableFromInline
    func deliver() {
        if let first = events.first { send(first) }
        for event in events.rest ?? [] { send(event) }
    }

    private func send(_ event: CacheEvent<Key, Value>) {
        let kind = event.kind
        for listener in listeners where listener.kinds.contains(kind) { listener.body(event) }
    }
}
