#if Hummingbird
import CacheCore
import CacheManagement
import CachePolicies
import Hummingbird
import Prometheus

#if Redis
import CacheRedis
#endif

/// The example's application: `GET /products/:id` read through a layered cache, `GET /metrics`
/// for Prometheus.
struct CatalogServer: Sendable {
    /// The Hummingbird application, ready to run or to test.
    let application: Application<RouterResponder<BasicRequestContext>>
    /// The products cache: the in-process layer, then Redis when configured, over the backend.
    let products: LayeredCache<Int, Product>
    /// What `/metrics` reports.
    let metrics: HitRatioMetrics
    #if Redis
    /// The client of the Redis layer, if there is one.
    private var redis: RedisClient?
    #endif

    /// Builds the application for `settings`; with a Redis URL, connects to Redis.
    init(settings: ServerSettings) async throws {
        let catalog = SlowCatalog(latency: settings.backendLatency, count: settings.productCount)
        let local = Cache<Int, Product>(
            name: "local",
            maxSize: settings.cacheSize,
            defaultTTL: .after(settings.cacheTTL)
        )
        var layers: [CacheLayer<Int, Product>] = [.local(local)]
        #if Redis
        if let url = settings.redisURL {
            let client = try RedisClient(configuration: RedisConfiguration(url: url))
            let shared = RedisCache<Int, Product>(client: client, namespace: "products", publishesInvalidations: false)
            layers.append(.remote(shared, name: "redis", ttl: .seconds(600)))
            redis = client
        }
        #endif
        products = LayeredCache(name: "products", layers: layers) { id in try await catalog.product(id) }
        metrics = HitRatioMetrics(registry: PrometheusCollectorRegistry(), layerNames: layers.map(\.name))
        products.addListener { [metrics] event in metrics.record(event) }

        let router = Router()
        router.get("/products/:id") { [products] _, context -> Product in
            let id = try context.parameters.require("id", as: Int.self)
            guard let product = try await products.get(id) else { throw HTTPError(.notFound) }
            return product
        }
        router.get("/metrics") { [metrics] _, _ in metrics.render() }
        application = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "CachingServer")
        )
    }

    /// Closes what the server opened (the Redis client's connections), once it has stopped.
    func close() async {
        #if Redis
        await redis?.close()
        #endif
    }
}
#endif
