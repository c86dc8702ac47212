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
///   (a route that reads a cookie needs it in its key, or `nil`).
/// - **What is stored**: only responses to `GET`, with a status of ``cacheableStatuses``, no
///   `Set-Cookie`, no `Vary` at all, and no `Cache-Control` `no-store`, `private` or `no-cache`.
///   A response with `Vary` (`Vary: Origin` from `CORSMiddleware`, `Vary: Accept-Encoding`)
///   differs by request headers the key does not hold, so it is never stored. Other methods and
///   responses pass through untouched.
/// - **Authorization**: a request with an `Authorization` header is never answered from the
///   cache and never waits for another request's run: it runs the handler, and its response is
///   stored only when its `Cache-Control` has `public`, `s-maxage` or `must-revalidate`
///   (RFC 9111 §3.5).
/// - **For how long**: the response's `Cache-Control` `s-maxage`, else its `max-age` (a zero
///   or invalid age stores nothing), else ``defaultTTL``; measured on the cache's clock. A
///   response sent from the cache carries an `Age` header: the seconds since it was stored.
/// - **Bodies** are kept as bytes, up to ``maxBodySize``: a response whose `Content-Length` is
///   larger passes through as it is, without being read. One of unknown length is read up to
///   the limit and no further; when it passes the limit it is sent as the bytes read followed by
///   the rest of its stream, and not stored. One that ends with trailing headers is sent but not
///   stored.
/// - **Single flight**: while the handler runs for a key that missed, other requests for that
///   key wait for it and get its response when it is stored; when it is not (uncacheable, too
///   large, or the handler threw), each runs the handler itself. A waiting request that is
///   cancelled stops waiting at once and throws `CancellationError`.
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
        if request.headers[.authorization] != nil {
            return try await respond(to: request, context: context, key: key, authorized: true, next: next).0
        }
        if let hit = cache.get(key) { return hit.response(at: cache.clock.now()) }
        switch flights.join(key) {
        case .wait(let flight):
            if let shared = await flight.outcome() { return shared.response(at: cache.clock.now()) }
            try Task.checkCancellation()
            return try await next(request, context)
        case .lead(let flight):
            // A request that missed just as the previous run stored its response.
            if cache.contains(key), let hit = cache.get(key) {
                flights.finish(key, flight, outcome: hit)
                return hit.response(at: cache.clock.now())
            }
            let response: Response
            let stored: CachedResponse?
            do {
                (response, stored) = try await respond(
                    to: request,
                    context: context,
                    key: key,
                    authorized: false,
                    next: next
                )
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
    /// - Returns: The response to send, and what was stored.
    private func respond(
        to request: Request,
        context: Context,
        key: String,
        authorized: Bool,
        next: (Request, Context) async throws -> Response
    ) async throws -> (Response, CachedResponse?) {
        var response = try await next(request, context)
        guard let ttl = timeToLive(of: response, authorized: authorized) else { return (response, nil) }
        if let length = response.body.contentLength, length > maxBodySize { return (response, nil) }
        switch try await response.body.readingPrefix(upTo: maxBodySize) {
        case .partial(let body):
            response.body = body
            return (response, nil)
        case .whole(let bytes, let trailers?) where !trailers.isEmpty:
            response.body = ResponseBody(contentLength: bytes.readableBytes) { writer in
                try await writer.write(bytes)
                try await writer.finish(trailers)
            }
            return (response, nil)
        case .whole(let bytes, _):
            let cached = CachedResponse(
                status: response.status,
                headers: response.headers,
                body: bytes,
                storedAt: cache.clock.now()
            )
            cache.set(key, cached, ttl: .after(ttl))
            return (cached.response, cached)
        }
    }

    /// How long `response` may be kept, or `nil` when it must not be stored.
    private func timeToLive(of response: Response, authorized: Bool) -> Duration? {
        guard cacheableStatuses.contains(response.status), response.headers[.setCookie] == nil,
            response.headers[.vary] == nil
        else { return nil }
        let directives = CacheControlDirectives(response.headers)
        if authorized, !["public", "s-maxage", "must-revalidate"].contains(where: directives.contains) { return nil }
        switch CacheControl(directives) {
        case .doNotStore: return nil
        case .fresh(let ttl): return ttl
        case .unspecified: return defaultTTL
        }
    }
}
#endif
