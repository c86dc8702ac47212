import CacheCore
import CacheManagement
import CachePolicies

/// What a ``CacheObserver`` needs of a cache beyond `ManagedCache`: its load and removal events,
/// whatever its key and value types. `Cache` conforms; other managed caches are observed through
/// their statistics only.
protocol ObservedCache: ManagedCache {
    /// Registers `handler` for the events of `kinds` (loads, load failures, removals).
    func addObservation(
        for kinds: CacheEventKinds,
        _ handler: @escaping @Sendable (ObservedEvent) -> Void
    ) -> CacheListenerID

    /// Unregisters a listener.
    @discardableResult
    func removeListener(_ id: CacheListenerID) -> Bool
}

/// A cache event an observer reports, without the cache's key and value types.
enum ObservedEvent: Sendable {
    case load(key: any Sendable, duration: Duration)
    case loadFailure(key: any Sendable, error: any Error, duration: Duration)
    case removal(key: any Sendable, cause: RemovalCause)
}

extension Cache: ObservedCache {
    func addObservation(
        for kinds: CacheEventKinds,
        _ handler: @escaping @Sendable (ObservedEvent) -> Void
    ) -> CacheListenerID {
        addListener(for: kinds) { event in
            switch event {
            case .load(let key, let duration):
                handler(.load(key: key, duration: duration))
            case .loadFailure(let key, let error, let duration):
                handler(.loadFailure(key: key, error: error, duration: duration))
            case .removal(let key, _, let cause):
                handler(.removal(key: key, cause: cause))
            case .get, .set:
                break
            }
        }
    }
}
