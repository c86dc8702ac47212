import ArgumentParser
import CachePolicies
import CacheSimulation
import Foundation
import Synchronization

/// `cachesim`: replays a workload through every eviction policy and prints each policy's hit
/// ratio, its gap to the optimal hit ratio and its throughput, and which policy wins; `--plot`
/// draws the hit-ratio curves. Users choose a policy with evidence.
@main
struct CacheSimulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cachesim",
        abstract: "Replay a workload through swift-caching's eviction policies and compare hit ratios.",
        discussion: """
            With no --trace it replays a built-in workload: 1,000,000 requests drawn from a Zipf(0.99) \
            distribution over 100,000 keys, through caches of 1,000, 5,000 and 10,000 entries; \
            --workload shifting replays hot sets whose popularity shifts instead (5,000 hot keys, a new \
            hot set every 25,000 requests; --hot-keys, --phase-length, --overlap, --gradual, \
            --scan-share, --loop-share and --loop-length shape it; caches of 1%, 5% and 10% of its keys). With \
            --trace it replays real traces, plain or gzip-compressed text with one request per line: \
            the line is the key (an unsigned 64-bit integer is taken as it is, any other text is \
            hashed), or with --key-column one column of it (CSV, or another --delimiter). Traces are \
            replayed by default at 1%, 5% and 10% of their distinct keys. Every size also gets OPT, \
            Belady's optimal hit ratio, and each policy its gap to it; the last line says which \
            policy wins across the sizes and by how much over LRU. --plot FILE.svg draws hit ratio \
            against cache size (by default at ten sizes from 0.1% to 51.2% of the distinct keys). \
            Requests are read-throughs (get, and set on a miss); --writes 10% makes that share of them \
            blind writes (set without a read) and the rest plain reads that load nothing on a miss, \
            as an application that stores what it produces; hit ratios then count hits per read, and \
            OPT is not computed (Belady's bound assumes read-through). \
            Replays run in parallel, one per core; --jobs 1 gives each replay's throughput undisturbed.
            """
    )

    @Option(
        name: .customLong("trace"),
        help: ArgumentHelp(
            "A trace to replay (repeat for several); file@sizes gives it its own sizes (lirs-gli.txt.gz@10%,20%).",
            valueName: "file"
        )
    )
    var traceArguments: [String] = []

    @Option(
        name: [.customLong("sizes"), .customLong("size")],
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Cache sizes: entries (5000) or percentages of the distinct keys (5%), comma-separated.",
            valueName: "sizes"
        )
    )
    var sizeArguments: [String] = []

    @Option(
        name: [.customLong("policies"), .customLong("policy")],
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Policies to replay, comma-separated (default: all): \(CacheSimulatorCommand.knownPolicies).",
            valueName: "names"
        )
    )
    var policyArguments: [String] = []

    @Option(
        name: .customLong("key-column"),
        parsing: .unconditional,
        help: ArgumentHelp("The 1-based column of each trace line that holds the key (CSV).", valueName: "n")
    )
    var keyColumn: Int?

    @Option(help: "The character that separates columns with --key-column (default ',').")
    var delimiter: String = ","

    @Flag(name: .customLong("skip-header"), help: "Skip the first line of each trace (a CSV header).")
    var skipsHeader = false

    @Option(help: "Output format: text, csv, json or markdown.")
    var format: SimulationReport.Format = .text

    @Option(
        help: ArgumentHelp(
            "Also draw hit ratio against cache size, every policy and OPT, as an SVG picture.",
            valueName: "file.svg"
        )
    )
    var plot: String?

    @Option(parsing: .unconditional, help: "Replays to run at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(inversion: .prefixedNo, help: "Whether to compute OPT, Belady's optimal hit ratio.")
    var opt = true

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    // The numeric options parse a value that starts with '-' as a value, so that `--requests -5`
    // is refused for being negative rather than for a missing value.

    @Option(
        parsing: .unconditional,
        help: "Number of requests in the built-in workload (default 1000000), or of each trace to replay."
    )
    var requests: Int?

    @OptionGroup(title: "Built-in workloads")
    var builtIn: BuiltInWorkloadOptions

    @Option(
        name: .customLong("writes"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "The share of requests that are blind writes (10%): set without a read; the other requests then read without loading on a miss.",
            valueName: "percent"
        )
    )
    var writesArgument: String?

    @Option(parsing: .unconditional, help: "Seed of the built-in workload and of the policies' random choices.")
    var seed: UInt64 = 1

    /// The fraction of requests `--writes` makes blind writes, 0 without it.
    func writeShare() throws -> Double {
        guard let writesArgument else { return 0 }
        let number = writesArgument.hasSuffix("%") ? String(writesArgument.dropLast()) : writesArgument
        guard let percent = Double(number), percent >= 0, percent < 100 else {
            throw ValidationError(
                "--writes must be a percentage of 0 or more and below 100, such as 10%, got '\(writesArgument)'"
            )
        }
        return percent / 100
    }

    static let knownPolicies = CachePolicy.builtIn.map(\.name).joined(separator: ", ")

    var policyNames: [String] {
        let names = policyArguments.flatMap { $0.split(separator: ",").map(String.init) }
        return names.isEmpty ? CachePolicy.builtIn.map(\.name) : names
    }

    /// The traces to replay, each with its own sizes when given as `file@sizes`.
    var traces: [(path: String, sizes: String?)] {
        traceArguments.map { argument in
            guard !FileManager.default.fileExists(atPath: argument), let at = argument.lastIndex(of: "@") else {
                return (argument, nil)
            }
            return (String(argument[..<at]), String(argument[argument.index(after: at)...]))
        }
    }

    /// The sizes of `--sizes`, or the defaults.
    func cacheSizes() throws -> [CacheSize] {
        let sizes = try CacheSimulatorCommand.parseSizes(sizeArguments.joined(separator: ","), option: "--sizes")
        guard sizes.isEmpty else { return sizes }
        if plot != nil { return CacheSize.plotDefaults }
        return traceArguments.isEmpty && builtIn.workload == .zipf
            ? [.entries(1_000), .entries(5_000), .entries(10_000)]
            : [.percentOfKeys(1), .percentOfKeys(5), .percentOfKeys(10)]
    }

    static func parseSizes(_ text: String, option: String) throws -> [CacheSize] {
        try text.split(separator: ",").map { item in
            do {
                return try CacheSize(parsing: String(item))
            } catch {
                throw ValidationError("\(option): \(error)")
            }
        }
    }

    func validate() throws {
        for name in policyNames where CachePolicy.named(name) == nil {
            throw ValidationError(
                "unknown policy '\(name)'; known policies: \(CacheSimulatorCommand.knownPolicies)"
            )
        }
        _ = try cacheSizes()
        for trace in traces {
            if let sizes = trace.sizes,
                try CacheSimulatorCommand.parseSizes(sizes, option: "--trace \(trace.path)").isEmpty
            {
                throw ValidationError("--trace \(trace.path)@: no sizes after '@'")
            }
        }
        _ = try writeShare()
        if jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if !traceArguments.isEmpty && builtIn.describesAWorkload {
            throw ValidationError(
                "--workload, --keys, --zipf and the shifting options describe the built-in workloads; drop them with --trace"
            )
        }
        if let requests, requests < 1 { throw ValidationError("--requests must be at least 1, got \(requests)") }
        if let keyColumn, keyColumn < 1 {
            throw ValidationError("--key-column counts columns from 1, got \(keyColumn)")
        }
        if keyColumn == nil && (skipsHeader || delimiter != ",") {
            throw ValidationError("--delimiter and --skip-header describe columns; give --key-column too")
        }
        guard delimiter.count == 1, let character = delimiter.first, character.isASCII, character != "\n" else {
            throw ValidationError("--delimiter must be one ASCII character, such as ',' or ';', got '\(delimiter)'")
        }
        if let plot, !plot.lowercased().hasSuffix(".svg") {
            throw ValidationError("--plot writes an SVG picture; give a file name ending in .svg, got '\(plot)'")
        }
        let paths = traces.map(\.path)
        if let repeated = paths.first(where: { path in paths.filter { $0 == path }.count > 1 }) {
            throw ValidationError("--trace \(repeated) is given twice; give each trace once, with all its sizes")
        }
    }

    /// What the trace lines hold, from `--key-column`, `--delimiter` and `--skip-header`.
    var traceFormat: TraceFormat {
        TraceFormat(keyColumn: keyColumn, delimiter: delimiter.first ?? ",", skipsHeader: skipsHeader)
    }

    func run() throws {
        let progress = ProgressLine(enabled: !quiet)
        let workloads = try loadWorkloads(progress: progress)
        let defaultSizes = try cacheSizes()
        let ownSizes = try traces.map { trace in
            try trace.sizes.map { try CacheSimulatorCommand.parseSizes($0, option: "--trace \(trace.path)") }
        }
        let capacities = try workloads.enumerated().map { index, workload in
            var entries: [Int] = []
            for size in index < ownSizes.count ? ownSizes[index] ?? defaultSizes : defaultSizes {
                do {
                    let capacity = try size.entries(forDistinctKeys: workload.distinctKeyCount)
                    // Small workloads round neighbouring percentages to one size; replay it once.
                    if !entries.contains(capacity) { entries.append(capacity) }
                } catch {
                    throw ValidationError("\(workload.name): \(error)")
                }
            }
            return entries
        }
        let policies = policyNames.map { CachePolicy.named($0, seed: seed)! }
        let simulation = Simulation(
            workloads: workloads,
            capacities: capacities,
            policies: policies,
            includesOptimal: opt
        )
        let results = simulation.run(concurrency: jobs) { state in
            progress.update(
                "[\(state.completed)/\(state.total)] \(state.latest.workload) · \(state.latest.policy) "
                    + "at \(state.latest.capacity) entries: \(String(format: "%.2f%%", state.latest.hitRatio * 100))",
                fraction: Double(state.completed) / Double(state.total)
            )
        }
        progress.finish()
        let summaries = workloads.map {
            SimulationReport.WorkloadSummary(
                name: $0.name,
                requests: $0.requestCount,
                distinctKeys: $0.distinctKeyCount,
                reads: $0.readCount
            )
        }
        let replaysAtOnce = max(1, min(jobs, simulation.jobs.count))
        print(SimulationReport(workloads: summaries, results: results, replaysAtOnce: replaysAtOnce).render(format))
        if let plot {
            let svg = HitRatioPlot(workloads: summaries, results: results).svg()
            do {
                try svg.write(toFile: plot, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("--plot \(plot): cannot write the picture: \(error.localizedDescription)")
            }
            if !quiet { FileHandle.standardError.write(Data("cachesim: wrote \(plot)\n".utf8)) }
        }
    }

    /// The traces, read in parallel, or the built-in workload.
    func loadWorkloads(progress: ProgressLine) throws -> [Workload] {
        guard !traceArguments.isEmpty else {
            progress.update("generating the \(builtIn.workload) workload", fraction: nil)
            let workload = builtIn.makeKeys(requests: requests ?? 1_000_000, seed: seed)
            return [
                Workload(
                    name: workloadName(workload.name),
                    keys: workload.keys,
                    writeShare: try writeShare(),
                    seed: seed
                )
            ]
        }
        let paths = traces.map(\.path)
        let limit = requests
        let format = traceFormat
        progress.update("reading \(paths.count) trace\(paths.count == 1 ? "" : "s")", fraction: nil)
        let names = traceNames().map(workloadName)
        let writeShare = try writeShare()
        let seed = seed
        let loaded = Mutex<[Result<Workload, TraceError>?]>(Array(repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result { () throws(TraceError) in
                Workload(
                    name: names[index],
                    keys: try TraceReader.readKeys(atPath: paths[index], format: format, limit: limit),
                    writeShare: writeShare,
                    seed: seed
                )
            }
            loaded.withLock { $0[index] = result }
        }
        return try loaded.withLock { try $0.map { try $0!.get() } }
    }

    /// `name`, and the share of blind writes when there are any.
    func workloadName(_ name: String) -> String {
        guard let share = try? writeShare(), share > 0 else { return name }
        return "\(name) with \(String(format: "%g", share * 100))% blind writes"
    }

    /// Each trace's file name without `.gz` and `.txt`; the full path where two would clash.
    func traceNames() -> [String] {
        let paths = traces.map(\.path)
        let short = paths.map { path in
            var name = URL(fileURLWithPath: path).lastPathComponent
            for suffix in [".gz", ".txt"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
            return name
        }
        return short.enumerated().map { index, name in short.filter { $0 == name }.count > 1 ? paths[index] : name }
    }
}

extension SimulationReport.Format: ExpressibleByArgument {}
