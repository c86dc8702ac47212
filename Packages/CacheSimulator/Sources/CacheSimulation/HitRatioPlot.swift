import Foundation

/// Hit ratio against cache size, a curve per policy and one for OPT, as an SVG document: a panel
/// per workload with its name, axes with units, and a legend ranked by mean hit ratio.
///
/// The cache size axis is logarithmic, as hit-ratio curves are usually drawn, so give it sizes
/// spread by a constant factor (``CacheSize/plotDefaults``). Each point carries its numbers
/// (`data-capacity`, `data-hit-ratio`) and a tooltip, so the picture can be checked and read
/// exactly.
public struct HitRatioPlot: Sendable {
    /// The workloads, a panel each, in this order.
    public var workloads: [SimulationReport.WorkloadSummary]
    /// The results to draw, OPT's included.
    public var results: [ReplayResult]

    /// Describes a plot of `results`.
    public init(workloads: [SimulationReport.WorkloadSummary], results: [ReplayResult]) {
        self.workloads = workloads
        self.results = results
    }

    static let width = 820.0
    static let panelHeight = 470.0
    /// The plotting area of a panel, relative to its top left corner.
    static let plotLeft = 72.0
    static let plotRight = 590.0
    static let plotTop = 74.0
    static let plotBottom = 400.0
    static let legendLeft = 618.0
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
    /// Line colours, given to policies in the order they first appear in the results.
    static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
        "#7f7f7f", "#393b79", "#637939", "#843c39", "#3182bd", "#e6550d",
    ]

    /// The SVG document.
    public func svg() -> String {
        var policies: [String] = []
        for result in results where !result.isOptimal && !policies.contains(result.policy) {
            policies.append(result.policy)
        }
        let height = HitRatioPlot.panelHeight * Double(max(workloads.count, 1))
        var lines = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(HitRatioPlot.width))" height="\##(Int(height))" "##
                + ##"viewBox="0 0 \##(Int(HitRatioPlot.width)) \##(Int(height))" "##
                + ##"font-family="\##(HitRatioPlot.fontFamily)" font-size="12">"##,
            ##"<rect width="100%" height="100%" fill="#ffffff"/>"##,
        ]
        for (index, workload) in workloads.enumerated() {
            let own = results.filter { $0.workload == workload.name }
            guard !own.isEmpty else { continue }
            lines += panel(workload, results: own, colors: policies, top: Double(index) * HitRatioPlot.panelHeight)
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func panel(
        _ workload: SimulationReport.WorkloadSummary,
        results: [ReplayResult],
        colors policies: [String],
        top: Double
    ) -> [String] {
        let capacities = Set(results.map(\.capacity)).sorted()
        let xAxis = LogAxis(
            low: Double(capacities.first!),
            high: Double(capacities.last!),
            from: HitRatioPlot.plotLeft,
            to: HitRatioPlot.plotRight
        )
        let yAxis = RatioAxis(
            highest: results.map(\.hitRatio).max()!,
            from: top + HitRatioPlot.plotBottom,
            to: top + HitRatioPlot.plotTop
        )
        var lines: [String] = ["<g class=\"panel\" data-workload=\"\(escaped(workload.name))\">"]
        lines.append(
            text(
                "\(workload.name): hit ratio by cache size",
                x: HitRatioPlot.plotLeft - 52,
                y: top + 28,
                attributes: ##"font-size="17" font-weight="600" fill="#111111""##
            )
        )
        lines.append(
            text(
                "\(grouped(workload.requests)) requests, \(grouped(workload.distinctKeys)) distinct keys; "
                    + "each point one replay through Cache, OPT is Belady's bound",
                x: HitRatioPlot.plotLeft - 52,
                y: top + 48,
                attributes: ##"fill="#555555""##
            )
        )
        lines += grid(xAxis: xAxis, yAxis: yAxis, capacities: capacities, top: top)
        // Curves: OPT first, then the policies from the highest mean hit ratio down, so the best
        // are drawn on top and the legend reads in rank order.
        let ranked = SimulationReport.rankedByMeanHitRatio(results.filter { !$0.isOptimal })
        let series =
            (results.contains(where: \.isOptimal) ? [(OptimalReplay.policyName, nil)] : [])
            + ranked.map { ($0.policy, $0.mean as Double?) }
        var legendY = top + HitRatioPlot.plotTop + 8
        lines.append(
            text("mean hit ratio", x: HitRatioPlot.legendLeft, y: legendY, attributes: ##"fill="#555555""##)
        )
        let drawingOrder =
            series.prefix { $0.0 == OptimalReplay.policyName }
            + series.drop { $0.0 == OptimalReplay.policyName }.reversed()
        for (policy, _) in drawingOrder {
            let points = results.filter { $0.policy == policy }.sorted { $0.capacity < $1.capacity }
            lines += curve(policy, points: points, style: style(policy, policies: policies), x: xAxis, y: yAxis)
        }
        for (policy, mean) in series {
            legendY += 19
            let style = style(policy, policies: policies)
            lines.append(
                ##"<line x1="\##(f(HitRatioPlot.legendLeft))" y1="\##(f(legendY - 4))" x2="\##(f(HitRatioPlot.legendLeft + 24))" "##
                    + ##"y2="\##(f(legendY - 4))" stroke="\##(style.color)" stroke-width="\##(f(style.width))"\##(style.dash)/>"##
            )
            let label = mean.map { "\(policy)  \(String(format: "%.2f%%", $0 * 100))" } ?? "OPT (bound)"
            lines.append(text(label, x: HitRatioPlot.legendLeft + 32, y: legendY, attributes: ##"fill="#111111""##))
        }
        lines.append("</g>")
        return lines
    }

    private func grid(xAxis: LogAxis, yAxis: RatioAxis, capacities: [Int], top: Double) -> [String] {
        var lines: [String] = []
        let bottom = top + HitRatioPlot.plotBottom
        let upper = top + HitRatioPlot.plotTop
        for tick in yAxis.ticks {
            let y = yAxis.position(tick)
            lines.append(
                ##"<line x1="\##(f(HitRatioPlot.plotLeft))" y1="\##(f(y))" x2="\##(f(HitRatioPlot.plotRight))" y2="\##(f(y))" "##
                    + ##"stroke="#e3e3e3"/>"##
            )
            lines.append(
                text(
                    "\(Int((tick * 100).rounded()))%",
                    x: HitRatioPlot.plotLeft - 8,
                    y: y + 4,
                    attributes: ##"text-anchor="end" fill="#333333""##
                )
            )
        }
        for tick in xAxis.ticks(including: capacities) {
            let x = xAxis.position(tick)
            lines.append(
                ##"<line x1="\##(f(x))" y1="\##(f(upper))" x2="\##(f(x))" y2="\##(f(bottom))" stroke="#eeeeee"/>"##
            )
            lines.append(
                text(
                    compact(tick),
                    x: x,
                    y: bottom + 18,
                    attributes: ##"text-anchor="middle" fill="#333333""##
                )
            )
        }
        lines.append(
            ##"<rect x="\##(f(HitRatioPlot.plotLeft))" y="\##(f(upper))" width="\##(f(HitRatioPlot.plotRight - HitRatioPlot.plotLeft))" "##
                + ##"height="\##(f(bottom - upper))" fill="none" stroke="#888888"/>"##
        )
        lines.append(
            text(
                "cache size (entries, log scale)",
                x: (HitRatioPlot.plotLeft + HitRatioPlot.plotRight) / 2,
                y: bottom + 42,
                attributes: ##"text-anchor="middle" font-size="13" fill="#111111""##
            )
        )
        let middle = (upper + bottom) / 2
        lines.append(
            text(
                "hit ratio (% of requests)",
                x: 18,
                y: middle,
                attributes: ##"text-anchor="middle" font-size="13" fill="#111111" "##
                    + ##"transform="rotate(-90 18 \##(f(middle)))""##
            )
        )
        return lines
    }

    private struct Style {
        var color: String
        var width: Double
        var dash: String
    }

    private func style(_ policy: String, policies: [String]) -> Style {
        guard let index = policies.firstIndex(of: policy) else {
            return Style(color: "#000000", width: 1.6, dash: ##" stroke-dasharray="6 4""##)
        }
        let palette = HitRatioPlot.palette
        // Past the palette, colours come round again with a dotted line.
        let dash = index >= palette.count ? ##" stroke-dasharray="2 3""## : ""
        return Style(color: palette[index % palette.count], width: 2, dash: dash)
    }

    private func curve(_ policy: String, points: [ReplayResult], style: Style, x: LogAxis, y: RatioAxis) -> [String] {
        var lines = ["<g class=\"series\" data-policy=\"\(escaped(policy))\">"]
        let coordinates = points.map { "\(f(x.position(Double($0.capacity)))),\(f(y.position($0.hitRatio)))" }
        lines.append(
            ##"<polyline fill="none" stroke="\##(style.color)" stroke-width="\##(f(style.width))"\##(style.dash) "##
                + ##"stroke-linejoin="round" points="\##(coordinates.joined(separator: " "))"/>"##
        )
        for point in points {
            let tooltip =
                "\(policy) at \(grouped(point.capacity)) entries: \(String(format: "%.2f%%", point.hitRatio * 100))"
            lines.append(
                ##"<circle cx="\##(f(x.position(Double(point.capacity))))" cy="\##(f(y.position(point.hitRatio)))" r="2.6" "##
                    + ##"fill="\##(style.color)" data-capacity="\##(point.capacity)" "##
                    + ##"data-hit-ratio="\##(String(format: "%.6f", point.hitRatio))"><title>\##(escaped(tooltip))</title></circle>"##
            )
        }
        lines.append("</g>")
        return lines
    }

    private func text(_ content: String, x: Double, y: Double, attributes: String) -> String {
        ##"<text x="\##(f(x))" y="\##(f(y))" \##(attributes)>\##(escaped(content))</text>"##
    }
}

/// `1.5`, `120` — coordinates with at most one decimal.
private func f(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

/// `500`, `2K`, `1.5M`.
private func compact(_ value: Double) -> String {
    switch value {
    case 1e6...: (value / 1e6).formatted(maximumFractionDigits: 1) + "M"
    case 1e3...: (value / 1e3).formatted(maximumFractionDigits: 1) + "K"
    default: value.formatted(maximumFractionDigits: 1)
    }
}

private func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
}
