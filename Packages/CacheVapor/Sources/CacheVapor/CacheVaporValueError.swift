#if Vapor
/// A value a ``SwiftCachingCache`` could not encode, or a stored value it could not decode as
/// the type asked for (a key written as an `Int` and read as a `String`, say).
public struct CacheVaporValueError: Error, Sendable, CustomStringConvertible {
    /// The cache key.
    public let key: String
    /// The Swift type the value was encoded from or decoded as.
    public let typeName: String
    /// Whether the value failed to decode (else to encode).
    public let isDecoding: Bool
    /// The error of the JSON encoder or decoder.
    public let underlying: any Error

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - key: The cache key.
    ///   - typeName: The Swift type the value was encoded from or decoded as.
    ///   - isDecoding: Whether the value failed to decode (else to encode).
    ///   - underlying: The error of the JSON encoder or decoder.
    public init(key: String, typeName: String, isDecoding: Bool, underlying: any Error) {
        self.key = key
        self.typeName = typeName
        self.isDecoding = isDecoding
        self.underlying = underlying
    }

    /// Says which key, which type and what failed.
    public var description: String {
        isDecoding
            ? "the cached value of '\(key)' is not the JSON of a \(typeName): \(underlying)"
            : "a \(typeName) could not be encoded as JSON for the cache key '\(key)': \(underlying)"
    }
}
#endif
