#if Redis
import NIOCore

/// A value in a Redis reply, in the RESP2 or RESP3 protocol.
///
/// RESP2 has simple strings, errors, integers, bulk strings and arrays, with a null bulk string
/// and a null array; RESP3 adds null, booleans, doubles, big numbers, bulk errors, verbatim
/// strings, maps, sets, pushes and attributes. Both nulls read as ``null``, a bulk error as
/// ``error(_:)``, a verbatim string as ``bulkString(_:)`` of its text (its format dropped), and
/// an attribute is skipped (it annotates the value after it, which is what the decoder yields).
public enum RESPValue: Sendable, Hashable {
    /// A simple string (`+OK`).
    case simpleString(String)
    /// An error reply (`-ERR …`, or a RESP3 bulk error `!`): its whole message.
    case error(String)
    /// An integer (`:42`).
    case integer(Int64)
    /// A bulk string: binary-safe bytes (`$5 hello`), or the text of a RESP3 verbatim string.
    case bulkString(ByteBuffer)
    /// The absent value: a RESP2 null bulk string or null array, or the RESP3 null (`_`).
    case null
    /// An array (`*2 …`).
    case array([RESPValue])
    /// A RESP3 double (`,3.14`).
    case double(Double)
    /// A RESP3 boolean (`#t`).
    case boolean(Bool)
    /// A RESP3 big number (`(3492890328409238509324850943850943825024385`), as its digits.
    case bigNumber(String)
    /// A RESP3 map (`%2 …`).
    case map([RESPValue: RESPValue])
    /// A RESP3 set (`~3 …`), in the order the server sent it.
    case set([RESPValue])
    /// A RESP3 push (`>3 …`): out-of-band data such as a pub/sub message.
    case push([RESPValue])
}

extension RESPValue: CustomStringConvertible {
    /// The value in a readable form: strings quoted, aggregates bracketed.
    public var description: String {
        switch self {
        case .simpleString(let string): string
        case .error(let message): "(error) \(message)"
        case .integer(let integer): "(integer) \(integer)"
        case .bulkString(let bytes): "\"\(String(decoding: bytes.readableBytesView, as: UTF8.self))\""
        case .null: "(nil)"
        case .array(let elements): "[\(elements.map(\.description).joined(separator: ", "))]"
        case .double(let double): "(double) \(double)"
        case .boolean(let boolean): "(boolean) \(boolean)"
        case .bigNumber(let digits): "(big number) \(digits)"
        case .map(let pairs): "{\(pairs.map { "\($0.key): \($0.value)" }.sorted().joined(separator: ", "))}"
        case .set(let elements): "set[\(elements.map(\.description).joined(separator: ", "))]"
        case .push(let elements): "push[\(elements.map(\.description).joined(separator: ", "))]"
        }
    }
}

extension RESPValue {
    /// The text of a simple or bulk string, decoded as UTF-8; `nil` for other values.
    public var string: String? {
        switch self {
        case .simpleString(let string): string
        case .bulkString(let bytes): String(decoding: bytes.readableBytesView, as: UTF8.self)
        default: nil
        }
    }

    /// The integer of an integer reply, or of a string reply that holds one; `nil` otherwise.
    public var integer: Int64? {
        switch self {
        case .integer(let integer): integer
        case .simpleString, .bulkString: string.flatMap { Int64($0) }
        default: nil
        }
    }

    /// The bytes of a bulk string; `nil` for other values.
    public var bytes: ByteBuffer? {
        if case .bulkString(let bytes) = self { return bytes }
        return nil
    }

    /// The elements of an array, set or push; `nil` for other values.
    public var elements: [RESPValue]? {
        switch self {
        case .array(let elements), .set(let elements), .push(let elements): elements
        default: nil
        }
    }
}
#endif
