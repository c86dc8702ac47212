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
        (["--trace", "t", "--zipf", "1"], "--keys and --zipf describe the built-in workload; drop them with --trace"),
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
}
