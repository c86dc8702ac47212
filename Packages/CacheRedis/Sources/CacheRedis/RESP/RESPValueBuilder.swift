#if Redis
/// Builds the value whose bytes ``RESPParser`` has scanned and found complete and valid.
///
/// It walks the headers again with a loop and an explicit stack of the aggregates being filled,
/// never by recursion: attributes are skipped, their keys and values dropped.
struct RESPValueBuilder {
    /// An aggregate being filled.
    private struct PartialAggregate {
        /// Its type byte: `*`, `~`, `>`, `%` or `|`.
        let type: UInt8
        /// The elements still to come.
        var remaining: Int
        /// The elements so far (none for an attribute).
        var elements: [RESPValue]
    }

    /// The reader of the scanned bytes.
    let reader: RESPHeaderReader

    /// The value starting at `position`, which the parser has scanned to its end.
    ///
    /// - Complexity: O(*n*) in the value's size.
    func value(at position: Int) -> RESPValue {
        var position = position
        var open: [PartialAggregate] = []
        var ignored = 0
        while true {
            var searchFrom = position + 1
            let header: RESPHeader
            do {
                guard let complete = try reader.header(at: position, searchFrom: &searchFrom, searched: &ignored) else {
                    preconditionFailure("RESPValueBuilder: a scanned value is incomplete at \(position)")
                }
                header = complete
            } catch {
                preconditionFailure("RESPValueBuilder: a scanned value is invalid: \(error)")
            }
            position = header.end
            var completed: RESPValue
            switch header.kind {
            case .value:
                completed = reader.value(of: header)
            case .aggregate(let count), .attribute(let count):
                if count > 0 {
                    var elements: [RESPValue] = []
                    if header.type != UInt8(ascii: "|") { elements.reserveCapacity(Swift.min(count, 1024)) }
                    open.append(PartialAggregate(type: header.type, remaining: count, elements: elements))
                    continue
                }
                // An empty attribute annotates nothing that is kept; the value after it is next.
                if header.type == UInt8(ascii: "|") { continue }
                completed = Self.aggregate(header.type, of: [])
            }
            // Add the completed value to the innermost open aggregate, closing those it completes;
            // the value at the front is complete when the last one closes (not on an attribute).
            var isComplete = true
            while let innermost = open.indices.last {
                if open[innermost].type != UInt8(ascii: "|") { open[innermost].elements.append(completed) }
                open[innermost].remaining -= 1
                if open[innermost].remaining > 0 {
                    isComplete = false
                    break
                }
                let finished = open.removeLast()
                if finished.type == UInt8(ascii: "|") {
                    isComplete = false
                    break
                }
                completed = Self.aggregate(finished.type, of: finished.elements)
            }
            if isComplete { return completed }
        }
    }

    /// The aggregate of type `type` with these elements (a map's keys and values alternating).
    private static func aggregate(_ type: UInt8, of elements: [RESPValue]) -> RESPValue {
        switch type {
        case UInt8(ascii: "~"): return .set(elements)
        case UInt8(ascii: ">"): return .push(elements)
        case UInt8(ascii: "%"):
            var map: [RESPValue: RESPValue] = [:]
            for index in stride(from: 0, to: elements.count, by: 2) { map[elements[index]] = elements[index + 1] }
            return .map(map)
        default: return .array(elements)
        }
    }
}
#endif
