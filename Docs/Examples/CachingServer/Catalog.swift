#if Hummingbird
import Hummingbird

/// A product of the catalogue.
struct Product: Codable, Sendable, Equatable, ResponseEncodable {
    var id: Int
    var name: String
    var priceCents: Int
}

/// The slow backend the cache stands in front of: a database or a service that takes
/// `latency` to answer each lookup.
struct SlowCatalog: Sendable {
    /// How long each lookup takes.
    var latency: Duration
    /// How many products there are: ids 1…`count`.
    var count: Int

    /// The product `id`, after `latency`; `nil` when there is none.
    func product(_ id: Int) async throws -> Product? {
        if latency > .zero { try await Task.sleep(for: latency) }
        guard (1...count).contains(id) else { return nil }
        return Product(id: id, name: "Product \(id)", priceCents: 100 + (id * 7_919) % 10_000)
    }
}
#endif
