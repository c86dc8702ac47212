#if Vapor
import Foundation
import Testing

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
