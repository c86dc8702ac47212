import Foundation

/// A logarithmic axis for cache sizes: maps a size to a coordinate and chooses its ticks.
struct LogAxis {
    /// The logarithms of the sizes at the two ends, with a margin so no point sits on the frame.
    let lowLog: Double
    let highLog: Double
    let from: Double
    let to: Double

    /// An axis that shows sizes `low` to `high` between coordinates `from` and `to`.
    init(low: Double, high: Double, from: Double, to: Double) {
        // A single size gets a factor of 2 either side; otherwise 6% of the span as margin.
        let span = high > low ? log10(high) - log10(low) : 2 * log10(2.0)
        let center = (log10(low) + log10(high)) / 2
        let margin = high > low ? span * 0.06 : 0
        lowLog = center - span / 2 - margin
        highLog = center + span / 2 + margin
        self.from = from
        self.to = to
    }

    /// The coordinate of `size`.
    func position(_ size: Double) -> Double {
        from + (log10(size) - lowLog) / (highLog - lowLog) * (to - from)
    }

    /// Round sizes on the axis: 1, 2 and 5 times the powers of ten, or only the powers of ten
    /// when those would crowd it; the replayed sizes themselves when fewer than two round sizes fit.
    func ticks(including sizes: [Int]) -> [Double] {
        var candidates: [[Double]] = [[1, 2, 5], [1, 3], [1]]
        if highLog - lowLog > 4 { candidates.removeFirst(2) }
        for mantissas in candidates {
            var ticks: [Double] = []
            var exponent = floor(lowLog)
            while exponent <= ceil(highLog) {
                for mantissa in mantissas {
                    let value = mantissa * pow(10, exponent)
                    if value >= 1 && log10(value) >= lowLog && log10(value) <= highLog { ticks.append(value) }
                }
                exponent += 1
            }
            if ticks.count <= 10 && ticks.count >= 2 { return ticks }
        }
        return sizes.map(Double.init)
    }
}

/// A linear axis for hit ratios from 0 up to a round value above the highest.
struct RatioAxis {
    let top: Double
    let step: Double
    let from: Double
    let to: Double

    /// An axis that shows ratios 0 to a round value above `highest`, between coordinates `from`
    /// (ratio 0) and `to`.
    init(highest: Double, from: Double, to: Double) {
        step = highest <= 0.2 ? 0.02 : highest <= 0.5 ? 0.05 : 0.1
        top = min(1, max(step, (highest / step).rounded(.up) * step))
        self.from = from
        self.to = to
    }

    /// The coordinate of `ratio`.
    func position(_ ratio: Double) -> Double {
        from + ratio / top * (to - from)
    }

    /// 0, `step`, 2 × `step`, … up to the top.
    var ticks: [Double] {
        let count = Int((top / step).rounded())
        return (0...count).map { Double($0) * step }
    }
}
