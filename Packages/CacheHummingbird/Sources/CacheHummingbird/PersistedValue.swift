#if Hummingbird
import Foundation
import Hummingbird

/// A value of a ``LayeredCachePersistDriver``: the JSON of the value a route persisted, and the
/// instant it expires.
///
/// A `LayeredCache` may have a remote layer that other processes share, so its values must be
/// bytes any process can decode, and their deadline a wall-clock instant any process can compare:
/// the layers' own TTLs are fixed per layer, not per entry.
public struct PersistedValue: Codable, Sendable, Hashable {
    /// The JSON of the value.
    public var json: String
    /// When the value expires, in milliseconds since 1970-01-01 00:00 UTC; `nil` for never.
    public var expiresAt: Int64?

    /// Creates a persisted value from its JSON and deadline.
    ///
    /// - Parameters:
    ///   - json: The JSON of the value.
    ///   - expiresAt: When it expires, in milliseconds since the Unix epoch; `nil` for never.
    /// - Complexity: O(1).
    public init(json: String, expiresAt: Int64?) {
        self.json = json
        self.expiresAt = expiresAt
    }

    /// Whether the value is dead at `now` (milliseconds since the Unix epoch): from its deadline on.
    ///
    /// - Complexity: O(1).
    public func isExpired(at now: Int64) -> Bool {
        expiresAt.map { now >= $0 } ?? false
    }
}

/// The JSON coding the persist drivers share.
enum PersistCoding {
    /// The JSON bytes of `value`.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }

    /// The value in `bytes`, decoded as an `Object`.
    ///
    /// - Throws: `PersistError.invalidConversion` when they do not decode as one.
    static func decode<Object: Decodable>(_ bytes: some Collection<UInt8>, as: Object.Type) throws -> Object {
        do {
            return try JSONDecoder().decode(Object.self, from: Data(bytes))
        } catch {
            throw PersistError.invalidConversion
        }
    }
}
#endif
