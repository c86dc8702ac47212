#if Vapor
import Foundation

/// Decodes the JSON of a key as a `T` in a future's callback, on the event loop.
///
/// Vapor's `Cache` does not ask `T` to be `Sendable`, so its metatype may not be captured by the
/// `@Sendable` callback; this value carries it instead. It holds nothing but the key, and
/// decoding reads no shared state, so it is safe to send.
struct ValueDecoder<T: Decodable>: @unchecked Sendable {
    /// The key whose JSON is decoded, for errors.
    let key: String

    /// The `T` in `bytes`; `nil` for no bytes (a miss).
    ///
    /// - Throws: ``CacheVaporValueError`` when `bytes` are not the JSON of a `T`.
    @Sendable
    func decode(_ bytes: Data?) throws -> T? {
        try bytes.map { try CachedValueCoding.decode(T.self, from: $0, key: key) }
    }
}
#endif
