#if Redis
import CacheRedis
import NIOCore

/// Random RESP2 and RESP3 replies with the value each decodes to, from a seeded generator, for
/// tests that decode the same bytes split into reads in many ways.
struct RandomRESP {
    /// The generator; seeded, so a failing case replays.
    var generator: SplitMix

    /// A generator of replies from `seed`.
    init(seed: UInt64) {
        generator = SplitMix(seed: seed)
    }

    /// A reply's bytes and the value it decodes to, aggregates nested at most `depth` deep.
    mutating func reply(depth: Int = 3) -> (bytes: String, value: RESPValue) {
        let attribute = int(0..<8) == 0 ? self.attribute(depth: depth) : ""
        let (bytes, value) = plainReply(depth: depth)
        return (attribute + bytes, value)
    }

    /// A reply without an attribute before it, aggregates nested at most `depth` deep.
    private mutating func plainReply(depth: Int) -> (bytes: String, value: RESPValue) {
        switch int(0..<(depth > 0 ? 16 : 11)) {
        case 0:
            let text = word()
            return ("+\(text)\r\n", .simpleString(text))
        case 1:
            let text = "ERR " + word()
            return ("-\(text)\r\n", .error(text))
        case 2:
            let integer = Int64.random(in: Int64.min...Int64.max, using: &generator)
            return (":\(integer)\r\n", .integer(integer))
        case 3:
            let text = word() + "\r\n" + word()
            return ("$\(text.utf8.count)\r\n\(text)\r\n", .bulkString(ByteBuffer(string: text)))
        case 4:
            return (["$-1\r\n", "*-1\r\n", "_\r\n"][int(0..<3)], .null)
        case 5:
            let boolean = int(0..<2) == 0
            return ("#\(boolean ? "t" : "f")\r\n", .boolean(boolean))
        case 6:
            let double = Double(int(-1000..<1000)) / 8
            return (",\(double)\r\n", .double(double))
        case 7:
            let digits = "-" + String(repeating: "9", count: int(1..<40))
            return ("(\(digits)\r\n", .bigNumber(digits))
        case 8:
            let text = word()
            return ("=\(text.utf8.count + 4)\r\ntxt:\(text)\r\n", .bulkString(ByteBuffer(string: text)))
        case 9:
            let text = "SYNTAX " + word()
            return ("!\(text.utf8.count)\r\n\(text)\r\n", .error(text))
        case 10:
            return ("$0\r\n\r\n", .bulkString(ByteBuffer()))
        case 11:
            let (bytes, elements) = replies(depth: depth - 1)
            return ("*\(elements.count)\r\n" + bytes, .array(elements))
        case 12:
            let (bytes, elements) = replies(depth: depth - 1)
            return ("~\(elements.count)\r\n" + bytes, .set(elements))
        case 13:
            let (bytes, elements) = replies(depth: depth - 1)
            return (">\(elements.count)\r\n" + bytes, .push(elements))
        case 14:
            // Distinct integer keys, so that no pair replaces another.
            var bytes = ""
            var map: [RESPValue: RESPValue] = [:]
            let count = int(0..<4)
            for key in 0..<count {
                let (valueBytes, value) = reply(depth: depth - 1)
                bytes += ":\(key)\r\n" + valueBytes
                map[.integer(Int64(key))] = value
            }
            return ("%\(count)\r\n" + bytes, .map(map))
        default:
            // A value inside an attribute is still the value.
            let (bytes, value) = plainReply(depth: depth - 1)
            return (attribute(depth: depth - 1) + bytes, value)
        }
    }

    /// Up to 4 replies one after another, and their values.
    private mutating func replies(depth: Int) -> (bytes: String, values: [RESPValue]) {
        var bytes = ""
        var values: [RESPValue] = []
        for _ in 0..<int(0..<5) {
            let (replyBytes, value) = reply(depth: depth)
            bytes += replyBytes
            values.append(value)
        }
        return (bytes, values)
    }

    /// An attribute of up to 2 pairs (or a chain of empty ones), which the decoder skips.
    private mutating func attribute(depth: Int) -> String {
        guard depth > 0 else { return String(repeating: "|0\r\n", count: int(1..<4)) }
        let count = int(0..<3)
        var bytes = "|\(count)\r\n"
        for _ in 0..<(count * 2) { bytes += reply(depth: depth - 1).bytes }
        return bytes
    }

    /// Up to 11 characters, some of them beyond ASCII, never CR or LF.
    private mutating func word() -> String {
        String((0..<int(0..<12)).map { _ in "abcxyz:é€ 0123".randomElement(using: &generator)! })
    }

    /// A random integer in `range`.
    private mutating func int(_ range: Range<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }
}
#endif
