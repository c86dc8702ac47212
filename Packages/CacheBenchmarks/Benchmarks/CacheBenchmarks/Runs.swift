import Benchmark
import CacheCore
import Dispatch

/// The streams of one workload, converted to a contender's key and value types.
struct ConvertedStreams<C: BenchmarkedCache> {
    let keys: [C.Key]
    let values: [C.Value]
    let operations: [Operation]
}

/// (a), (b) and (h): a stream of reads or of writes, run in order, each iteration taking the next
/// `Shape.operationsPerIteration` of it; (h) splits each iteration's reads between two threads.
///
/// Unchecked `Sendable`: the two threads of (h) share only the cache (thread-safe) and the keys,
/// which nobody writes while they run.
final class UniformRun<C: BenchmarkedCache>: @unchecked Sendable {
    let cache: C
    let keys: [C.Key]
    let values: [C.Value]
    let writes: Bool
    let threads: Int
    var cursor = 0

    init(cache: C, keys: [C.Key], values: [C.Value], writes: Bool, threads: Int = 1) {
        self.cache = cache
        self.keys = keys
        self.values = values
        self.writes = writes
        self.threads = threads
    }

    func runIteration(_ benchmark: Benchmark) {
        let start = cursor
        let end = start + Shape.operationsPerIteration
        cursor = end == keys.count ? 0 : end
        if writes {
            for index in start..<end { cache.set(keys[index], values[index]) }
        } else {
            let found: Int
            if threads == 1 {
                found = reads(start..<end, on: cache)
            } else {
                let counts = Counts()
                let share = (end - start) / threads
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    let first = start + thread * share
                    let hits = self.reads(first..<(first + share), on: self.cache.view(forThread: thread))
                    counts.add(reads: share, hits: hits)
                }
                found = counts.totals.hits
            }
            // Below 100% only where a cache keeps less than it was given (NSCache, ShardedCache).
            benchmark.measurement(Metrics.hitRatio, found * 10_000 / Shape.operationsPerIteration)
        }
        benchmark.measurement(Metrics.operations, Shape.operationsPerIteration)
    }

    /// Reads the keys at `positions` from `cache`; returns how many were found.
    func reads(_ positions: Range<Int>, on cache: C) -> Int {
        var found = 0
        for index in positions where cache.get(keys[index]) != nil { found &+= 1 }
        return found
    }
}

/// (c), (d), (e), (f): a stream of reads and writes over a key table.
///
/// Unchecked `Sendable`: the two threads of (e) share only the cache (thread-safe) and the
/// streams, which nobody writes while they run.
final class MixedRun<C: BenchmarkedCache>: @unchecked Sendable {
    let cache: C
    let streams: ConvertedStreams<C>
    let workload: Workload
    let clock: ManualClock?
    var cursor = Shape.warmUpOperations

    init(cache: C, streams: ConvertedStreams<C>, workload: Workload, clock: ManualClock?) {
        self.cache = cache
        self.streams = streams
        self.workload = workload
        self.clock = clock
        _ = run(streams.operations[0..<Shape.warmUpOperations], on: cache)
    }

    func runIteration(_ benchmark: Benchmark) {
        let start = cursor
        let end = start + Shape.operationsPerIteration
        cursor = end == streams.operations.count ? Shape.warmUpOperations : end
        let (reads, hits): (Int, Int)
        if workload.isConcurrent {
            let halves = [
                streams.operations[start..<(start + end) / 2], streams.operations[(start + end) / 2..<end],
            ]
            let counts = Counts()
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                let (reads, hits) = self.run(halves[half], on: self.cache.view(forThread: half))
                counts.add(reads: reads, hits: hits)
            }
            (reads, hits) = counts.totals
        } else {
            (reads, hits) = run(streams.operations[start..<end], on: cache)
        }
        benchmark.measurement(Metrics.operations, Shape.operationsPerIteration)
        benchmark.measurement(Metrics.hitRatio, reads == 0 ? 0 : hits * 10_000 / reads)
    }

    /// Runs `operations` on `cache` (the run's cache, or a thread's view of it); returns the
    /// reads and the hits among them.
    func run(_ operations: ArraySlice<Operation>, on cache: C) -> (reads: Int, hits: Int) {
        var reads = 0
        var hits = 0
        let keys = streams.keys
        let values = streams.values
        switch workload {
        case .expiryChurn:
            var sinceTick = 0
            for operation in operations {
                let key = Int(operation.key)
                if operation.isWrite {
                    cache.set(keys[key], values[key], ttl: .microseconds(operation.ttlMicroseconds))
                } else {
                    reads &+= 1
                    if cache.get(keys[key]) != nil { hits &+= 1 }
                }
                sinceTick &+= 1
                if sinceTick == 4 {
                    sinceTick = 0
                    clock?.advance(by: .microseconds(1))
                }
            }
        case .readThrough:
            for operation in operations {
                let key = Int(operation.key)
                reads &+= 1
                if cache.get(keys[key]) != nil {
                    hits &+= 1
                } else {
                    cache.set(keys[key], values[key])
                }
            }
        default:
            for operation in operations {
                let key = Int(operation.key)
                if operation.isWrite {
                    cache.set(keys[key], values[key])
                } else {
                    reads &+= 1
                    if cache.get(keys[key]) != nil { hits &+= 1 }
                }
            }
        }
        return (reads, hits)
    }
}

/// Read and hit counts gathered from several threads.
final class Counts: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var reads = 0
    private var hits = 0

    func add(reads: Int, hits: Int) {
        lock.wait()
        self.reads += reads
        self.hits += hits
        lock.signal()
    }

    var totals: (reads: Int, hits: Int) { (reads, hits) }
}
