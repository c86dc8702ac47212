import ArgumentParser
import CacheSimulation
import Testing

@testable import cachesim

/// What `cachesim` accepts and how it refuses the rest: each refusal names the option, the value
/// and what is allowed.
@Suite("cachesim's command line")
struct CommandLineTests {
    /// The message `cachesim` prints for `arguments`, or `nil` when they are accepted.
    static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try CacheSimulatorCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return CacheSimulatorCommand.message(for: error)
        }
    }

    @Test(arguments: [
        (["--requests", "-5"], "--requests must be at least 1, got -5"),
        (["--requests=-5"], "--requests must be at least 1, got -5"),
        (["--keys", "-1"], "--keys must be at least 1, got -1"),
        (["--jobs", "0"], "--jobs must be at least 1, got 0"),
        (["--zipf", "-0.5"], "--zipf must be a finite number of 0 or more, got -0.5"),
        (["--plot", "curves.png"], "--plot writes an SVG picture; give a file name ending in .svg, got 'curves.png'"),
        (["--trace", "t.csv", "--key-column", "0"], "--key-column counts columns from 1, got 0"),
        (
            ["--trace", "t.csv", "--skip-header"],
            "--delimiter and --skip-header describe columns; give --key-column too"
        ),
        (
            ["--trace", "t.csv", "--key-column", "2", "--delimiter", "ab"],
            "--delimiter must be one ASCII character, such as ',' or ';', got 'ab'"
        ),
        (["--trace", "t", "--trace", "t@5%"], "--trace t is given twice; give each trace once, with all its sizes"),
        (
            ["--trace", "t", "--zipf", "1"],
            "--workload, --keys, --zipf and the shifting options describe the built-in workloads; drop them with --trace"
        ),
        (["--overlap", "0.5"], "--overlap describes the shifting workload; add --workload shifting"),
        (
            ["--workload", "shifting", "--keys", "10"],
            "--keys describes the zipf workload; the shifting one has --hot-keys per phase"
        ),
        (["--workload", "shifting", "--overlap", "1"], "--overlap must be at least 0 and below 1, got 1.0"),
        (["--workload", "shifting", "--phase-length", "0"], "--phase-length must be at least 1, got 0"),
        (
            ["--workload", "shifting", "--scan-share", "0.6", "--loop-share", "0.6"],
            "--scan-share and --loop-share add up to 1.2; they must add up to at most 1"
        ),
        (["--workload", "lru"], "The value 'lru' is invalid for '--workload <workload>'"),
        (["--policies", "lru,lfru"], "unknown policy 'lfru'; known policies: "),
        (["--writes", "100%"], "--writes must be a percentage of 0 or more and below 100, such as 10%, got '100%'"),
        (["--writes", "-1"], "--writes must be a percentage of 0 or more and below 100, such as 10%, got '-1'"),
        (["--sizes", "0"], "--sizes: cache size '0' must be at least 1 entry (or a percentage above 0)"),
    ])
    func refusesBadInputByName(arguments: [String], message: String) {
        let refusal = CommandLineTests.refusal(arguments)
        #expect(refusal?.hasPrefix(message) == true, "\(arguments): \(refusal ?? "accepted")")
        #expect(refusal?.contains("Missing value") != true)
    }

    @Test func plottingDefaultsToLogSpacedSizes() throws {
        let plotting = try CacheSimulatorCommand.parse(["--plot", "zipf.svg"])
        #expect(try plotting.cacheSizes() == CacheSize.plotDefaults)
        let text = try CacheSimulatorCommand.parse([])
        #expect(try text.cacheSizes() == [.entries(1_000), .entries(5_000), .entries(10_000)])
        let shifting = try CacheSimulatorCommand.parse(["--workload", "shifting"])
        #expect(try shifting.cacheSizes() == [.percentOfKeys(1), .percentOfKeys(5), .percentOfKeys(10)])
        let traces = try CacheSimulatorCommand.parse(["--trace", "a.txt", "--sizes", "2%,300"])
        #expect(try traces.cacheSizes() == [.percentOfKeys(2), .entries(300)])
    }

    @Test func readsTheTraceFormatOptions() throws {
        let command = try CacheSimulatorCommand.parse([
            "--trace", "twitter.csv", "--key-column", "2", "--delimiter", ";", "--skip-header",
        ])
        #expect(command.traceFormat == TraceFormat(keyColumn: 2, delimiter: ";", skipsHeader: true))
        #expect(try CacheSimulatorCommand.parse(["--trace", "keys.txt"]).traceFormat == .lines)
    }

    @Test func blindWritesNameTheWorkload() throws {
        let command = try CacheSimulatorCommand.parse(["--writes", "10%"])
        #expect(try command.writeShare() == 0.1)
        #expect(command.workloadName("zipf(0.99)") == "zipf(0.99) with 10% blind writes")
        #expect(try CacheSimulatorCommand.parse(["--writes", "2.5"]).writeShare() == 0.025)
        #expect(try CacheSimulatorCommand.parse([]).workloadName("zipf(0.99)") == "zipf(0.99)")
    }

    @Test func theShiftingWorkloadTakesItsOptions() throws {
        let command = try CacheSimulatorCommand.parse([
            "--workload", "shifting", "--hot-keys", "200", "--phase-length", "1000", "--overlap", "0.25", "--gradual",
            "--requests", "3000",
        ])
        let workload = command.builtIn.makeKeys(requests: 3_000, seed: 1)
        #expect(workload.name == "shifting(200 hot keys, phases of 1000, overlap 0.25, gradual, zipf 0.99)")
        #expect(
            workload.keys
                == ShiftingWorkload(
                    hotKeys: 200,
                    phaseLength: 1_000,
                    overlap: 0.25,
                    transition: .gradual,
                    requestCount: 3_000,
                    seed: 1
                ).makeKeys()
        )
    }
}
