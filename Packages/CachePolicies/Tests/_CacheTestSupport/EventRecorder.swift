import CacheCore
import CachePolicies
import Synchronization

/// Records the events a cache delivers, for tests to compare.
public final class EventRecorder<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let recorded = Mutex<[CacheEvent<Key, Value>]>([])

    /// Creates a recorder and, when `cache` is given, attaches it to every event kind.
    public init() {}

    /// Attaches the recorder to `cache`.
    public func attach(to cache: Cache<Key, Value>, kinds: CacheEventKinds = .all) {
        cache.addListener(for: kinds) { [self] event in self.record(event) }
    }

    /// Adds `event`.
    public func record(_ event: CacheEvent<Key, Value>) {
        recorded.withAnnotatedLock { $0.append(event) }
    }

    /// Returns and forgets the events recorded so far.
    public func take() -> [CacheEvent<Key, Value>] {
        recorded.withAnnotatedLock { events in
            defer { events = [] }
            return events
        }
    }

    /// The keys of the expiry removals at the start of the events recorded so far, in order.
    public var leadingExpiries: [Key] {
        recorded.withAnnotatedLock { events in
            var keys: [Key] = []
            for event in events {
                guard case .removal(let key, _, .expired) = event else { break }
                keys.append(key)
            }
            return keys
        }
    }

    /// The removals recorded so far, as (key, cause) pairs, without forgetting them.
    public var removals: [(key: Key, cause: RemovalCause)] {
        recorded.withAnnotatedLock { events in
            events.compactMap { event in
                if case .removal(let key, _, let cause) = event { return (key, cause) }
                return nil
            }
        }
    }
}
