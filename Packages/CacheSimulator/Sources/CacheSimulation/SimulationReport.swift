import Foundation

/// Formats replay results: per workload and cache size, each policy's hit ratio and throughput,
/// Belady's bound (OPT) first, and the best policy (not OPT) marked.
public struct SimulationReport: Sendable {
    /// What the report says about a workload besides the results.
    public struct WorkloadSummary: Hashable, Sendable {
        /// The workload's name, as in ``ReplayResult/workload``.
        public var name: String
        /// Its number of requests.
        public var requests: Int
        /// Its number of distinct keys.
        public var distinctKeys: Int

        /// Describes a workload.
        public init(name: String, requests: Int, distinctKeys: Int) {
            self.name = name
            self.requests = requests
            self.distinctKeys = distinctKeys
        }
    }

    /// An output format.
    public enum Format: String, CaseIterable, Sendable {
        /// Aligned plain-text tables, one per workload and size.
        case text
        /// One line per result, with a header.
        case csv
        /// An object per workload, with its sizes and results.
        case json
        /// One table, a row per workload and size, a column per policy, the best in bold.
        case markdown
    }

    /// The workloads, in the order to report them.
    public var workloads: [WorkloadSummary]
    /// The results.
    public var results: [ReplayResult]

    /// Creates a report.
    public init(workloads: [WorkloadSummary], results: [ReplayResult]) {
        self.workloads = workloads
        self.results = results
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

        /// The most hits of a policy other than OPT.
        var bestHits: Int? { results.filter { !$0.isOptimal }.map(\.hits).max() }

        func isBest(_ result: ReplayResult) -> Bool { !result.isOptimal && result.hits == bestHits }

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

    // MARK: - Formats

    private func renderText() -> String {
        var sections: [String] = []
        var lastWorkload: String?
        for group in groups() {
            if group.workload.name != lastWorkload {
                lastWorkload = group.workload.name
                sections.append(
                    "workload: \(group.workload.name) — \(grouped(group.workload.requests)) requests, "
                        + "\(grouped(group.workload.distinctKeys)) distinct keys"
                )
            }
            var table = TextTable(
                headers: ["policy", "hit ratio", "requests/s", ""],
                alignments: [.left, .right, .right, .left]
            )
            for result in group.results {
                table.append([
                    result.policy,
                    String(format: "%.2f%%", result.hitRatio * 100),
                    result.isOptimal ? "-" : SimulationReport.formatRate(result.requestsPerSecond),
                    group.isBest(result) ? "best" : "",
                ])
            }
            sections.append("cache size \(group.sizeLabel)\n" + table.render())
        }
        return sections.joined(separator: "\n\n")
    }

    private func renderCSV() -> String {
        var lines = ["workload,requests,distinct_keys,cache_size,policy,hits,hit_ratio,requests_per_second,best"]
        for group in groups() {
            for result in group.results {
                let fields = [
                    csvField(group.workload.name), "\(group.workload.requests)", "\(group.workload.distinctKeys)",
                    "\(group.capacity)", csvField(result.policy), "\(result.hits)",
                    String(format: "%.6f", result.hitRatio),
                    result.isOptimal ? "" : String(format: "%.0f", result.requestsPerSecond),
                    group.isBest(result) ? "true" : "false",
                ]
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func renderJSON() -> String {
        struct PolicyResult: Encodable {
            var policy: String
            var hits: Int
            var hitRatio: Double
            var requestsPerSecond: Double?
            var best: Bool
        }
        struct SizeResults: Encodable {
            var cacheSize: Int
            var results: [PolicyResult]
        }
        struct WorkloadResults: Encodable {
            var workload: String
            var requests: Int
            var distinctKeys: Int
            var sizes: [SizeResults]
        }
        var workloadResults: [WorkloadResults] = []
        for group in groups() {
            let size = SizeResults(
                cacheSize: group.capacity,
                results: group.results.map {
                    PolicyResult(
                        policy: $0.policy,
                        hits: $0.hits,
                        hitRatio: $0.hitRatio,
                        requestsPerSecond: $0.isOptimal ? nil : $0.requestsPerSecond.rounded(),
                        best: group.isBest($0)
                    )
                }
            )
            if workloadResults.last?.workload == group.workload.name {
                workloadResults[workloadResults.count - 1].sizes.append(size)
            } else {
                workloadResults.append(
                    WorkloadResults(
                        workload: group.workload.name,
                        requests: group.workload.requests,
                        distinctKeys: group.workload.distinctKeys,
                        sizes: [size]
                    )
                )
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(workloadResults) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    private func renderMarkdown() -> String {
        let groups = groups()
        var policies: [String] = []
        for result in results where !policies.contains(result.policy) { policies.append(result.policy) }
        if let optimal = policies.firstIndex(of: OptimalReplay.policyName) {
            policies.insert(policies.remove(at: optimal), at: 0)
        }
        var lines = [
            "| workload | size (% of keys) | " + policies.joined(separator: " | ") + " |",
            "|---|---:|" + String(repeating: "---:|", count: policies.count),
        ]
        for group in groups {
            let percent = Double(group.capacity) * 100 / Double(max(group.workload.distinctKeys, 1))
            var cells = [group.workload.name, "\(group.capacity) (\(percent.formatted(maximumFractionDigits: 2))%)"]
            for policy in policies {
                guard let result = group.results.first(where: { $0.policy == policy }) else {
                    cells.append("")
                    continue
                }
                let ratio = String(format: "%.2f", result.hitRatio * 100)
                cells.append(group.isBest(result) ? "**\(ratio)**" : ratio)
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    private func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `12.3M`, `456.7K` or `89`.
    static func formatRate(_ rate: Double) -> String {
        switch rate {
        case 1e6...: String(format: "%.1fM", rate / 1e6)
        case 1e3...: String(format: "%.1fK", rate / 1e3)
        default: String(format: "%.0f", rate)
        }
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
