import CacheCore
import Synchronization

extension Cache {
    /// Registers a listener for the event kinds in `kinds`.
    ///
    /// Listeners run after the cache's lock is released, on the thread of the operation, in the
    /// order the events happened and in the order the listeners were added. A listener may call
    /// back into the cache. Listeners of different threads' operations may run at the same time,
    /// so a listener must be thread-safe.
    ///
    /// - Returns: An identifier for ``removeListener(_:)``.
    /// - Complexity: O(*l*) for *l* registered listeners.
    @discardableResult
    public func addListener(
        for kinds: CacheEventKinds = .all,
        _ listener: @escaping @Sendable (CacheEvent<Key, Value>) -> Void
    ) -> CacheListenerID {
        if kinds.contains(.get) { mark(CacheModes.observingReads) }
        return withLockedStorage { $0.listeners.add(kinds: kinds, listener) }
    }

    /// Registers a listener for reads: the key, the value read (`nil` on a miss), and whether it hit.
    ///
    /// - Complexity: O(*l*) for *l* registered listeners.
    @discardableResult
    public func onGet(_ listener: @escaping @Sendable (Key, Value?, Bool) -> Void) -> CacheListenerID {
        addListener(for: .get) { event in
            if case .get(let key, let value, let hit) = event { listener(key, value, hit) }
        }
    }

    /// Registers a listener for writes: the key, the new value, and the live value it replaced.
    ///
    /// - Complexity: O(*l*) for *l* registered listeners.
    @discardableResult
    public func onSet(_ listener: @escaping @Sendable (Key, Value, Value?) -> Void) -> CacheListenerID {
        addListener(for: .set) { event in
            if case .set(let key, let value, let oldValue) = event { listener(key, value, oldValue) }
        }
    }

    /// Registers a listener for removals: the key, the value that left, and why.
    ///
    /// - Complexity: O(*l*) for *l* registered listeners.
    @discardableResult
    public func onRemoval(_ listener: @escaping @Sendable (Key, Value, RemovalCause) -> Void) -> CacheListenerID {
        addListener(for: .removal) { event in
            if case .removal(let key, let value, let cause) = event { listener(key, value, cause) }
        }
    }

    /// Unregisters a listener.
    ///
    /// - Returns: `false` when no listener had this identifier.
    /// - Complexity: O(*l*) for *l* registered listeners.
    @discardableResult
    public func removeListener(_ id: CacheListenerID) -> Bool {
        let removed = withLockedStorage { $0.listeners.remove(id) }
        return removed != nil
    }
}
