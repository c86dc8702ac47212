#if Hummingbird
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CachingServer

@Suite("The example server of Docs/Examples/CachingServer")
struct CachingServerTests {
    /// No backend latency, so that the test does not wait for time.
    let settings = try! ServerSettings(environment: ["BACKEND_LATENCY_MS": "0", "PORT": "0", "CACHE_SIZE": "100"])

    @Test func metricsReportTheHitsOfTheLayeredCache() async throws {
        let server = try await CatalogServer(settings: settings)
        try await server.application.test(.router) { client async throws in
            for id in [1, 2, 1, 1, 3, 2] {
                try await client.execute(uri: "/products/\(id)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("\"name\":\"Product \(id)\""))
                }
            }
            try await client.execute(uri: "/products/0", method: .get) { response in
                #expect(response.status == .notFound)
            }
            let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            let lines = Set(metrics.split(separator: "\n").map(String.init))
            #expect(lines.contains(#"products_cache_reads_total{result="hit",layer="local"} 3"#))
            #expect(lines.contains(#"products_cache_reads_total{result="miss",layer="backend"} 4"#))
            #expect(lines.contains("products_cache_hit_ratio 0.42857142857142855"))
        }
        #expect(server.metrics.totals == (hits: 3, misses: 4))
    }

    @Test func servesOverTCP() async throws {
        let server = try await CatalogServer(settings: settings)
        try await server.application.test(.live) { client async throws in
            for _ in 0..<2 {
                try await client.execute(uri: "/products/7", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
        }
        #expect(server.metrics.totals == (hits: 1, misses: 1))
    }

    @Test func refusesASettingOutOfRange() {
        #expect(
            throws: ServerSettingsError(
                variable: "CACHE_SIZE",
                value: "0",
                allowed: "a whole number from 1 to 2147483647"
            )
        ) {
            try ServerSettings(environment: ["CACHE_SIZE": "0"])
        }
        #expect(throws: ServerSettingsError.self) { try ServerSettings(environment: ["PORT": "http"]) }
    }
}
#endif
