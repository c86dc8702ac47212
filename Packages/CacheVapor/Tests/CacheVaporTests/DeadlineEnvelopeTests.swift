#if Vapor
import Foundation
import Testing
import Vapor

@testable import CacheVapor

@Suite("The envelope of a layered cache's values")
struct DeadlineEnvelopeTests {
    @Test("a deadline is one byte 1 and 8 big-endian bytes of milliseconds since 1970, then the JSON")
    func layout() throws {
        let deadline = Date(timeIntervalSince1970: 1_700_000_000.123)
        let envelope = DeadlineEnvelope(deadline: deadline, payload: Data("42".utf8))
        let milliseconds: UInt64 = 1_700_000_000_123
        let expected =
            [1] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: milliseconds >> ($0 * 8)) } + Array("42".utf8)
        #expect([UInt8](envelope.bytes) == expected)
        let decoded = try DeadlineEnvelope(envelope.bytes, key: "k")
        #expect(decoded == envelope)
        #expect(decoded.payload == Data("42".utf8))
        #expect(decoded.deadline.map { ($0.timeIntervalSince1970 * 1000).rounded() } == 1_700_000_000_123)
    }

    @Test("no deadline is one byte 0, then the JSON")
    func noDeadline() throws {
        let envelope = DeadlineEnvelope(deadline: nil, payload: Data("\"x\"".utf8))
        #expect([UInt8](envelope.bytes) == [0] + Array("\"x\"".utf8))
        #expect(try DeadlineEnvelope(envelope.bytes, key: "k") == envelope)
    }

    @Test(
        "a deadline past Int64.max milliseconds is stored as Int64.max and reads back as none",
        arguments: [9.3e18, 1e300, .infinity, .nan] as [Double]
    )
    func farDeadline(seconds: Double) throws {
        let envelope = DeadlineEnvelope(deadline: Date(timeIntervalSince1970: seconds), payload: Data("1".utf8))
        #expect([UInt8](envelope.bytes) == [1, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] + Array("1".utf8))
        let decoded = try DeadlineEnvelope(envelope.bytes, key: "k")
        #expect(decoded.deadline == nil)
        #expect(decoded.payload == Data("1".utf8))
    }

    @Test("a deadline before Int64.min milliseconds is stored as Int64.min, long past")
    func farPastDeadline() throws {
        let envelope = DeadlineEnvelope(deadline: Date(timeIntervalSince1970: -1e19), payload: Data())
        #expect([UInt8](envelope.bytes) == [1, 0x80, 0, 0, 0, 0, 0, 0, 0])
        let decoded = try DeadlineEnvelope(envelope.bytes, key: "k")
        #expect(decoded.deadline == Date(timeIntervalSince1970: -0x1p63 / 1000))
    }

    @Test("Vapor's expirations count in seconds, saturating instead of trapping")
    func expirationSeconds() {
        #expect(CachedBytesWrite.seconds(of: .seconds(Int.max)) == Int.max)
        #expect(CachedBytesWrite.seconds(of: .minutes(2)) == 120)
        #expect(CachedBytesWrite.seconds(of: .hours(3)) == 10_800)
        #expect(CachedBytesWrite.seconds(of: .days(-1)) == -86_400)
        #expect(CachedBytesWrite.seconds(of: .minutes(Int.max)) == Int.max)
        #expect(CachedBytesWrite.seconds(of: .hours(Int.min)) == Int.min)
        #expect(CachedBytesWrite.seconds(of: .days(Int.max / 86_400 + 1)) == Int.max)
    }

    @Test(
        "bytes that are no envelope throw an error naming the key",
        arguments: [[], [2, 1], [1, 0, 0]] as [[UInt8]]
    )
    func malformed(bytes: [UInt8]) {
        let error = #expect(throws: CacheVaporValueError.self) { try DeadlineEnvelope(Data(bytes), key: "users:1") }
        #expect(error?.key == "users:1")
        #expect(error?.isDecoding == true)
    }
}
#endif
