import CacheCore
@_spi(CachingInternals) import CachePolicies
import Synchronization

extension WeakValueCache {
    /// Removes every entry whose value was deallocated (reported as ``/CacheCore/RemovalCause/collected``)
    /// or whose TTL ran out (``/CacheCore/RemovalCause/expired``), and lets the keep-alive drop the values of
    /// expired entries.
    ///
    /// The cache sweeps by itself, after as many writes as it had live entries at the last sweep
    /// (at least 64), and whenever it counts or lists its entries, so this is only needed to tell
    /// listeners, or to release memory, while the cache is otherwise idle.
    ///
    /// - Returns: The number of collected entries removed.
    /// - Complexity: O(*n*) for *n* entries, dead or alive.
    @discardableResult
    public func sweep() -> Int {
        sweep(table.items).collected
    }

    /// The entries whose values are alive, in the order they were written, after removing the
    /// ones whose values were deallocated. This is a sweep.
    ///
    /// - Complexity: O(*n*) for *n* entries, dead or alive.
    func liveEntries() -> [(key: Key, value: Value)] {
        sweep(table.items).live
    }

    /// Removes the entries among `entries` whose values were deallocated, and schedules the next
    /// automatic sweep after as many writes as there are live entries.
    private func sweep(
        _ entries: [(key: Key, value: WeakReference<Value>)]
    ) -> (live: [(key: Key, value: Value)], collected: Int) {
        // The weak references are read here, outside the table's lock: a value whose last other
        // reference goes away meanwhile is deallocated on this thread, with no lock held.
        var live: [(key: Key, value: Value)] = []
        live.reserveCapacity(entries.count)
        var collected = 0
        for (key, reference) in entries {
            if let object = reference.object {
                live.append((key, object))
            } else if table.remove(key, ifIdenticalTo: reference, cause: .collected) {
                collected += 1
            }
        }
        keepAlive?.expire()
        writesSinceSweep.store(0, ordering: .relaxed)
        sweepInterval.store(max(minimumSweepInterval, live.count), ordering: .relaxed)
        return (live, collected)
    }

    /// Counts a write that may have added an entry, and sweeps once enough writes have come in
    /// since the last sweep: each sweep's O(*n*) is paid for by the O(*n*) writes before it.
    @inlinable
    func didWrite() {
        let writes = writesSinceSweep.wrappingAdd(1, ordering: .relaxed).newValue
        guard writes >= sweepInterval.load(ordering: .relaxed) else { return }
        // One of the writers that see the interval reached claims the sweep.
        guard writesSinceSweep.compareExchange(expected: writes, desired: 0, ordering: .relaxed).exchanged else {
            return
        }
        sweep()
    }
}
