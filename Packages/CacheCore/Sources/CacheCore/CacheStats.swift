/// A snapshot of a cache's counters.
///
/// Snapshots are values: taking one copies the counters, and later activity does not change it.
/// Subtract two snapshots to get the activity between them.
///
/// - `hits` and `misses` count reads (`get`, the subscript, `getMany`, loading reads);
///   `contains`, `timeToLive(forKey:)` and the views of the contents are not reads.
/// - `sets` counts values stored by any write, loaded values included.
/// - `deletes`, `evictions`, `expirations` and `collections` count removals by cause
///   (``RemovalCause/deleted``, ``RemovalCause/evicted``, ``RemovalCause/expired``,
///   ``RemovalCause/collected``); replaced and cleared entries are not counted.
/// - `loadSuccesses`, `loadFailures` and `totalLoadTime` cover loaders run on a miss and
///   background reloads (refresh-after-write).
/// - `entryCount` and `totalCost` are the cache's state when the snapshot was taken, not counters.
public struct CacheStats: Hashable, Sendable, CustomStringConvertible {
    /// Reads that found a live entry.
    public var hits: Int
    /// Reads that found none.
    public var misses: Int
    /// Values stored.
    public var sets: Int
    /// Entries removed by the user.
    public var deletes: Int
    /// Entries removed by the eviction policy.
    public var evictions: Int
    /// Entries removed because their TTL ran out.
    public var expirations: Int
    /// Entries removed because their weakly held value was deallocated.
    public var collections: Int
    /// Loader runs that returned a value.
    public var loadSuccesses: Int
    /// Loader runs that threw.
    public var loadFailures: Int
    /// Time spent in loaders, successful or not, as measured by the cache's clock.
    public var totalLoadTime: Duration
    /// Live entries when the snapshot was taken.
    public var entryCount: Int
    /// The total cost of the live entries when the snapshot was taken (their number when the
    /// cache has no cost function).
    public var totalCost: Int

    /// Creates a snapshot; every counter defaults to zero.
    ///
    /// - Complexity: O(1).
    public init(
        hits: Int = 0,
        misses: Int = 0,
        sets: Int = 0,
        deletes: Int = 0,
        evictions: Int = 0,
        expirations: Int = 0,
        collections: Int = 0,
        loadSuccesses: Int = 0,
        loadFailures: Int = 0,
        totalLoadTime: Duration = .zero,
        entryCount: Int = 0,
        totalCost: Int = 0
    ) {
        self.hits = hits
        self.misses = misses
        self.sets = sets
        self.deletes = deletes
        self.evictions = evictions
        self.expirations = expirations
        self.collections = collections
        self.loadSuccesses = loadSuccesses
        self.loadFailures = loadFailures
        self.totalLoadTime = totalLoadTime
        self.entryCount = entryCount
        self.totalCost = totalCost
    }

    /// Reads in all: hits plus misses.
    public var requests: Int { hits + misses }

    /// Hits per read, 0 when there were no reads.
    public var hitRate: Double { requests == 0 ? 0 : Double(hits) / Double(requests) }

    /// Misses per read, 0 when there were no reads.
    public var missRate: Double { requests == 0 ? 0 : Double(misses) / Double(requests) }

    /// Evictions per read, 0 when there were no reads (cacheout's definition).
    public var evictionRate: Double { requests == 0 ? 0 : Double(evictions) / Double(requests) }

    /// Loader runs in all.
    public var loads: Int { loadSuccesses + loadFailures }

    /// Mean time per loader run, zero when there were none.
    public var averageLoadTime: Duration { loads == 0 ? .zero : totalLoadTime / loads }

    /// The activity between `earlier` and this snapshot; `entryCount` and `totalCost` are this
    /// snapshot's.
    ///
    /// - Complexity: O(1).
    public func subtracting(_ earlier: CacheStats) -> CacheStats {
        CacheStats(
            hits: hits - earlier.hits,
            misses: misses - earlier.misses,
            sets: sets - earlier.sets,
            deletes: deletes - earlier.deletes,
            evictions: evictions - earlier.evictions,
            expirations: expirations - earlier.expirations,
            collections: collections - earlier.collections,
            loadSuccesses: loadSuccesses - earlier.loadSuccesses,
            loadFailures: loadFailures - earlier.loadFailures,
            totalLoadTime: totalLoadTime - earlier.totalLoadTime,
            entryCount: entryCount,
            totalCost: totalCost
        )
    }

    /// The counters, with rates to two decimals.
    public var description: String {
        func percent(_ rate: Double) -> String {
            let hundredths = Int((rate * 10_000).rounded())
            let fraction = hundredths % 100
            return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
        }
        return "CacheStats(hits: \(hits), misses: \(misses), hitRate: \(percent(hitRate)), sets: \(sets), "
            + "deletes: \(deletes), evictions: \(evictions), expirations: \(expirations), "
            + "collections: \(collections), loadSuccesses: \(loadSuccesses), loadFailures: \(loadFailures), "
            + "totalLoadTime: \(totalLoadTime), entryCount: \(entryCount), totalCost: \(totalCost))"
    }
}
