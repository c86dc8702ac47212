#if Vapor
import CacheCore
import CacheManagement
import CachePolicies
import Foundation
import NIOCore
import Vapor

/// Vapor's `Cache` over a swift-caching cache: an in-process `Cache`, a `LayeredCache` or, with
/// the trait `Redis`, a `RedisCache`; what `req.cache` and `app.cache` return once the app uses
/// one of the `.swiftCaching(…)` providers of `Application.Caches.Provider`.
///
///     app.caches.use(.swiftCaching(Cache<String, Data>(name: "vapor", maxSize: 10_000)))
///     try await req.cache.set("greeting", to: "hello", expiresIn: .minutes(5))
///     let greeting = try await req.cache.get("greeting", as: String.self)
///
/// - **Values are stored as their JSON** (Foundation's `JSONEncoder` with default settings), not
///   as themselves as Vapor's `MemoryCache` does: Vapor's protocol does not ask values to be
///   `Sendable`, so they could not safely be shared between the event loops, and bytes are the
///   same for every backend, so a value written through one driver reads back the same through
///   another, and a cache of `Data` can count its cost in bytes.
/// - **Reading as another type** decodes the JSON as that type: a compatible type (an `Int`
///   read as a `Double`) succeeds, an incompatible one fails with ``CacheVaporValueError``
///   (Vapor's `MemoryCache` returns `nil` there; hiding such a mistake would make it a miss).
/// - **Expirations** become TTLs: `expiresIn: .minutes(5)` is a TTL of 300 seconds, and an
///   expiration of zero or fewer seconds stores an entry that is already dead, so it removes the
///   key. Without an expiration the backend's own default applies (the `Cache`'s `defaultTTL`,
///   the layers' TTLs, the `RedisCache`'s `defaultTTL`).
/// - **`set(key, to: nil)`** removes the key, as Vapor documents.
/// - **A value an in-process cache refuses** (its cost over `maxCost`, or a `maxSize` of 0) fails
///   the write with ``CacheVaporWriteError`` and removes the key, so that a later read does not
///   return the value it had before. An expiration too long for the backend (`.seconds(Int.max)`)
///   never expires.
///
/// Each value is encoded on the caller's thread, so that the value never crosses threads; the
/// returned futures complete on the cache's event loop.
public struct SwiftCachingCache: Vapor.Cache, Sendable {
    /// Where the JSON of the values is kept.
    let store: CachedBytesStore

    /// The event loop the cache's futures complete on.
    public let eventLoop: any EventLoop

    /// A Vapor cache over `store`, completing its futures on `eventLoop`: what the public
    /// initializers and ``for(_:)`` build on.
    ///
    /// - Parameters:
    ///   - store: Where the JSON of the values is kept.
    ///   - eventLoop: The event loop the cache's futures complete on.
    init(store: CachedBytesStore, on eventLoop: any EventLoop) {
        self.store = store
        self.eventLoop = eventLoop
    }

    /// A Vapor cache over an in-process cache of JSON bytes, which enforces the expirations
    /// with its own TTLs and clock.
    ///
    /// - Parameters:
    ///   - cache: The cache; its limits, policy, default TTL and clock apply.
    ///   - eventLoop: The event loop the cache's futures complete on.
    public init(_ cache: CachePolicies.Cache<String, Data>, on eventLoop: any EventLoop) {
        self.init(store: .local(cache), on: eventLoop)
    }

    /// A Vapor cache over a layered cache of JSON bytes.
    ///
    /// A `LayeredCache` writes each layer with that layer's TTL and takes no TTL per write, so
    /// an expiration is kept with the value instead, as a wall-clock deadline: a read at or after
    /// the deadline returns `nil`. The deadline is wall-clock time so that every process that
    /// shares a remote layer agrees on it. The read does not remove the expired entry (that could
    /// delete a value another request has just written): the layers' TTLs and limits, or the
    /// next write of the key, release it, so give the layers TTLs.
    ///
    /// - Parameters:
    ///   - cache: The layered cache; its layers' TTLs still apply on top of the expirations.
    ///   - now: The current wall-clock time; tests pass a clock they advance by hand.
    ///   - eventLoop: The event loop the cache's futures complete on.
    public init(
        _ cache: LayeredCache<String, Data>,
        now: @escaping @Sendable () -> Date = { Date() },
        on eventLoop: any EventLoop
    ) {
        self.init(store: .layered(cache, now: now), on: eventLoop)
    }

    /// Reads the value of `key` as a `T`.
    ///
    /// - Returns: A future of the value, `nil` when the key has none (or it has expired); it
    ///   fails with ``CacheVaporValueError`` when the stored JSON is not a `T`, and with the
    ///   backend's error when the backend fails.
    public func get<T: Decodable>(_ key: String, as type: T.Type) -> EventLoopFuture<T?> {
        let store = self.store
        let bytes: EventLoopFuture<Data?>
        if case .local(let cache) = store {
            bytes = eventLoop.makeSucceededFuture(cache.get(key))
        } else {
            bytes = eventLoop.makeFutureWithTask { try await store.bytes(forKey: key) }
        }
        let decoder = ValueDecoder<T>(key: key)
        return bytes.flatMapThrowing(decoder.decode)
    }

    /// Stores `value` for `key` with the backend's default TTL; `nil` removes the key.
    ///
    /// - Returns: A future that fails as that of ``set(_:to:expiresIn:)`` does.
    public func set<T: Encodable>(_ key: String, to value: T?) -> EventLoopFuture<Void> {
        set(key, to: value, expiresIn: nil)
    }

    /// Stores `value` for `key`, to expire after `expirationTime`; `nil` removes the key.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value, or `nil` to remove the key.
    ///   - expirationTime: How long the value lives; `nil` for the backend's default TTL. Zero
    ///     or fewer seconds removes the key.
    /// - Returns: A future that fails with ``CacheVaporValueError`` when the value cannot be
    ///   encoded, with ``CacheVaporWriteError`` when an in-process cache refuses it (it can never
    ///   fit; the key is removed then), and with the backend's error when the backend fails.
    public func set<T: Encodable>(
        _ key: String,
        to value: T?,
        expiresIn expirationTime: CacheExpirationTime?
    ) -> EventLoopFuture<Void> {
        let write: CachedBytesWrite
        do {
            write = try CachedBytesWrite(key: key, value: value, expiresIn: expirationTime)
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        let store = self.store
        if case .local(let cache) = store {
            do {
                try write.apply(to: cache)
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
            return eventLoop.makeSucceededVoidFuture()
        }
        return eventLoop.makeFutureWithTask { try await store.apply(write) }
    }

    /// The same cache, completing its futures on the request's event loop.
    public func `for`(_ request: Request) -> SwiftCachingCache {
        SwiftCachingCache(store: store, on: request.eventLoop)
    }
}
#endif
