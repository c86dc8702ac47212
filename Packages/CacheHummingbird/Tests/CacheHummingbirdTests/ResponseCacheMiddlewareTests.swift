#if Hummingbird
import CacheCore
import CachePolicies
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import CacheHummingbird

/// How many times each route's handler ran.
final class RunCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Counts a run of `path`'s handler and returns its number.
    func increment(_ path: String) -> Int {
        counts.withLock { counts in
            counts[path, default: 0] += 1
            return counts[path]!
        }
    }

    subscript(path: String) -> Int { counts.withLock { $0[path] ?? 0 } }
}

/// A gate the handlers of a test wait at until the test opens it.
final class Gate: Sendable {
    private let isOpen = Mutex(false)

    func open() { isOpen.withLock { $0 = true } }

    func wait() async {
        while !isOpen.withLock({ $0 }) { await Task.yield() }
    }
}

@Suite("Response cache middleware")
struct ResponseCacheMiddlewareTests {
    let clock = ManualClock()
    let runs = RunCounter()
    let gate = Gate()

    func middleware(maxBodySize: Int = 1 << 20) throws -> ResponseCacheMiddleware<BasicRequestContext> {
        try ResponseCacheMiddleware(
            cache: Cache(name: "responses", maxSize: 100, policy: .lru, clock: .manual(clock)),
            defaultTTL: .seconds(30),
            maxBodySize: maxBodySize
        )
    }

    /// An app behind `middleware` whose handlers count their runs by path and answer
    /// `"<path> <run>"` with the headers the route names.
    func app(_ middleware: ResponseCacheMiddleware<BasicRequestContext>) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: middleware)
        let routes: [(String, HTTPResponse.Status, HTTPFields)] = [
            ("/page", .ok, [:]),
            ("/max-age", .ok, [.cacheControl: "public, max-age=5"]),
            ("/s-maxage", .ok, [.cacheControl: "max-age=100", .cacheControl: "S-MaxAge=\"2\""]),
            ("/no-store", .ok, [.cacheControl: "no-store"]),
            ("/private", .ok, [.cacheControl: "private, max-age=60"]),
            ("/no-cache", .ok, [.cacheControl: "max-age=60, no-cache"]),
            ("/zero", .ok, [.cacheControl: "max-age=0"]),
            ("/cookie", .ok, [.setCookie: "session=1"]),
            ("/missing", .notFound, [:]),
        ]
        for (path, status, headers) in routes {
            router.get(RouterPath(path)) { request, _ in
                Response(
                    status: status,
                    headers: headers,
                    body: ResponseBody(byteBuffer: ByteBuffer(string: run(path)))
                )
            }
        }
        router.post("/page") { _, _ in run("/page") }
        router.get("/slow") { _, _ -> String in
            let text = run("/slow")
            await gate.wait()
            return text
        }
        router.get("/sized/:bytes") { request, context -> Response in
            let count = try context.parameters.require("bytes", as: Int.self)
            _ = run("/sized")
            let bytes = ByteBuffer(repeating: UInt8(ascii: "x"), count: count)
            guard request.uri.queryParameters["stream"] != nil else {
                return Response(status: .ok, body: ResponseBody(byteBuffer: bytes))
            }
            return Response(
                status: .ok,
                body: ResponseBody { writer in
                    try await writer.write(bytes.getSlice(at: 0, length: count / 2)!)
                    try await writer.write(bytes.getSlice(at: count / 2, length: count - count / 2)!)
                    try await writer.finish(nil)
                }
            )
        }
        return Application(router: router)
    }

    func run(_ path: String) -> String { "\(path) \(runs.increment(path))" }

    func runCount(_ path: String) -> Int { runs[path] }

    @Test func countsHitsAndMissesByPathAndQuery() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            #expect(try await send(client, .get, "/page") == Reply(.ok, "/page 1"))
            #expect(try await send(client, .get, "/page") == Reply(.ok, "/page 1"))
            #expect(try await send(client, .get, "/page?v=2") == Reply(.ok, "/page 2"))
            #expect(try await send(client, .get, "/page?v=2") == Reply(.ok, "/page 2"))
            #expect(try await send(client, .get, "/page") == Reply(.ok, "/page 1"))
        }
        #expect(runCount("/page") == 2)
        #expect(cache.cache.stats.hits == 3)
        #expect(cache.cache.stats.misses == 2)
        #expect(cache.cache.keys.sorted() == ["/page", "/page?v=2"])
    }

    @Test func aCustomKeyDecidesWhichRequestsShareAResponse() async throws {
        let cache = try ResponseCacheMiddleware<BasicRequestContext>(
            cache: Cache(maxSize: 10, policy: .lru, clock: .manual(clock))
        ) { request, _ in request.uri.path == "/page" ? "page" : nil }
        try await app(cache).test(.router) { client async throws in
            #expect(try await send(client, .get, "/page?a=1") == Reply(.ok, "/page 1"))
            #expect(try await send(client, .get, "/page?b=2") == Reply(.ok, "/page 1"))
            #expect(try await send(client, .get, "/max-age") == Reply(.ok, "/max-age 1"))
            #expect(try await send(client, .get, "/max-age") == Reply(.ok, "/max-age 2"))
        }
        #expect(cache.cache.keys == ["page"])
    }

    @Test func keepsAResponseForTheDefaultTTLOrItsCacheControlAge() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            for path in ["/page", "/max-age", "/s-maxage"] { _ = try await send(client, .get, path) }
            clock.advance(by: .seconds(2))
            #expect(try await send(client, .get, "/s-maxage").body == "/s-maxage 2")
            #expect(try await send(client, .get, "/max-age").body == "/max-age 1")
            clock.advance(by: .seconds(3))
            #expect(try await send(client, .get, "/max-age").body == "/max-age 2")
            #expect(cache.cache.timeToLive(forKey: "/max-age") == .seconds(5))
            #expect(try await send(client, .get, "/page").body == "/page 1")
            clock.advance(by: .seconds(25))
            #expect(try await send(client, .get, "/page").body == "/page 2")
        }
        #expect(runCount("/max-age") == 2)
        #expect(runCount("/s-maxage") == 2)
    }

    @Test(arguments: ["/no-store", "/private", "/no-cache", "/zero", "/cookie", "/missing"])
    func doesNotStoreWhatMustNotBeShared(path: String) async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            #expect(try await send(client, .get, path).body == "\(path) 1")
            #expect(try await send(client, .get, path).body == "\(path) 2")
        }
        #expect(cache.cache.count == 0)
    }

    @Test func otherMethodsPassThrough() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            #expect(try await send(client, .get, "/page").body == "/page 1")
            #expect(try await send(client, .post, "/page").body == "/page 2")
            #expect(try await send(client, .post, "/page").body == "/page 3")
            #expect(try await send(client, .get, "/page").body == "/page 1")
        }
        #expect(cache.cache.stats.hits == 1)
        #expect(cache.cache.stats.misses == 1)
    }

    @Test func concurrentMissesOfOneKeyRunTheHandlerOnce() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            try await withThrowingTaskGroup(of: Reply.self) { requests in
                for _ in 0..<2 { requests.addTask { try await send(client, .get, "/slow") } }
                // Once the handler has started and the other request waits for it, open the gate
                // (after a bounded wait, so that a broken single flight fails instead of hanging).
                for _ in 0..<100_000 where runCount("/slow") < 1 || cache.flights.waiterCount(forKey: "/slow") < 1 {
                    await Task.yield()
                }
                #expect(cache.flights.waiterCount(forKey: "/slow") == 1)
                gate.open()
                var bodies: [String] = []
                for try await reply in requests {
                    #expect(reply.status == .ok)
                    bodies.append(reply.body)
                }
                #expect(bodies == ["/slow 1", "/slow 1"])
            }
        }
        #expect(runCount("/slow") == 1)
        #expect(cache.cache.stats.misses == 2)
        #expect(cache.flights.waiterCount(forKey: "/slow") == 0)
    }

    @Test func storesBodiesUpToTheLimitOnly() async throws {
        let cache = try middleware(maxBodySize: 8)
        try await app(cache).test(.router) { client async throws in
            for uri in ["/sized/8", "/sized/8?stream", "/sized/9", "/sized/9?stream"] {
                let first = try await send(client, .get, uri)
                #expect(first.status == .ok)
                #expect(first.body.utf8.count == Int(uri.dropFirst(7).prefix(1))!)
                #expect(try await send(client, .get, uri) == first)
            }
        }
        #expect(cache.cache.keys.sorted() == ["/sized/8", "/sized/8?stream"])
        #expect(runCount("/sized") == 6)
    }

    @Test func refusesASettingOutOfRange() throws {
        let cache = Cache<String, CachedResponse>(maxSize: 1)
        #expect(
            throws: ResponseCacheConfigurationError(
                field: "defaultTTL",
                value: "0.0 seconds",
                allowed: "a positive duration"
            )
        ) {
            try ResponseCacheMiddleware<BasicRequestContext>(cache: cache, defaultTTL: .zero)
        }
        let error = #expect(throws: ResponseCacheConfigurationError.self) {
            try ResponseCacheMiddleware<BasicRequestContext>(cache: cache, maxBodySize: -1)
        }
        #expect(
            error?.description == "ResponseCacheMiddleware: maxBodySize is -1; it must be a number of bytes, 0 or more"
        )
    }
}
#endif
