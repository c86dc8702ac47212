#if Vapor
import Foundation

/// The JSON of the values a ``SwiftCachingCache`` stores: Foundation's `JSONEncoder` and
/// `JSONDecoder` with their default settings, so that the bytes are those Vapor's own Redis
/// driver writes.
enum CachedValueCoding {
    /// The JSON of `value`, stored for `key`.
    ///
    /// - Throws: ``CacheVaporValueError`` when `value` cannot be encoded.
    static func encode<T: Encodable>(_ value: T, key: String) throws(CacheVaporValueError) -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw CacheVaporValueError(
                key: key,
                typeName: String(reflecting: T.self),
                isDecoding: false,
                underlying: error
            )
        }
    }

    /// The `T` in `bytes`, read for `key`.
    ///
    /// - Throws: ``CacheVaporValueError`` when `bytes` are not the JSON of a `T`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: Data, key: String) throws(CacheVaporValueError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: bytes)
        } catch {
            throw CacheVaporValueError(
                key: key,
                typeName: String(reflecting: T.self),
                isDecoding: true,
                underlying: error
            )
        }
    }
}
#endif
