import CacheCore

extension CacheStorage {
    /// Starts a background reload of `key`, whose live entry is in `slot`, when the entry is due
    /// and no reload of the key is running. Call only when ``refresh`` is set.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    mutating func reloadIfDue(_ key: Key, slot: Int) {
        guard refresh.unsafelyUnwrapped.isDue(slot: slot, at: latestTime.nanoseconds) else { return }
        startDueReload(of: key)
    }

    /// The rare part of ``reloadIfDue(_:slot:)``, out of line.
    @usableFromInline
    mutating func startDueReload(of key: Key) {
        guard loads.reloads[key] == nil else { return }
        let start = refresh.unsafelyUnwrapped.start
        let now = latestTime
        startReload(of: key) { key, id in start(key, id, now) }
    }

    /// Registers a reload of `key` and starts it with `start`, which gets the reload's identifier.
    ///
    /// - Returns: The reload's task.
    @usableFromInline
    @discardableResult
    mutating func startReload(
        of key: Key,
        _ start: (Key, Int) -> Task<Value, any Error>
    ) -> Task<Value, any Error> {
        let id = loads.makeID()
        let task = start(key, id)
        loads.reloads[key] = InFlightLoads.Load(id: id, task: task)
        return task
    }

    /// Registers a single-flight load of the missing `key` and starts it with `start`, which gets
    /// the load's identifier.
    ///
    /// - Returns: The load's task.
    @usableFromInline
    mutating func startLoad(
        of key: Key,
        _ start: (Key, Int) -> Task<Value, any Error>
    ) -> Task<Value, any Error> {
        let id = loads.makeID()
        let task = start(key, id)
        loads.loads[key] = InFlightLoads.Load(id: id, task: task)
        return task
    }
}
