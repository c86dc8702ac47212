import Foundation

/// Formats replay results as the table `cachesim` prints: per capacity, one row per policy with
/// its hit ratio and throughput, the best hit ratio marked.
public enum SimulationReport {
    /// The report for `results`, grouped by capacity in the order given.
    public static func render(_ results: [ReplayResult], title: String) -> String {
        var sections = [title]
        var capacities: [Int] = []
        for result in results where !capacities.contains(result.capacity) { capacities.append(result.capacity) }
        for capacity in capacities {
            let group = results.filter { $0.capacity == capacity }
            let best = group.map(\.hits).max() ?? 0
            var table = TextTable(
                headers: ["policy", "hit ratio", "requests/s", ""],
                alignments: [.left, .right, .right, .left]
            )
            for result in group {
                table.append([
                    result.policy,
                    String(format: "%.2f%%", result.hitRatio * 100),
                    formatRate(result.requestsPerSecond),
                    result.hits == best ? "best" : "",
                ])
            }
            sections.append("cache size \(capacity) entries\n" + table.render())
        }
        return sections.joined(separator: "\n\n")
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
