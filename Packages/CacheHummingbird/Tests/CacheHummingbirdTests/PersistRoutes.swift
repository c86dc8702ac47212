#if Hummingbird
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// An app whose routes persist text through `persist`, as an app's handlers would:
/// `POST /items/:key?ttl=S` creates (409 on a duplicate), `PUT` sets, `GET` reads as text
/// (404 when missing), `GET /items/:key/number` reads as an `Int` (422 when it is not one),
/// `DELETE` removes.
func persistApp(_ persist: some PersistDriver) -> some ApplicationProtocol {
    let router = Router()
    let items = router.group("items")
    items.post(":key") { request, context -> HTTPResponse.Status in
        let text = try await body(of: request)
        do {
            try await persist.create(key: try key(context), value: text, expires: ttl(request))
            return .created
        } catch let error as PersistError where error == .duplicate {
            return .conflict
        }
    }
    items.put(":key") { request, context -> HTTPResponse.Status in
        try await persist.set(key: try key(context), value: try await body(of: request), expires: ttl(request))
        return .ok
    }
    items.get(":key") { _, context -> Response in
        guard let text = try await persist.get(key: try key(context), as: String.self) else {
            return Response(status: .notFound)
        }
        return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
    items.get(":key/number") { _, context -> Response in
        do {
            guard let number = try await persist.get(key: try key(context), as: Int.self) else {
                return Response(status: .notFound)
            }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "\(number)")))
        } catch let error as PersistError where error == .invalidConversion {
            return Response(status: .unprocessableContent)
        }
    }
    items.delete(":key") { _, context -> HTTPResponse.Status in
        try await persist.remove(key: try key(context))
        return .noContent
    }
    return Application(router: router)
}

private func key(_ context: BasicRequestContext) throws -> String {
    try context.parameters.require("key")
}

private func ttl(_ request: Request) -> Duration? {
    request.uri.queryParameters.get("ttl", as: Int.self).map { .seconds($0) }
}

private func body(of request: Request) async throws -> String {
    String(buffer: try await request.body.collect(upTo: 1 << 16))
}

/// The status and body text of a response.
struct Reply: Equatable, Sendable {
    var status: HTTPResponse.Status
    var body: String

    init(_ status: HTTPResponse.Status, _ body: String) {
        self.status = status
        self.body = body
    }
}

/// Sends a request and returns the status and body text of its response.
func send(
    _ client: some TestClientProtocol,
    _ method: HTTPRequest.Method,
    _ uri: String,
    body: String? = nil
) async throws -> Reply {
    try await client.execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) }) { response in
        Reply(response.status, String(buffer: response.body))
    }
}

/// A wall clock the tests set by hand.
final class ManualDate: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_700_000_000))

    var now: Date { current.withLock { $0 } }
    func advance(by seconds: Double) { current.withLock { $0 += seconds } }
}
#endif
