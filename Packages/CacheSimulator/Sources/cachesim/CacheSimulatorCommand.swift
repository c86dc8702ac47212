import ArgumentParser
import CachePolicies
import CacheSimulation

/// `cachesim`: replays a workload through every eviction policy and prints hit ratio and
/// throughput, so users choose a policy with evidence.
@main
struct CacheSimulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cachesim",
        abstract: "Replay a workload through swift-caching's eviction policies and compare hit ratios.",
        discussion: """
            With no options it replays a built-in workload: 1,000,000 requests drawn from a Zipf(0.99) \
            distribution over 100,000 keys, through caches of 1,000, 5,000 and 10,000 entries.
            """
    )

    @Option(
        name: .customLong("policy"),
        parsing: .upToNextOption,
        help: "Policies to replay (default: all built-in): \(CachePolicy.builtIn.map(\.name).joined(separator: ", "))."
    )
    var policies: [String] = []

    @Option(name: .customLong("size"), parsing: .upToNextOption, help: "Cache sizes in entries.")
    var sizes: [Int] = [1_000, 5_000, 10_000]

    @Option(help: "Number of requests in the synthetic workload.")
    var requests = 1_000_000

    @Option(help: "Number of distinct keys in the synthetic workload.")
    var keys = 100_000

    @Option(help: "Zipf exponent of the synthetic workload.")
    var zipf = 0.99

    @Option(help: "Seed of the synthetic workload and of the random policy.")
    var seed: UInt64 = 1

    func validate() throws {
        for name in policies.flatMap({ $0.split(separator: ",").map(String.init) }) where CachePolicy.named(name) == nil
        {
            throw ValidationError(
                "unknown policy '\(name)'; known policies: \(CachePolicy.builtIn.map(\.name).joined(separator: ", "))"
            )
        }
        if let size = sizes.first(where: { $0 < 1 }) {
            throw ValidationError("--size must be at least 1 entry, got \(size)")
        }
        if requests < 1 { throw ValidationError("--requests must be at least 1, got \(requests)") }
        if keys < 1 { throw ValidationError("--keys must be at least 1, got \(keys)") }
        if zipf < 0 { throw ValidationError("--zipf must not be negative, got \(zipf)") }
    }

    func run() throws {
        let names = policies.flatMap { $0.split(separator: ",").map(String.init) }
        let selected = names.isEmpty ? CachePolicy.builtIn.map(\.name) : names
        let workload = ZipfWorkload(keyCount: keys, exponent: zipf, requestCount: requests, seed: seed)
        let stream = workload.makeKeys()
        var results: [ReplayResult] = []
        for size in sizes {
            for name in selected {
                let policy = name == "random" ? CachePolicy.random(seed: seed) : CachePolicy.named(name)!
                results.append(Replay.run(stream, policy: policy, capacity: size))
            }
        }
        print(SimulationReport.render(results, title: "workload: \(workload)"))
    }
}
