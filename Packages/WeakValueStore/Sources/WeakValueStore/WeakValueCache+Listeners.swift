import CacheCore
import CachePolicies

extension WeakValueCache {
    /// Registers a listener for reads: the key, the value read (`nil` on a miss), and whether it hit.
    ///
    /// Listeners run after the cache's locks are released, on the thread of the operation, in the
    /// order the events happened. A listener may call back into the cache, and must be
    /// thread-safe.
    ///
    /// - Returns: An identifier for ``removeListener(_:)``.
    /// - Complexity: O(1).
    @discardableResult
    public func onGet(_ listener: @escaping @Sendable (Key, Value?, Bool) -> Void) -> CacheListenerID {
        // A hit's value is alive while its listeners run: the read that produced it holds it.
        table.onGet { key, reference, hit in listener(key, reference?.object, hit) }
    }

    /// Registers a listener for writes: the key, the new value, and the live value it replaced.
    ///
    /// - Returns: An identifier for ``removeListener(_:)``.
    /// - Complexity: O(1).
    @discardableResult
    public func onSet(_ listener: @escaping @Sendable (Key, Value, Value?) -> Void) -> CacheListenerID {
        table.onSet { key, reference, replaced in
            // The writer still holds the new value while its listeners run.
            guard let value = reference.object else { return }
            listener(key, value, replaced?.object)
        }
    }

    /// Registers a listener for removals: the key, the value that left, and why.
    ///
    /// The value is `nil` for ``/CacheCore/RemovalCause/collected`` (it was deallocated), and for any other
    /// cause when nothing held the value any more by the time the listener ran.
    ///
    /// - Returns: An identifier for ``removeListener(_:)``.
    /// - Complexity: O(1).
    @discardableResult
    public func onRemoval(_ listener: @escaping @Sendable (Key, Value?, RemovalCause) -> Void) -> CacheListenerID {
        table.onRemoval { key, reference, cause in listener(key, reference.object, cause) }
    }

    /// Unregisters a listener.
    ///
    /// - Returns: `false` when no listener had this identifier.
    /// - Complexity: O(*l*) for *l* registered listeners.
    @discardableResult
    public func removeListener(_ id: CacheListenerID) -> Bool {
        table.removeListener(id)
    }
}
