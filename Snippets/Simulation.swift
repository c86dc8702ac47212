// Replay a workload through the real `Cache` with two policies and compare their hit ratios.
import CacheSimulation

let keys = ZipfWorkload(keyCount: 10_000, exponent: 0.99, requestCount: 100_000).makeKeys()
let lru = Replay.run(keys, policy: .lru, capacity: 500)
let lfu = Replay.run(keys, policy: .lfu, capacity: 500)
print(SimulationReport.render([lru, lfu], title: "Zipf(0.99), 500 entries"))
// snippet.hide
precondition(lru.requests == 100_000 && lru.hits > 0 && lfu.hits > 0)
