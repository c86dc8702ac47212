import Foundation

extension SimulationReport {
    /// Which policy wins one workload across its cache sizes, and by how much.
    public struct Verdict: Hashable, Sendable, CustomStringConvertible {
        /// How the winner compares with another policy.
        public struct Comparison: Hashable, Sendable {
            /// The other policy.
            public var policy: String
            /// Its hit ratio averaged over the sizes.
            public var meanHitRatio: Double
            /// The winner's hit ratio less the other's, at the size where that is smallest.
            public var smallestGain: Double
            /// The winner's hit ratio less the other's, at the size where that is largest.
            public var largestGain: Double
        }

        /// The workload.
        public var workload: String
        /// The policy with the highest hit ratio averaged over the sizes (OPT aside).
        public var winner: String
        /// The number of sizes replayed.
        public var sizes: Int
        /// At how many of them the winner is best, within ``SimulationReport/tieTolerance``.
        public var sizesWon: Int
        /// The winner's hit ratio averaged over the sizes.
        public var meanHitRatio: Double
        /// The winner against LRU, when LRU was replayed and is not the winner.
        public var overLRU: Comparison?
        /// The winner against the policy with the next highest mean hit ratio.
        public var overRunnerUp: Comparison?

        /// One line: `zipf(0.99): tinylfu wins, best at 3 of 3 sizes, mean hit ratio 47.12%, 6.20
        /// points over lru (+3.10 to +9.40 by size); runner-up s3fifo, 0.32 points behind`.
        public var description: String {
            var text = "\(workload): \(winner) "
            guard overRunnerUp != nil else {
                return text + "is the only policy replayed: mean hit ratio \(percent(meanHitRatio))"
            }
            text += "wins, best at \(sizesWon) of \(sizes) size\(sizes == 1 ? "" : "s"), "
            text += "mean hit ratio \(percent(meanHitRatio))"
            if let overLRU {
                text += ", \(points(meanHitRatio - overLRU.meanHitRatio)) points over \(overLRU.policy)"
                if sizes > 1 {
                    text += " (\(signed(overLRU.smallestGain)) to \(signed(overLRU.largestGain)) by size)"
                }
            }
            if let overRunnerUp {
                let behind = meanHitRatio - overRunnerUp.meanHitRatio
                text += "; runner-up \(overRunnerUp.policy), "
                text += behind < 0.00005 ? "less than 0.01 points behind" : "\(points(behind)) points behind"
            }
            return text
        }

        private func percent(_ ratio: Double) -> String { String(format: "%.2f%%", ratio * 100) }
        private func points(_ difference: Double) -> String { String(format: "%.2f", difference * 100) }
        private func signed(_ difference: Double) -> String { String(format: "%+.2f", difference * 100) }
    }

    /// The verdict of each workload that has results of at least one policy other than OPT.
    public func verdicts() -> [Verdict] {
        workloads.compactMap { workload in
            let own = results.filter { $0.workload == workload.name && !$0.isOptimal }
            var capacities: [Int] = []
            for result in own where !capacities.contains(result.capacity) { capacities.append(result.capacity) }
            var policies: [String] = []
            for result in own where !policies.contains(result.policy) { policies.append(result.policy) }
            // A policy's hit ratio at each size, in the order of `capacities`.
            var ratios: [String: [Double]] = [:]
            for policy in policies {
                let row = capacities.compactMap { capacity in
                    own.first { $0.policy == policy && $0.capacity == capacity }?.hitRatio
                }
                if row.count == capacities.count { ratios[policy] = row }
            }
            func mean(_ policy: String) -> Double { ratios[policy]!.reduce(0, +) / Double(capacities.count) }
            let ranked = policies.filter { ratios[$0] != nil }.sorted { mean($0) > mean($1) }
            guard let winner = ranked.first else { return nil }
            func comparison(with other: String) -> Verdict.Comparison {
                let gains = zip(ratios[winner]!, ratios[other]!).map { $0 - $1 }
                return .init(
                    policy: other,
                    meanHitRatio: mean(other),
                    smallestGain: gains.min()!,
                    largestGain: gains.max()!
                )
            }
            let sizesWon = capacities.indices.filter { index in
                let best = ranked.map { ratios[$0]![index] }.max()!
                return best - ratios[winner]![index] <= SimulationReport.tieTolerance + 1e-12
            }
            return Verdict(
                workload: workload.name,
                winner: winner,
                sizes: capacities.count,
                sizesWon: sizesWon.count,
                meanHitRatio: mean(winner),
                overLRU: winner != "lru" && ratios["lru"] != nil ? comparison(with: "lru") : nil,
                overRunnerUp: ranked.count > 1 ? comparison(with: ranked[1]) : nil
            )
        }
    }
}

extension SimulationReport {
    /// Each policy of `results` with its hit ratio averaged over its sizes, highest first (ties
    /// in the order the policies first appear).
    static func rankedByMeanHitRatio(_ results: [ReplayResult]) -> [(policy: String, mean: Double)] {
        var policies: [String] = []
        var sums: [String: (total: Double, count: Int)] = [:]
        for result in results {
            if sums[result.policy] == nil { policies.append(result.policy) }
            sums[result.policy, default: (0, 0)].total += result.hitRatio
            sums[result.policy, default: (0, 0)].count += 1
        }
        let means = policies.map { ($0, sums[$0]!.total / Double(sums[$0]!.count)) }
        return means.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.map(\.element)
    }
}
