#if Vapor && Redis
import CacheCore
import CacheRedis
import Foundation
import NIOCore
import Vapor

extension SwiftCachingCache {
    /// A Vapor cache over a Redis cache of JSON bytes, which Redis expires: `expiresIn:
    /// .minutes(5)` is `SET … PX 300000`.
    ///
    /// Make the cache with the coder `RedisValueCoder<Data>.rawBytes` so that Redis holds
    /// each value's JSON as it is (with `.json` the JSON would be stored again, as a base64
    /// string).
    ///
    /// - Parameters:
    ///   - cache: The Redis cache; its namespace and default TTL apply.
    ///   - eventLoop: The event loop the cache's futures complete on.
    public init(_ cache: RedisCache<String, Data>, on eventLoop: any EventLoop) {
        self.init(store: .redis(cache), on: eventLoop)
    }
}

extension Application.Caches.Provider {
    /// Makes the app's cache (`app.cache`, `req.cache`) a ``SwiftCachingCache`` over `cache`, a
    /// Redis cache of JSON bytes shared by every instance of the app.
    ///
    ///     let cache = RedisCache<String, Data>(
    ///         client: redis, namespace: "vapor", keyCoding: .description, valueCoder: .rawBytes)
    ///     app.caches.use(.swiftCaching(cache))
    ///
    /// - Parameter cache: The Redis cache; its namespace and default TTL apply.
    public static func swiftCaching(_ cache: RedisCache<String, Data>) -> Self {
        .init { app in
            app.caches.use { app in SwiftCachingCache(cache, on: app.eventLoopGroup.next()) }
        }
    }

    /// Makes the app's cache a ``SwiftCachingCache`` over a new Redis cache of JSON bytes in
    /// `namespace`, sent through `client`.
    ///
    ///     app.caches.use(.swiftCaching(redis: client, namespace: "vapor", defaultTTL: .hours(1)))
    ///
    /// - Parameters:
    ///   - client: The Redis client; the app does not close it.
    ///   - namespace: The prefix of the keys (`vapor:greeting`); not empty.
    ///   - defaultTTL: The TTL of entries written without an expiration; `nil` for none. Must be
    ///     positive.
    public static func swiftCaching(
        redis client: RedisClient,
        namespace: String,
        defaultTTL: TimeToLive? = nil
    ) -> Self {
        swiftCaching(
            RedisCache<String, Data>(
                client: client,
                namespace: namespace,
                keyCoding: .description,
                valueCoder: .rawBytes,
                defaultTTL: defaultTTL
            )
        )
    }
}

extension RedisValueCoder where Value == Data {
    /// The bytes as they are: what a ``SwiftCachingCache`` stores in Redis, its values' JSON.
    public static var rawBytes: RedisValueCoder<Data> {
        RedisValueCoder(
            encode: { ByteBuffer(bytes: $0) },
            decode: { Data($0.readableBytesView) }
        )
    }
}
#endif
