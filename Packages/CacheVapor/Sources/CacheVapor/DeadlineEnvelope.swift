#if Vapor
import Foundation

/// A value of a layered cache with its wall-clock deadline, in the bytes every layer stores: one
/// byte `0` (no deadline) or `1` followed by the deadline in milliseconds since 1970 as 8 bytes,
/// big-endian; then the value's JSON.
///
/// A deadline past `Int64.max` milliseconds (an expiration of `.seconds(Int.max)`, say) is
/// stored as `Int64.max`, which reads back as no deadline: the value never expires.
///
/// A `LayeredCache` takes no TTL per write, so Vapor's expirations travel with the values, and
/// every process that shares a remote layer reads the same deadline.
struct DeadlineEnvelope: Equatable, Sendable {
    /// When the value expires; `nil` for never.
    let deadline: Date?
    /// The value's JSON.
    let payload: Data

    /// An envelope of `payload`, expiring at `deadline` (rounded down to the millisecond).
    init(deadline: Date?, payload: Data) {
        self.deadline = deadline.map {
            Date(timeIntervalSince1970: (($0.timeIntervalSince1970 * 1000).rounded(.down)) / 1000)
        }
        self.payload = payload
    }

    /// The envelope in `bytes`, stored for `key`.
    ///
    /// - Throws: ``CacheVaporValueError`` when `bytes` are no envelope (written by something else
    ///   than a ``SwiftCachingCache``).
    init(_ bytes: Data, key: String) throws(CacheVaporValueError) {
        let bytes = [UInt8](bytes)
        switch bytes.first {
        case 0:
            self.init(deadline: nil, payload: Data(bytes.dropFirst()))
        case 1 where bytes.count >= 9:
            let milliseconds = Int64(bitPattern: bytes[1...8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
            let deadline =
                milliseconds == .max ? nil : Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            self.init(deadline: deadline, payload: Data(bytes.dropFirst(9)))
        default:
            throw CacheVaporValueError(
                key: key,
                typeName: "DeadlineEnvelope",
                isDecoding: true,
                underlying: DecodingError.dataCorrupted(
                    .init(
                        codingPath: [],
                        debugDescription: "a layered entry starts with 0, or 1 and an 8-byte deadline"
                    )
                )
            )
        }
    }

    /// The bytes the layers store.
    var bytes: Data {
        guard let deadline else { return Data([0]) + payload }
        let milliseconds = UInt64(bitPattern: Self.milliseconds(since1970: deadline))
        let header = [1] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: milliseconds >> ($0 * 8)) }
        return Data(header) + payload
    }

    /// `date` in whole milliseconds since 1970, rounded down and saturating at the ends of
    /// `Int64` (`Int64.max`, never, for a date too far ahead or not a number).
    static func milliseconds(since1970 date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard milliseconds < 0x1p63 else { return .max }
        guard milliseconds >= -0x1p63 else { return .min }
        return Int64(milliseconds)
    }
}
#endif
