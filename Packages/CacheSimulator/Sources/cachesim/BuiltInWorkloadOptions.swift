import ArgumentParser
import CacheSimulation

/// The options that describe `cachesim`'s built-in workloads: Zipf over a fixed key set, or hot
/// sets that shift from phase to phase.
struct BuiltInWorkloadOptions: ParsableArguments {
    /// The built-in workloads.
    enum Kind: String, CaseIterable, ExpressibleByArgument {
        case zipf
        case shifting
    }

    // The numeric options parse a value that starts with '-' as a value, so that a negative
    // number is refused for its value rather than for a missing one.

    @Option(help: "The built-in workload: zipf (a fixed popularity) or shifting (hot sets that change).")
    var workload: Kind = .zipf

    @Option(parsing: .unconditional, help: "Number of distinct keys of the zipf workload (default 100000).")
    var keys: Int?

    @Option(parsing: .unconditional, help: "Zipf exponent of the built-in workload (default 0.99).")
    var zipf: Double?

    @Option(parsing: .unconditional, help: "shifting: the keys of each phase's hot set (default 5000).")
    var hotKeys: Int?

    @Option(parsing: .unconditional, help: "shifting: the requests per phase (default 25000).")
    var phaseLength: Int?

    @Option(
        parsing: .unconditional,
        help: "shifting: the fraction of a hot set the next phase keeps, 0 to below 1 (default 0: disjoint)."
    )
    var overlap: Double?

    @Flag(help: "shifting: the next phase's keys take over request by request rather than at once.")
    var gradual = false

    @Option(parsing: .unconditional, help: "shifting: the fraction of requests that are one-time scan keys.")
    var scanShare: Double?

    @Option(parsing: .unconditional, help: "shifting: the fraction of requests that walk round a loop.")
    var loopShare: Double?

    @Option(parsing: .unconditional, help: "shifting: the keys of the loop (default 10000).")
    var loopLength: Int?

    /// Whether any option that only a built-in workload reads was given.
    var describesAWorkload: Bool {
        workload != .zipf || keys != nil || zipf != nil || !shiftingOptions.isEmpty
    }

    /// The names of the shifting workload's options that were given.
    var shiftingOptions: [String] {
        [
            hotKeys.map { _ in "--hot-keys" }, phaseLength.map { _ in "--phase-length" },
            overlap.map { _ in "--overlap" }, gradual ? "--gradual" : nil, scanShare.map { _ in "--scan-share" },
            loopShare.map { _ in "--loop-share" }, loopLength.map { _ in "--loop-length" },
        ].compactMap { $0 }
    }

    func validate() throws {
        if let keys, keys < 1 { throw ValidationError("--keys must be at least 1, got \(keys)") }
        if let zipf, zipf < 0 || !zipf.isFinite {
            throw ValidationError("--zipf must be a finite number of 0 or more, got \(zipf)")
        }
        switch workload {
        case .zipf:
            if let option = shiftingOptions.first {
                throw ValidationError("\(option) describes the shifting workload; add --workload shifting")
            }
        case .shifting:
            if keys != nil {
                throw ValidationError(
                    "--keys describes the zipf workload; the shifting one has --hot-keys per phase"
                )
            }
        }
        for (name, value) in [("--hot-keys", hotKeys), ("--phase-length", phaseLength), ("--loop-length", loopLength)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
        }
        if let overlap, !(0..<1).contains(overlap) {
            throw ValidationError("--overlap must be at least 0 and below 1, got \(overlap)")
        }
        for (name, value) in [("--scan-share", scanShare), ("--loop-share", loopShare)] {
            if let value, !(0...1).contains(value) {
                throw ValidationError("\(name) must be between 0 and 1, got \(value)")
            }
        }
        if (scanShare ?? 0) + (loopShare ?? 0) > 1 {
            throw ValidationError(
                "--scan-share and --loop-share add up to \((scanShare ?? 0) + (loopShare ?? 0)); they must add up to at most 1"
            )
        }
    }

    /// The workload's name for reports and its requests.
    func makeKeys(requests: Int, seed: UInt64) -> (name: String, keys: [UInt64]) {
        switch workload {
        case .zipf:
            let workload = ZipfWorkload(
                keyCount: keys ?? 100_000,
                exponent: zipf ?? 0.99,
                requestCount: requests,
                seed: seed
            )
            return ("zipf(\(workload.exponent))", workload.makeKeys())
        case .shifting:
            let workload = ShiftingWorkload(
                hotKeys: hotKeys ?? 5_000,
                phaseLength: phaseLength ?? 25_000,
                overlap: overlap ?? 0,
                transition: gradual ? .gradual : .abrupt,
                exponent: zipf ?? 0.99,
                scanShare: scanShare ?? 0,
                loopShare: loopShare ?? 0,
                loopLength: loopLength ?? 10_000,
                requestCount: requests,
                seed: seed
            )
            return (workload.description, workload.makeKeys())
        }
    }
}
