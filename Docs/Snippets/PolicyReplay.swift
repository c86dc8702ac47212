// Replay one workload through the real `Cache` with several policies, next to Belady's optimal
// hit ratio, and print the report `cachesim` prints.
import CachePolicies
import CacheSimulation

let keys = ZipfWorkload(keyCount: 2_000, exponent: 0.99, requestCount: 20_000).makeKeys()
// or: try TraceReader.readKeys(atPath: "my-trace.txt.gz")
let workload = Workload(name: "zipf-0.99", keys: keys)
let capacity = 100
let results = [CachePolicy.tinyLFU(seed: 1), .sieve, .s3fifo, .arc, .lru].map { policy in
    Replay.run(workload.keys, policy: policy, capacity: capacity, workload: workload.name)
}
let optimal = OptimalReplay.run(workload, capacity: capacity)
let summary = SimulationReport.WorkloadSummary(
    name: workload.name,
    requests: workload.requestCount,
    distinctKeys: workload.distinctKeyCount
)
print(SimulationReport(workloads: [summary], results: [optimal] + results).render(.text))
// snippet.hide
precondition(results.allSatisfy { $0.requests == 20_000 && $0.hits > 0 && $0.hits <= optimal.hits })
