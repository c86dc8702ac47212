#if Vapor
import CacheVapor
import Foundation
import Synchronization
import Vapor
import VaporTesting

/// A value with several kinds of fields, stored through the routes.
struct Item: Content, Equatable {
    var name: String
    var tags: [String]
    var score: Double
    var parent: Parent?

    struct Parent: Codable, Equatable, Sendable {
        var id: Int
    }
}

/// A wall clock the tests advance by hand, for a layered cache's deadlines.
final class ManualWallClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_700_000_000))

    /// The current time.
    func now() -> Date { time.withLock { $0 } }

    /// Moves the time `seconds` forward.
    func advance(bySeconds seconds: Double) { time.withLock { $0 += seconds } }
}

/// The routes of the test app, each using `req.cache`:
///
/// - `PUT /items/:key?ttl=N` stores the `Item` of the body, for N seconds when given;
/// - `GET /items/:key` reads it (404 when absent);
/// - `DELETE /items/:key` sets the key to `nil`;
/// - `PUT /notes/:key` and `GET /notes/:key` do the same with a `String`;
/// - `POST /counters/:key` adds one to an `Int` and returns it.
func registerCacheRoutes(on app: Application) {
    app.put("items", ":key") { req async throws -> HTTPStatus in
        let item = try req.content.decode(Item.self)
        let ttl = req.query[Int.self, at: "ttl"]
        try await req.cache.set(try req.parameters.require("key"), to: item, expiresIn: ttl.map { .seconds($0) })
        return .noContent
    }
    app.get("items", ":key") { req async throws -> Item in
        guard let item = try await req.cache.get(try req.parameters.require("key"), as: Item.self) else {
            throw Abort(.notFound)
        }
        return item
    }
    app.delete("items", ":key") { req async throws -> HTTPStatus in
        try await req.cache.set(try req.parameters.require("key"), to: Item?.none)
        return .noContent
    }
    app.put("notes", ":key") { req async throws -> HTTPStatus in
        try await req.cache.set(try req.parameters.require("key"), to: req.body.string ?? "")
        return .noContent
    }
    app.get("notes", ":key") { req async throws -> String in
        guard let note = try await req.cache.get(try req.parameters.require("key"), as: String.self) else {
            throw Abort(.notFound)
        }
        return note
    }
    app.post("counters", ":key") { req async throws -> String in
        let key = try req.parameters.require("key")
        let count = (try await req.cache.get(key, as: Int.self) ?? 0) + 1
        try await req.cache.set(key, to: count)
        return String(count)
    }
    app.get("event-loop") { req async throws -> String in
        guard let cache = req.cache as? SwiftCachingCache else { return "not a SwiftCachingCache" }
        return cache.eventLoop === req.eventLoop ? "request" : "other"
    }
}

/// Runs `body` with an app whose cache comes from `provider`, with the routes above.
func withCacheApp(
    _ provider: Application.Caches.Provider,
    _ body: (Application) async throws -> Void
) async throws {
    let configure: (Application) async throws -> Void = { app in
        app.logger.logLevel = .error  // not a line per request
        app.caches.use(provider)
        registerCacheRoutes(on: app)
    }
    try await withApp(configure: configure, body)
}

extension TestingApplicationTester {
    /// Sends `PUT /items/:key` with `item`, for `ttl` seconds when given; returns the status.
    func put(_ item: Item, at key: String, ttl: Int? = nil) async throws -> HTTPStatus {
        let query = ttl.map { "?ttl=\($0)" } ?? ""
        return try await sendRequest(.PUT, "items/\(key)\(query)") { try $0.content.encode(item) }.status
    }

    /// Sends `GET /items/:key`: the item, or `nil` on 404; fails on another status.
    func item(at key: String) async throws -> Item? {
        let response = try await sendRequest(.GET, "items/\(key)")
        switch response.status {
        case .ok: return try response.content.decode(Item.self)
        case .notFound: return nil
        default: throw Abort(response.status, reason: "GET items/\(key): \(response.body.string)")
        }
    }

    /// The status of `method path`.
    func status(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> HTTPStatus {
        try await sendRequest(method, path, body: body.map { ByteBuffer(string: $0) }).status
    }
}

let alice = Item(name: "alice", tags: ["admin", "ops"], score: 4.5, parent: .init(id: 7))
let bob = Item(name: "bob", tags: [], score: -1, parent: nil)
#endif
