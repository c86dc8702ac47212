#if Redis
/// One checked header of a RESP value: its type byte and line, and what follows it.
///
/// A scalar's header is the whole value; a blob's header takes its body with it; an aggregate's
/// header announces how many values follow it.
struct RESPHeader {
    /// What the header starts.
    enum Kind: Equatable {
        /// A whole value: a simple string, error, number, null, boolean, double, big number, or a
        /// bulk string, bulk error or verbatim string with its body.
        case value
        /// An array, set, push or map of this many values (a map's keys and values both count).
        case aggregate(elements: Int)
        /// An attribute of this many values (keys and values), which annotates the value after it
        /// and is not itself a value.
        case attribute(elements: Int)
    }

    /// The type byte, such as `+` or `*`.
    let type: UInt8
    /// The indices of the line after the type byte, without its CRLF.
    let line: Range<Int>
    /// The index after the header: after its line, or, for a blob, after its body's CRLF.
    let end: Int
    /// What the header starts.
    let kind: Kind
}
#endif
