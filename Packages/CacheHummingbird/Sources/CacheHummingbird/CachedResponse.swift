#if Hummingbird
import HTTPTypes
import Hummingbird
import NIOCore

/// A response as ``ResponseCacheMiddleware`` keeps it: status, headers and the whole body.
public struct CachedResponse: Sendable {
    /// The response's status.
    public var status: HTTPResponse.Status
    /// The response's headers.
    public var headers: HTTPFields
    /// The response's body.
    public var body: ByteBuffer

    /// Creates a cached response.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - headers: The headers.
    ///   - body: The body.
    /// - Complexity: O(1).
    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response to send: the same status, headers and body (the bytes are shared, not copied).
    ///
    /// - Complexity: O(1).
    public var response: Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}

/// Collects what a response body writes, so that it can be stored and sent again.
final class BodyCollector {
    /// The bytes written so far.
    var bytes = ByteBuffer()
    /// Whether the body ended with trailing headers, which a cached response would lose.
    var hasTrailers = false

    /// A writer whose writes land in this collector.
    var writer: some ResponseBodyWriter { Writer(collector: self) }

    private struct Writer: ResponseBodyWriter {
        let collector: BodyCollector

        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            collector.bytes.writeBuffer(&buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
            if let trailingHeaders, !trailingHeaders.isEmpty { collector.hasTrailers = true }
        }
    }
}
#endif
