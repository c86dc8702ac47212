/// A cache size as given on the command line: a number of entries, or a percentage of the
/// workload's distinct keys (`5%`), as in the published hit-ratio tables.
public enum CacheSize: Hashable, Sendable, CustomStringConvertible {
    /// A number of entries.
    case entries(Int)
    /// A percentage of the workload's distinct keys, rounded to the nearest entry.
    case percentOfKeys(Double)

    /// Parses `1000`, `1_000` or `5%`.
    ///
    /// - Throws: ``CacheSizeError`` when the text is neither, or the size is 0 or negative.
    public init(parsing text: String) throws(CacheSizeError) {
        let trimmed = text.filter { $0 != "_" && $0 != " " }
        if trimmed.hasSuffix("%") {
            guard let percent = Double(trimmed.dropLast()), percent.isFinite else {
                throw .notASize(text)
            }
            guard percent > 0 else { throw .notPositive(text) }
            self = .percentOfKeys(percent)
        } else {
            guard let entries = Int(trimmed) else { throw .notASize(text) }
            guard entries > 0 else { throw .notPositive(text) }
            self = .entries(entries)
        }
    }

    /// The sizes a plot uses when none are given: ten, from 0.1% of the distinct keys doubling up
    /// to 51.2%, evenly spread on the plot's logarithmic axis.
    public static let plotDefaults: [CacheSize] = (0..<10).map { .percentOfKeys(0.1 * Double(1 << $0)) }

    /// The number of entries for a workload with `distinctKeyCount` keys.
    ///
    /// - Throws: ``CacheSizeError/roundsToZero(_:distinctKeys:)`` when a percentage gives less
    ///   than half an entry.
    public func entries(forDistinctKeys distinctKeyCount: Int) throws(CacheSizeError) -> Int {
        switch self {
        case .entries(let entries):
            return entries
        case .percentOfKeys(let percent):
            let entries = Int((Double(distinctKeyCount) * percent / 100).rounded())
            guard entries > 0 else { throw .roundsToZero(description, distinctKeys: distinctKeyCount) }
            return entries
        }
    }

    /// `1000` or `5%`.
    public var description: String {
        switch self {
        case .entries(let entries): "\(entries)"
        case .percentOfKeys(let percent): "\(percent.formatted(maximumFractionDigits: 4))%"
        }
    }
}

/// Why a cache size was refused.
public enum CacheSizeError: Error, Equatable, CustomStringConvertible {
    /// Neither a whole number nor a percentage.
    case notASize(String)
    /// Zero or negative.
    case notPositive(String)
    /// A percentage that gives 0 entries for the workload.
    case roundsToZero(String, distinctKeys: Int)

    /// What was wrong, and what is allowed.
    public var description: String {
        switch self {
        case .notASize(let text):
            "cache size '\(text)' is neither a number of entries (5000) nor a percentage of the distinct keys (5%)"
        case .notPositive(let text):
            "cache size '\(text)' must be at least 1 entry (or a percentage above 0)"
        case .roundsToZero(let text, let distinctKeys):
            "cache size \(text) of \(distinctKeys) distinct keys rounds to 0 entries; use a larger size"
        }
    }
}

extension Double {
    /// The value rounded to at most `digits` decimals, without trailing zeros.
    func formatted(maximumFractionDigits digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (self * scale).rounded() / scale
        var text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
