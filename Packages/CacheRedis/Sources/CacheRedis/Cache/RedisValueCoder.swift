#if Redis
import Foundation
import NIOCore

/// How a ``RedisCache`` turns values into the bytes Redis stores, and back.
///
///     RedisValueCoder<User>.json                                   // the default for Codable values
///     RedisValueCoder<User>.json(encoder: encoder, decoder: decoder)  // your JSON settings
///     RedisValueCoder<User>(encode: { try ProtobufEncoder().encode($0) }, decode: { try ProtobufDecoder().decode($0) })
///
/// A value that fails to decode (written by another version of the program, say) makes `get`
/// throw a ``RedisValueCodingError``.
public struct RedisValueCoder<Value: Sendable>: Sendable {
    /// The bytes of a value.
    public let encode: @Sendable (Value) throws -> ByteBuffer
    /// The value of some bytes.
    public let decode: @Sendable (ByteBuffer) throws -> Value

    /// A coder from two functions, inverse to each other.
    public init(
        encode: @escaping @Sendable (Value) throws -> ByteBuffer,
        decode: @escaping @Sendable (ByteBuffer) throws -> Value
    ) {
        self.encode = encode
        self.decode = decode
    }
}

extension RedisValueCoder where Value: Codable {
    /// JSON with Foundation's default settings.
    public static var json: RedisValueCoder { .json(encoder: JSONEncoder(), decoder: JSONDecoder()) }

    /// JSON with the given encoder and decoder (which must not be changed afterwards).
    public static func json(encoder: JSONEncoder, decoder: JSONDecoder) -> RedisValueCoder {
        RedisValueCoder(
            encode: { value in ByteBuffer(bytes: try encoder.encode(value)) },
            decode: { bytes in try decoder.decode(Value.self, from: Data(bytes.readableBytesView)) }
        )
    }
}

/// A value that could not be encoded for Redis, or decoded from what Redis holds.
public struct RedisValueCodingError: Error, Sendable, CustomStringConvertible {
    /// The Redis key.
    public let key: String
    /// Whether encoding (a write) or decoding (a read) failed.
    public let isDecoding: Bool
    /// The coder's error.
    public let underlying: any Error

    /// The key, the direction and the coder's error.
    public var description: String {
        "redis key '\(key)': the value could not be \(isDecoding ? "decoded" : "encoded"): \(underlying)"
    }
}
#endif
