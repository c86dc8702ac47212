#if Hummingbird
import CacheCore
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
    /// When it was stored, on the cache's clock; `nil` when unknown (then no `Age` is sent).
    public var storedAt: CacheInstant?

    /// Creates a cached response.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - headers: The headers.
    ///   - body: The body.
    ///   - storedAt: When it was stored, on the cache's clock; `nil` when unknown.
    /// - Complexity: O(1).
    public init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, storedAt: CacheInstant? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.storedAt = storedAt
    }

    /// A response to send: the same status, headers and body (the bytes are shared, not copied).
    ///
    /// - Complexity: O(1).
    public var response: Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The response to send at `now`: ``response`` with an `Age` header, the whole seconds
    /// since it was stored (none when ``storedAt`` is `nil`).
    ///
    /// - Complexity: O(*h*) in the number of headers.
    public func response(at now: CacheInstant) -> Response {
        var response = response
        if let storedAt {
            response.headers[.age] = "\(max(storedAt.duration(to: now).components.seconds, 0))"
        }
        return response
    }
}
#endif
