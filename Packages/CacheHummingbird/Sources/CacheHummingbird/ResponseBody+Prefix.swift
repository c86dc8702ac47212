#if Hummingbird
import HTTPTypes
import Hummingbird
import NIOCore

/// A response body read up to a limit.
enum BodyPrefix {
    /// The body ended within the limit: all its bytes, and its trailing headers.
    case whole(ByteBuffer, trailers: HTTPFields?)
    /// The body passed the limit: a body to send instead, the bytes read followed by the rest of
    /// the original one.
    case partial(ResponseBody)
}

/// Owns a relay for as long as a response may still read it: closes it (cancelling the original
/// body's writer) when that response is dropped, sent or not.
final class BodyRelayOwner: Sendable {
    /// The relay.
    let relay: BodyRelay

    init(_ relay: BodyRelay) { self.relay = relay }

    deinit { relay.close() }
}

extension ResponseBody {
    /// Reads at most `limit` bytes of the body, and no further.
    ///
    /// - Throws: What the body's writer throws; `CancellationError` when the task is cancelled.
    /// - Complexity: O(*n*) in the bytes read, at most `limit` plus one part.
    func readingPrefix(upTo limit: Int) async throws -> BodyPrefix {
        let owner = BodyRelayOwner(BodyRelay(self))
        var bytes = ByteBuffer()
        while true {
            switch await owner.relay.next() {
            case .bytes(var part):
                guard bytes.readableBytes + part.readableBytes <= limit else {
                    return .partial(Self.rest(after: [bytes, part], of: owner, contentLength: contentLength))
                }
                bytes.writeBuffer(&part)
            case .end(let trailers): return .whole(bytes, trailers: trailers)
            case .failed(let error): throw error
            }
        }
    }

    /// A body that writes `head`, then the parts `owner`'s relay still holds.
    private static func rest(after head: [ByteBuffer], of owner: BodyRelayOwner, contentLength: Int?) -> ResponseBody {
        ResponseBody(contentLength: contentLength) { writer in
            for buffer in head where buffer.readableBytes > 0 { try await writer.write(buffer) }
            while true {
                switch await owner.relay.next() {
                case .bytes(let part): try await writer.write(part)
                case .end(let trailers):
                    try await writer.finish(trailers)
                    return
                case .failed(let error): throw error
                }
            }
        }
    }
}
#endif
