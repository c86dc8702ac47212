import Benchmark
import CacheCore
import CacheObservability
import CachePolicies

/// (h) What a `CacheObserver` costs the cache it observes: get-hit and set-with-eviction on a
/// `Cache<Int, Int>` (the default policy) with no observer, and with one attached (metrics to the
/// default, unbootstrapped `MetricsSystem`, load times on, flushed once per iteration of 100,000
/// operations, as a periodic flush would).
///
/// Not part of the tables of Scripts/bench.sh; Docs/PERFORMANCE.md gives the figures and the
/// command.
enum ObserverSuite {
    static func register() {
        for observed in [false, true] {
            let contender = observed ? "observer attached" : "no observer"
            register("h observer Int: get-hit, \(contender)", observed: observed) { cache, streams in
                for resident in streams.residentKeys { cache.set(resident, resident) }
                return UniformRun(cache: cache, keys: streams.hits, values: [], writes: false)
            }
            register("h observer Int: set-evict, \(contender)", observed: observed) { cache, streams in
                UniformRun(cache: cache, keys: streams.distinctKeys, values: streams.distinctKeys, writes: true)
            }
        }
    }

    static func register(
        _ name: String,
        observed: Bool,
        makeRun: @escaping (Cache<Int, Int>, Streams<Int>) -> UniformRun<Cache<Int, Int>>
    ) {
        let holder = RunHolder()
        var configuration = Benchmark.defaultConfiguration
        configuration.maxDuration = .seconds(3)  // enough iterations of set-evict (about 0.1 s each)
        Benchmark(name, configuration: configuration) { benchmark in
            holder.iterate?(benchmark)
        } setup: {
            let cache = Cache<Int, Int>(maxSize: Shape.capacity)
            let run = makeRun(cache, intStreams)
            if observed {
                let observer = CacheObserver(observing: cache)
                holder.iterate = { benchmark in
                    run.runIteration(benchmark)
                    observer.flush()
                }
            } else {
                holder.iterate = { run.runIteration($0) }
            }
        } teardown: {
            holder.iterate = nil
        }
    }
}
