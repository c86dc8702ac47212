import CachePolicies
import CacheSimulation
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG of `cachesim --plot`, parsed as XML and checked against the replays it draws.
@Suite("Hit-ratio plot")
struct HitRatioPlotTests {
    /// What the parser found: each series' points, and every text shown.
    final class PlotReader: NSObject, XMLParserDelegate {
        struct Point: Equatable {
            var policy: String
            var capacity: Int
            var hitRatio: Double
            var x: Double
            var y: Double
        }

        var points: [Point] = []
        var polylines: [String: Int] = [:]
        var texts: [String] = []
        var rootAttributes: [String: String] = [:]
        private var policy: String?
        private var text: String?

        func parser(
            _ parser: XMLParser,
            didStartElement element: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch element {
            case "svg": rootAttributes = attributes
            case "g" where attributes["class"] == "series": policy = attributes["data-policy"]
            case "polyline": polylines[policy ?? "", default: 0] += attributes["points"]!.split(separator: " ").count
            case "circle":
                points.append(
                    Point(
                        policy: policy ?? "",
                        capacity: Int(attributes["data-capacity"]!)!,
                        hitRatio: Double(attributes["data-hit-ratio"]!)!,
                        x: Double(attributes["cx"]!)!,
                        y: Double(attributes["cy"]!)!
                    )
                )
            case "text": text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text? += string
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            if element == "text", let text {
                texts.append(text)
                self.text = nil
            }
            if element == "g" { policy = nil }
        }
    }

    static func read(_ svg: String) throws -> PlotReader {
        let parser = XMLParser(data: Data(svg.utf8))
        let reader = PlotReader()
        parser.delegate = reader
        #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        return reader
    }

    @Test func drawsEveryReplayAtItsPlace() throws {
        let workload = Workload(
            name: "zipf <0.9> & co",
            keys: ZipfWorkload(keyCount: 2_000, exponent: 0.9, requestCount: 20_000, seed: 2).makeKeys()
        )
        let capacities = try CacheSize.plotDefaults.map { try $0.entries(forDistinctKeys: workload.distinctKeyCount) }
        let simulation = Simulation(
            workloads: [workload],
            capacities: [Array(Set(capacities)).sorted()],
            policies: [.lru, .fifo, .tinyLFU(seed: 1)],
            includesOptimal: true
        )
        let results = simulation.run(concurrency: 2)
        let summary = SimulationReport.WorkloadSummary(
            name: workload.name,
            requests: workload.requestCount,
            distinctKeys: workload.distinctKeyCount
        )
        let plot = try HitRatioPlotTests.read(HitRatioPlot(workloads: [summary], results: results).svg())

        // Every replay is one point of its policy's series, with its own numbers.
        #expect(plot.points.count == results.count)
        for result in results {
            let point = plot.points.first { $0.policy == result.policy && $0.capacity == result.capacity }
            #expect(point != nil, "\(result.policy) at \(result.capacity) is missing")
            #expect(abs((point?.hitRatio ?? -1) - result.hitRatio) < 1e-6)
        }
        #expect(plot.polylines == ["OPT": 10, "lru": 10, "fifo": 10, "tinylfu": 10])

        // The axes: x grows with the logarithm of the size, y with the hit ratio (upwards).
        let lru = plot.points.filter { $0.policy == "lru" }.sorted { $0.capacity < $1.capacity }
        for (smaller, larger) in zip(lru, lru.dropFirst()) {
            #expect(smaller.x < larger.x)
            #expect(smaller.y >= larger.y, "LRU's hit ratio grows with the cache")
        }
        let steps = zip(lru, lru.dropFirst()).map { ($1.x - $0.x) / log10(Double($1.capacity) / Double($0.capacity)) }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < 0.5 }, "a logarithmic axis: \(steps)")
        let byRatio = plot.points.sorted { $0.hitRatio < $1.hitRatio }
        // Coordinates have one decimal: ratios a thousandth apart are a third of a pixel apart.
        for (lower, higher) in zip(byRatio, byRatio.dropFirst()) where higher.hitRatio > lower.hitRatio + 0.001 {
            #expect(higher.y < lower.y)
        }

        // Title, units, legend (ranked by mean hit ratio, OPT first) and tick labels are shown.
        #expect(plot.texts.contains("zipf <0.9> & co: hit ratio by cache size"))
        #expect(plot.texts.contains("cache size (entries, log scale)"))
        #expect(plot.texts.contains("hit ratio (% of requests)"))
        #expect(plot.texts.contains("0%") && plot.texts.contains("50%"))
        let ranked = SimulationReport(workloads: [summary], results: results).verdicts().first!
        let order = plot.texts.compactMap { text in
            ["OPT", "tinylfu", "lru", "fifo"].first { text.hasPrefix("\($0) ") }
        }
        #expect(order.first == "OPT", "\(plot.texts)")
        #expect(order.dropFirst().first == ranked.winner)
        #expect(plot.rootAttributes["viewBox"] == "0 0 820 470")
    }

    @Test func stacksAPanelPerWorkload() throws {
        let results = ["a", "b"].flatMap { workload in
            [10, 100].flatMap { capacity in
                [
                    ReplayResult(
                        workload: workload,
                        policy: "OPT",
                        capacity: capacity,
                        requests: 100,
                        hits: 50,
                        elapsed: .zero
                    ),
                    ReplayResult(
                        workload: workload,
                        policy: "lru",
                        capacity: capacity,
                        requests: 100,
                        hits: 30,
                        elapsed: .zero
                    ),
                ]
            }
        }
        let summaries = ["a", "b"].map { SimulationReport.WorkloadSummary(name: $0, requests: 100, distinctKeys: 200) }
        let plot = try HitRatioPlotTests.read(HitRatioPlot(workloads: summaries, results: results).svg())
        #expect(plot.rootAttributes["height"] == "940")
        #expect(
            plot.texts.filter { $0.hasSuffix(": hit ratio by cache size") } == [
                "a: hit ratio by cache size", "b: hit ratio by cache size",
            ]
        )
        let lowerPanel = plot.points.filter { $0.y > 470 }
        #expect(lowerPanel.count == 4)
    }
}
