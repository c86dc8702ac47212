#if Redis
/// Why bytes from the server are not a valid RESP2 or RESP3 reply.
///
/// The connection that read them is closed: after a malformed reply no later reply can be trusted
/// to belong to the command it seems to answer.
public struct RESPParsingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, such as `unknown type byte '?' (0x3F)`.
    public let reason: String
    /// Where the bad byte or line starts, counted from the start of the reply.
    public let offset: Int

    /// Creates an error.
    public init(_ reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The reason and where it was found.
    public var description: String { "malformed RESP reply at byte \(offset): \(reason)" }
}
#endif
