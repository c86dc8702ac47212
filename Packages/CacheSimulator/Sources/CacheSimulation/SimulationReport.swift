/// Formats replay results: per workload and cache size, each policy's hit ratio, its gap to
/// Belady's bound (OPT) and its throughput, the best policies marked, and a verdict per workload:
/// which policy wins across the sizes, and by how much over LRU.
public struct SimulationReport: Sendable {
    /// What the report says about a workload besides the results.
    public struct WorkloadSummary: Hashable, Sendable {
        /// The workload's name, as in ``ReplayResult/workload``.
        public var name: String
        /// Its number of requests.
        public var requests: Int
        /// Its number of distinct keys.
        public var distinctKeys: Int
        /// Its number of reads, which hit ratios count hits among: fewer than ``requests`` when
        /// some requests are blind writes.
        public var reads: Int

        /// Describes a workload.
        public init(name: String, requests: Int, distinctKeys: Int, reads: Int? = nil) {
            self.name = name
            self.requests = requests
            self.distinctKeys = distinctKeys
            self.reads = reads ?? requests
        }
    }

    /// An output format.
    public enum Format: String, CaseIterable, Sendable {
        /// Aligned plain-text tables, one per workload and size, and the verdicts.
        case text
        /// One line per result, with a header.
        case csv
        /// An object per workload, with its sizes, results and verdict.
        case json
        /// One table, a row per workload and size, a column per policy, the best in bold; the
        /// verdicts below it.
        case markdown
    }

    /// How close to the highest hit ratio at a size a policy must be to count as best there:
    /// 0.001, a tenth of a percentage point. Closer than that is noise on most traces (a hash
    /// seed or a tie-break moves it), so such policies are marked alike.
    public static let tieTolerance = 0.001

    /// The workloads, in the order to report them.
    public var workloads: [WorkloadSummary]
    /// The results.
    public var results: [ReplayResult]
    /// How many replays ran at once, which the throughput figures depend on: 1 means each ran
    /// alone on one thread.
    public var replaysAtOnce: Int

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - workloads: The workloads, in the order to report them.
    ///   - results: Every replay's result, OPT's included.
    ///   - replaysAtOnce: How many replays ran side by side when these were measured.
    public init(workloads: [WorkloadSummary], results: [ReplayResult], replaysAtOnce: Int = 1) {
        self.workloads = workloads
        self.results = results
        self.replaysAtOnce = replaysAtOnce
    }

    /// The report in `format`.
    public func render(_ format: Format) -> String {
        switch format {
        case .text: renderText()
        case .csv: renderCSV()
        case .json: renderJSON()
        case .markdown: renderMarkdown()
        }
    }

    // MARK: - Grouping

    /// The results of one workload at one size.
    struct Group {
        var workload: WorkloadSummary
        var capacity: Int
        var results: [ReplayResult]

        /// The highest hit ratio of a policy other than OPT.
        var bestHitRatio: Double? { results.filter { !$0.isOptimal }.map(\.hitRatio).max() }

        /// OPT's result at this size, when it was computed.
        var optimal: ReplayResult? { results.first(where: \.isOptimal) }

        /// Whether `result` is within ``SimulationReport/tieTolerance`` of the best policy.
        func isBest(_ result: ReplayResult) -> Bool {
            guard !result.isOptimal, let bestHitRatio else { return false }
            return bestHitRatio - result.hitRatio <= SimulationReport.tieTolerance + 1e-12
        }

        /// OPT's hit ratio less `result`'s, when OPT was computed.
        func gapToOptimal(_ result: ReplayResult) -> Double? {
            optimal.map { $0.hitRatio - result.hitRatio }
        }

        /// `2,752 entries (1% of keys)`.
        var sizeLabel: String {
            guard workload.distinctKeys > 0 else { return "\(grouped(capacity)) entries" }
            let percent = Double(capacity) * 100 / Double(workload.distinctKeys)
            return "\(grouped(capacity)) entries (\(percent.formatted(maximumFractionDigits: 2))% of keys)"
        }
    }

    func groups() -> [Group] {
        var result: [Group] = []
        for workload in workloads {
            var capacities: [Int] = []
            let own = results.filter { $0.workload == workload.name }
            for item in own where !capacities.contains(item.capacity) { capacities.append(item.capacity) }
            for capacity in capacities {
                result.append(
                    Group(workload: workload, capacity: capacity, results: own.filter { $0.capacity == capacity })
                )
            }
        }
        return result
    }

    /// What the throughput figures are, for the text report's header.
    var throughputNote: String {
        replaysAtOnce == 1
            ? "requests/s: each replay alone on one thread"
            : "requests/s: each replay's own rate, \(replaysAtOnce) replays running side by side "
                + "(one at a time gives undisturbed rates)"
    }
}

/// `1,234,567`.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, digit) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(digit)
    }
    return value < 0 ? "-" + result : result
}
