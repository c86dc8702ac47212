import CacheCore

/// What one cache operation leaves for after its lock: the events its listeners want, and the
/// keys and values it removed beyond the first (see ``CacheStorage/recordRemoval(of:cause:events:)``).
///
/// Events are allocated only when a listener wants them, so with nobody listening a read, a
/// write, or a write that evicts one entry allocates nothing. The buffer holds only optional
/// arrays: it must stay cheap to destroy, because every operation destroys one.
@usableFromInline
struct EventBuffer<Key: Sendable, Value: Sendable>: Sendable {
    @usableFromInline let wanted: CacheEventKinds
    /// The events for listeners, in order.
    @usableFromInline var events: [CacheEvent<Key, Value>]?
    /// The listeners, taken under the lock when there are events to deliver.
    @usableFromInline var listeners: [ListenerRegistry<Key, Value>.Listener]?
    /// Removed entries beyond the first, and those `clear()` drops wholesale, released after the
    /// lock.
    @usableFromInline var moreRemoved: ContiguousArray<CacheEntry<Key, Value>?>?

    @inlinable
    init(wanted: CacheEventKinds) {
        self.wanted = wanted
    }

    /// Whether there is nothing to deliver or release.
    @inlinable
    var isEmpty: Bool { events == nil && moreRemoved == nil }

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

    @inlinable
    mutating func recordLoad(_ key: Key, nanoseconds: Int64) {
        if wanted.contains(.load) { append(.load(key: key, duration: .nanoseconds(nanoseconds))) }
    }

    @inlinable
    mutating func recordLoadFailure(_ key: Key, _ error: any Error, nanoseconds: Int64) {
        if wanted.contains(.loadFailure) {
            append(.loadFailure(key: key, error: error, duration: .nanoseconds(nanoseconds)))
        }
    }

    /// Keeps a removed entry, to be released after the lock.
    @inlinable
    mutating func keepForRelease(_ entry: consuming CacheEntry<Key, Value>) {
        if moreRemoved == nil { moreRemoved = [entry] } else { moreRemoved!.append(entry) }
    }

    /// Takes `entries` out of the cache, to be released after the lock.
    @inlinable
    mutating func discard(_ entries: ContiguousArray<CacheEntry<Key, Value>?>) {
        if moreRemoved == nil { moreRemoved = entries } else { moreRemoved!.append(contentsOf: entries) }
    }

    @inlinable
    mutating func append(_ event: CacheEvent<Key, Value>) {
        if events == nil { events = [event] } else { events!.append(event) }
    }

    /// Takes the listeners when there are events for them. Call last, under the lock.
    @inlinable
    mutating func prepareDelivery(to registry: ListenerRegistry<Key, Value>) {
        if events != nil { listeners = registry.listeners }
    }

    /// Calls every interested listener for every event, in order. Call after the lock.
    @inlinable
    func deliver() {
        guard let events, let listeners else { return }
        for event in events {
            let kind = event.kind
            for listener in listeners where listener.kinds.contains(kind) { listener.body(event) }
        }
    }
}
