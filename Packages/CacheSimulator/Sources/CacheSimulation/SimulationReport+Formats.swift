import Foundation

extension SimulationReport {
    func renderText() -> String {
        var sections: [String] = []
        var lastWorkload: String?
        for group in groups() {
            if group.workload.name != lastWorkload {
                lastWorkload = group.workload.name
                sections.append(
                    "workload: \(group.workload.name) — \(grouped(group.workload.requests)) requests, "
                        + "\(grouped(group.workload.distinctKeys)) distinct keys\n"
                        + group.workload.readsNote
                        + "gap to OPT: percentage points below Belady's optimal hit ratio; "
                        + "best (*): within \(SimulationReport.tieTolerance * 100) point of the highest\n"
                        + throughputNote
                )
            }
            var table = TextTable(
                headers: ["policy", "hit ratio", "gap to OPT", "requests/s", "best"],
                alignments: [.left, .right, .right, .right, .left]
            )
            for result in group.results {
                table.append([
                    result.policy,
                    String(format: "%.2f%%", result.hitRatio * 100),
                    result.isOptimal ? "-" : group.gapToOptimal(result).map { String(format: "%.2f", $0 * 100) } ?? "",
                    result.isOptimal ? "-" : SimulationReport.formatRate(result.requestsPerSecond),
                    group.isBest(result) ? "*" : "",
                ])
            }
            sections.append("cache size \(group.sizeLabel)\n" + table.render())
        }
        let verdicts = verdicts()
        if !verdicts.isEmpty {
            sections.append(verdicts.map { "verdict for \($0)" }.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    func renderCSV() -> String {
        var lines = [
            "workload,requests,distinct_keys,cache_size,policy,hits,hit_ratio,gap_to_opt,requests_per_second,best"
        ]
        for group in groups() {
            for result in group.results {
                let fields = [
                    csvField(group.workload.name), "\(group.workload.requests)", "\(group.workload.distinctKeys)",
                    "\(group.capacity)", csvField(result.policy), "\(result.hits)",
                    String(format: "%.6f", result.hitRatio),
                    group.gapToOptimal(result).map { String(format: "%.6f", $0) } ?? "",
                    result.isOptimal ? "" : String(format: "%.0f", result.requestsPerSecond),
                    group.isBest(result) ? "true" : "false",
                ]
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }

    func renderJSON() -> String {
        struct PolicyResult: Encodable {
            var policy: String
            var hits: Int
            var hitRatio: Double
            var gapToOptimal: Double?
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
            var verdict: String?
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
                        // Rounded to a millionth, as the CSV writes it, not 0.19999999999999996.
                        gapToOptimal: group.gapToOptimal($0).map { ($0 * 1e6).rounded() / 1e6 },
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
        for verdict in verdicts() {
            for index in workloadResults.indices where workloadResults[index].workload == verdict.workload {
                workloadResults[index].verdict = verdict.description
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(workloadResults) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    func renderMarkdown() -> String {
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
        let verdicts = verdicts()
        if !verdicts.isEmpty {
            lines.append("")
            lines += verdicts.map { "- Verdict for \($0)." }
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

extension SimulationReport.WorkloadSummary {
    /// For a workload with blind writes, the text report's line that says what its hit ratios
    /// count; empty otherwise.
    var readsNote: String {
        guard reads != requests else { return "" }
        return "hit ratio: hits per read, over \(grouped(reads)) reads; the other requests are blind writes "
            + "(set without a read), and a read that misses loads nothing\n"
    }
}
