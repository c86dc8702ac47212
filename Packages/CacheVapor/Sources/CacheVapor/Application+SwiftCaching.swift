#if Vapor
import CacheCore
import CacheManagement
import CachePolicies
import Foundation
import Vapor

extension Application.Caches.Provider {
    /// Makes the app's cache (`app.cache`, `req.cache`) a ``SwiftCachingCache`` over `cache`, an
    /// in-process cache of JSON bytes that every event loop of the app shares.
    ///
    ///     let clock = ManualClock()   // in tests; `.system` by default
    ///     app.caches.use(.swiftCaching(Cache<String, Data>(name: "vapor", maxSize: 10_000, clock: .manual(clock))))
    ///
    /// Unlike Vapor's `.memory`, the cache has a size limit and an eviction policy, and expires
    /// entries with its own clock.
    ///
    /// - Parameter cache: The cache; its limits, policy, default TTL and clock apply.
    public static func swiftCaching(_ cache: CachePolicies.Cache<String, Data>) -> Self {
        .init { app in
            app.caches.use { app in SwiftCachingCache(cache, on: app.eventLoopGroup.next()) }
        }
    }

    /// Makes the app's cache a ``SwiftCachingCache`` over a new in-process cache of JSON bytes.
    ///
    ///     app.caches.use(.swiftCaching(maxSize: 10_000, defaultTTL: .minutes(10)))
    ///
    /// - Parameters:
    ///   - maxSize: The most entries to hold. Must not be negative.
    ///   - defaultTTL: The TTL of entries written without an expiration; `nil` for none. Must be
    ///     positive.
    ///   - policy: Which entry to evict when the cache is full; W-TinyLFU by default.
    public static func swiftCaching(
        maxSize: Int,
        defaultTTL: TimeToLive? = nil,
        policy: CachePolicy = .tinyLFU
    ) -> Self {
        swiftCaching(
            CachePolicies.Cache<String, Data>(name: "vapor", maxSize: maxSize, defaultTTL: defaultTTL, policy: policy)
        )
    }

    /// Makes the app's cache a ``SwiftCachingCache`` over `cache`, a layered cache of JSON bytes:
    /// an in-process layer over Redis, say.
    ///
    /// Expirations are kept with the values as wall-clock deadlines (see
    /// ``SwiftCachingCache/init(_:now:on:)``); the layers' own TTLs apply as well, and release
    /// expired entries.
    ///
    /// - Parameters:
    ///   - cache: The layered cache.
    ///   - now: The current wall-clock time; tests pass a clock they advance by hand.
    public static func swiftCaching(
        _ cache: LayeredCache<String, Data>,
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> Self {
        .init { app in
            app.caches.use { app in SwiftCachingCache(cache, now: now, on: app.eventLoopGroup.next()) }
        }
    }
}
#endif
