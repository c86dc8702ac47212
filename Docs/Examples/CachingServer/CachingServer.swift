// The example server of Docs/Examples/CachingServer/README.md: a product catalogue behind a
// LayeredCache (an in-process Cache over an optional Redis layer, over a slow backend), served
// by Hummingbird, with the cache's hit ratio at /metrics for Prometheus.
#if Hummingbird
import Hummingbird

/// Starts the server with the settings of the environment (see ``ServerSettings``).
@main
struct CachingServer {
    static func main() async throws {
        let settings = ServerSettings.fromEnvironmentOrExit()
        let server = try await CatalogServer(settings: settings)
        try await server.application.runService()
        await server.close()
    }
}
#else
/// Without the trait `Hummingbird` the example has nothing to serve.
@main
enum CachingServer {
    static func main() {
        print("CachingServer needs the package trait Hummingbird: swift run --traits Hummingbird CachingServer")
    }
}
#endif
