#if Hummingbird
import Hummingbird
import NIOCore
import Testing

@testable import CacheHummingbird

@Suite("Reading a body up to a limit")
struct BodyPrefixTests {
    /// A body that writes `"x"` until it is cancelled, and finishes `ended` when it stops.
    func endless(_ ended: AsyncStream<Void>.Continuation) -> ResponseBody {
        ResponseBody { writer in
            defer { ended.finish() }
            while true { try await writer.write(ByteBuffer(string: "x")) }
        }
    }

    @Test func cancellingTheReadCancelsTheBodysWriter() async throws {
        let (ended, continuation) = AsyncStream<Void>.makeStream()
        let body = endless(continuation)
        let reading = Task { try await body.readingPrefix(upTo: 1 << 30) }
        reading.cancel()
        await #expect(throws: CancellationError.self) { try await reading.value }
        var events = 0
        for await _ in ended { events += 1 }
        #expect(events == 0)
    }

    @Test func droppingTheRestOfABodyOverTheLimitCancelsItsWriter() async throws {
        let (ended, continuation) = AsyncStream<Void>.makeStream()
        var isPartial = false
        do {
            let prefix = try await endless(continuation).readingPrefix(upTo: 3)
            if case .partial = prefix { isPartial = true }
        }
        #expect(isPartial)
        var events = 0
        for await _ in ended { events += 1 }
        #expect(events == 0)
    }
}
#endif
