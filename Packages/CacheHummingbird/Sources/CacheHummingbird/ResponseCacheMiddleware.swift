#if Hummingbird
import CacheCore
import CachePolicies
import HTTPTypes
import Hummingbird
import NIOCore

/// A middleware that keeps the responses of `GET` requests in a `Cache` and answers later
/// requests for the same key from it, running the handler once for concurrent misses of a key.
///
///     let responses = Cache<String, CachedResponse>(name: "responses", maxCost: 64 << 20) {
///         _, response in response.body.readableBytes
///     }
///     router.add(middleware: try ResponseCacheMiddleware(cache: responses, defaultTTL: .seconds(30)))
///
/// - **Key**: a closure from the request (and its context) to a key; by default the path and the
///   query (`/users?page=2`). Return `nil` for a request that must not be cached. The key decides
///   which requests share a response: leave out of the default anything that varies by user
///   (a route that reads `Authorization` or a cookie needs them in its key, or `nil`).
/// - **What is stored**: only responses to `GET`, with a status of ``cacheableStatuses``, no
///   `Set-Cookie`, no `Vary: *`, and no `Cache-Control` `no-store`, `private` or `no-cache`.
///   Other methods and responses pass through untouched.
/// - **For how long**: the response's `Cache-Control` `s-maxage`, else its `max-age` (a zero
///   age stores nothing), else ``defaultTTL``; measured on the cache's clock.
/// - **Bodies** are read whole and kept as bytes, up to ``maxBodySize``: a response whose
///   `Content-Length` is larger passes through as it is, without being read; one of unknown
///   length that turns out larger, or that ends with trailing headers, is sent as read but not
///   stored.
/// - **Single flight**: while the handler runs for a key that missed, other requests for that
///   key wait for it and get its response when it is stored; when it is not (uncacheable, or the
///   handler threw), each runs the handler itself.
///
/// Hits and misses are the cache's: `cache.stats.hits`, `cache.stats.misses` (a request that
/// waited for another's run counts as a miss).
public struct ResponseCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The statuses stored by default: 200, 203, 204, 301 and 308.
    public static var defaultCacheableStatuses: Set<HTTPResponse.Status> {
        [.ok, .nonAuthoritativeInformation, .noContent, .movedPermanently, .permanentRedirect]
    }

    /// The key of a request: its path and, when it has one, its query (`/users?page=2`).
    ///
    /// - Complexity: O(*n*) in the length of the URI.
    public static func pathAndQuery(_ request: Request, _ context: Context) -> String? {
        request.uri.query.map { "\(request.uri.path)?\($0)" } ?? request.uri.path
    }

    /// Where the responses are kept.
    public let cache: Cache<String, CachedResponse>
    /// How long a response without `max-age` or `s-maxage` is kept.
    public let defaultTTL: Duration
    /// The largest body stored, in bytes.
    public let maxBodySize: Int
    /// The statuses whose responses are stored.
    public let cacheableStatuses: Set<HTTPResponse.Status>
    private let key: @Sendable (Request, Context) -> String?
    let flights = ResponseFlights()

    /// Creates a middleware that keeps responses in `cache`.
    ///
    /// - Parameters:
    ///   - cache: Where the responses are kept; its limits and policy apply, and its clock
    ///     measures their TTLs.
    ///   - defaultTTL: How long a response whose `Cache-Control` gives no age is kept; positive.
    ///   - maxBodySize: The largest body stored, in bytes; not negative.
    ///   - cacheableStatuses: The statuses whose responses are stored.
    ///   - key: The key of a request, or `nil` for a request that must not be cached;
    ///     ``pathAndQuery(_:_:)`` by default.
    /// - Throws: ``ResponseCacheConfigurationError`` naming a setting out of range.
    /// - Complexity: O(1).
    public init(
        cache: Cache<String, CachedResponse>,
        defaultTTL: Duration = .seconds(60),
        maxBodySize: Int = 1 << 20,
        cacheableStatuses: Set<HTTPResponse.Status> = Self.defaultCacheableStatuses,
        key: @escaping @Sendable (Request, Context) -> String? = Self.pathAndQuery
    ) throws(ResponseCacheConfigurationError) {
        guard defaultTTL > .zero else {
            throw ResponseCacheConfigurationError(
                field: "defaultTTL",
                value: "\(defaultTTL)",
                allowed: "a positive duration"
            )
        }
        guard maxBodySize >= 0 else {
            throw ResponseCacheConfigurationError(
                field: "maxBodySize",
                value: "\(maxBodySize)",
                allowed: "a number of bytes, 0 or more"
            )
        }
        self.cache = cache
        self.defaultTTL = defaultTTL
        self.maxBodySize = maxBodySize
        self.cacheableStatuses = cacheableStatuses
        self.key = key
    }

    /// Answers a `GET` from the cache, or runs `next` (once for concurrent misses of a key) and
    /// stores its response when it may be.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The request's context.
    ///   - next: The rest of the middleware chain and the handler.
    /// - Returns: The cached response, or the handler's.
    /// - Throws: What `next` throws.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get, let key = key(request, context) else {
            return try await next(request, context)
        }
        if let hit = cache.get(key) { return hit.response }
        switch flights.join(key) {
        case .wait(let flight):
            if let shared = await flight.outcome() { return shared.response }
            return try await next(request, context)
        case .lead(let flight):
            let response: Response
            let stored: CachedResponse?
            do {
                (response, stored) = try await respond(to: request, context: context, key: key, next: next)
            } catch {
                flights.finish(key, flight, outcome: nil)
                throw error
            }
            flights.finish(key, flight, outcome: stored)
            return response
        }
    }

    /// Runs `next` and stores its response under `key` when it may be stored.
    ///
    /// - Returns: The response to send (its body read into memory when it was read), and what was
    ///   stored.
    private func respond(
        to request: Request,
        context: Context,
        key: String,
        next: (Request, Context) async throws -> Response
    ) async throws -> (Response, CachedResponse?) {
        var response = try await next(request, context)
        guard let ttl = timeToLive(of: response) else { return (response, nil) }
        if let length = response.body.contentLength, length > maxBodySize { return (response, nil) }
        let collector = BodyCollector()
        try await response.body.write(collector.writer)
        response.body = ResponseBody(byteBuffer: collector.bytes)
        guard collector.bytes.readableBytes <= maxBodySize, !collector.hasTrailers else { return (response, nil) }
        let cached = CachedResponse(status: response.status, headers: response.headers, body: collector.bytes)
        cache.set(key, cached, ttl: .after(ttl))
        return (response, cached)
    }

    /// How long `response` may be kept, or `nil` when it must not be stored.
    private func timeToLive(of response: Response) -> Duration? {
        guard cacheableStatuses.contains(response.status), response.headers[.setCookie] == nil,
            !response.headers[values: .vary].contains(where: { $0.contains("*") })
        else { return nil }
        switch CacheControl(response.headers) {
        case .doNotStore: return nil
        case .fresh(let ttl): return ttl
        case .unspecified: return defaultTTL
        }
    }
}
#endif
