extension CacheSettings {
    /// Reads a TTL as configuration files write it: seconds (`"90"`, `"1.5"`) or a number with a
    /// unit: `ms`, `s`, `m`, `h` or `d` (`"500ms"`, `"90s"`, `"15m"`, `"2h"`, `"1d"`).
    ///
    /// - Returns: The duration, or `nil` when `text` is not of that form or is not positive.
    /// - Complexity: O(*n*) in the length of `text`.
    public static func ttl(parsing text: String) -> Duration? {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3_600e9), ("d", 86_400e9),
        ]
        var number = Substring(text)
        var scale = 1e9
        for unit in units where number.hasSuffix(unit.suffix) {
            number = number.dropLast(unit.suffix.count)
            scale = unit.nanoseconds
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number)
        else { return nil }
        return ttl(nanoseconds: value * scale)
    }

    /// A TTL of `seconds` seconds, as a configuration file gives a bare number.
    ///
    /// - Returns: The duration, or `nil` when `seconds` is not positive and finite.
    /// - Complexity: O(1).
    public static func ttl(seconds: Double) -> Duration? {
        ttl(nanoseconds: seconds * 1e9)
    }

    private static func ttl(nanoseconds: Double) -> Duration? {
        guard nanoseconds.isFinite, nanoseconds >= 1, nanoseconds < Double(Int64.max) else { return nil }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }

    /// A TTL in the shortest form ``ttl(parsing:)`` reads back: `"15m"`, `"90s"`, `"500ms"`.
    ///
    /// - Complexity: O(1).
    public static func text(ofTTL ttl: Duration) -> String {
        let (seconds, attoseconds) = ttl.components
        guard attoseconds == 0 else {
            let milliseconds = ttl / .milliseconds(1)
            return milliseconds.rounded() == milliseconds ? "\(Int64(milliseconds))ms" : "\(ttl)"
        }
        for (suffix, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds % size == 0 && seconds != 0
        {
            return "\(seconds / size)\(suffix)"
        }
        return "\(seconds)s"
    }
}
