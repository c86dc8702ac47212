// swift-tools-version: 6.2
// Standalone manifest of the umbrella; the root Package.swift declares the same targets.
import PackageDescription

let package = Package(
    name: "Caching",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Caching", targets: ["Caching"])
    ],
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
        .package(path: "../CacheManager"),
        .package(path: "../ExpiringDict"),
        .package(path: "../WeakValueStore"),
        .package(path: "../Memoization"),
    ],
    targets: [
        .target(
            name: "Caching",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "ExpiringDictCompat", package: "ExpiringDict"),
                .product(name: "WeakValueStore", package: "WeakValueStore"),
                .product(name: "Memoization", package: "Memoization"),
            ]
        ),
        .testTarget(name: "CachingTests", dependencies: ["Caching"]),
    ]
)

for target in package.targets {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
