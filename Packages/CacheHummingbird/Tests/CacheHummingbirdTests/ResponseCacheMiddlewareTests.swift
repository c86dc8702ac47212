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
            ("/vary", .ok, [.vary: "Origin"]),
            ("/vary-encoding", .ok, [.vary: "Accept-Encoding", .cacheControl: "public, max-age=60"]),
            ("/invalid-age", .ok, [.cacheControl: "max-age=abc"]),
            ("/malformed", .ok, [.cacheControl: "=, max-age=60, ="]),
            ("/public", .ok, [.cacheControl: "public"]),
            ("/shared-age", .ok, [.cacheControl: "s-maxage=60"]),
            ("/must-revalidate", .ok, [.cacheControl: "must-revalidate, max-age=60"]),
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
        router.get("/flaky") { _, _ -> String in
            let text = run("/flaky")
            guard text == "/flaky 1" else { return text }
            await gate.wait()
            throw HTTPError(.serviceUnavailable)
        }
        router.get("/chunks/:count") { request, context -> Response in
            let count = try context.parameters.require("count", as: Int.self)
            _ = run("/chunks")
            return Response(
                status: .ok,
                body: ResponseBody { writer in
                    for index in 0..<count { try await writer.write(ByteBuffer(string: "\(index % 10)abc")) }
                    try await writer.finish(nil)
                }
            )
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

    @Test(arguments: [
        "/no-store", "/private", "/no-cache", "/zero", "/cookie", "/missing", "/vary", "/vary-encoding",
        "/invalid-age",
    ])
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
                // Once the handler has started and the other request waits for it, open the gate.
                await gate.arrivals(1)
                await cache.flights.waitForWaiters(1, forKey: "/slow")
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

    @Test func whenTheLeaderThrowsWaitersRunTheHandlerThemselves() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            try await withThrowingTaskGroup(of: Reply.self) { requests in
                for _ in 0..<2 { requests.addTask { try await send(client, .get, "/flaky") } }
                await gate.arrivals(1)
                await cache.flights.waitForWaiters(1, forKey: "/flaky")
                gate.open()
                var replies: [Reply] = []
                for try await reply in requests { replies.append(reply) }
                #expect(replies.map(\.status).sorted { $0.code < $1.code } == [.ok, .serviceUnavailable])
                #expect(replies.contains(Reply(.ok, "/flaky 2")))
            }
            guard case .lead(let flight) = cache.flights.join("/flaky") else {
                Issue.record("a flight of /flaky was left behind")
                return
            }
            cache.flights.finish("/flaky", flight, outcome: nil)
            #expect(try await send(client, .get, "/flaky") == Reply(.ok, "/flaky 3"))
            #expect(try await send(client, .get, "/flaky") == Reply(.ok, "/flaky 3"))
        }
        #expect(runCount("/flaky") == 3)
    }

    @Test func aStreamedBodyOverTheLimitIsSentWholeAndNotStored() async throws {
        let cache = try middleware(maxBodySize: 8)
        let whole = (0..<50).map { "\($0 % 10)abc" }.joined()
        try await app(cache).test(.router) { client async throws in
            #expect(try await send(client, .get, "/chunks/50") == Reply(.ok, whole))
            #expect(try await send(client, .get, "/chunks/50") == Reply(.ok, whole))
            #expect(try await send(client, .get, "/chunks/2") == Reply(.ok, "0abc1abc"))
            #expect(try await send(client, .get, "/chunks/2") == Reply(.ok, "0abc1abc"))
        }
        #expect(cache.cache.keys == ["/chunks/2"])
        #expect(runCount("/chunks") == 3)
        #expect(cache.flights.waiterCount(forKey: "/chunks/50") == 0)
    }

    @Test func malformedCacheControlDoesNotCrash() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            #expect(try await send(client, .get, "/malformed").body == "/malformed 1")
            #expect(try await send(client, .get, "/malformed").body == "/malformed 1")
        }
        #expect(cache.cache.timeToLive(forKey: "/malformed") == .seconds(60))
    }

    @Test func anAuthorizedRequestIsNotSharedUnlessTheResponseSaysSo() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            #expect(try await authorized(client, "/page").body == "/page 1")
            #expect(try await authorized(client, "/page").body == "/page 2")
            for path in ["/public", "/shared-age", "/must-revalidate"] {
                #expect(try await authorized(client, path).body == "\(path) 1")
            }
            #expect(try await send(client, .get, "/public").body == "/public 1")
            #expect(try await authorized(client, "/public").body == "/public 2")
        }
        #expect(cache.cache.keys.sorted() == ["/must-revalidate", "/public", "/shared-age"])
        #expect(cache.cache.stats.hits == 1)
    }

    @Test func aHitCarriesItsAge() async throws {
        let cache = try middleware()
        try await app(cache).test(.router) { client async throws in
            #expect(try await ageOf(client, "/page") == nil)
            clock.advance(by: .milliseconds(7_500))
            #expect(try await ageOf(client, "/page") == "7")
        }
    }

    /// Sends a `GET` with an `Authorization` header.
    func authorized(_ client: some TestClientProtocol, _ uri: String) async throws -> Reply {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer t"]) { response in
            Reply(response.status, String(buffer: response.body))
        }
    }

    /// The `Age` header of the response to a `GET`.
    func ageOf(_ client: some TestClientProtocol, _ uri: String) async throws -> String? {
        try await client.execute(uri: uri, method: .get) { $0.headers[.age] }
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
