// swift-tools-version: 6.2
// Standalone manifest of CachePolicies; the root Package.swift declares the same targets.
import PackageDescription

let internalChecks: [SwiftSetting] =
    Context.environment["CACHE_INTERNAL_CHECKS"] != nil ? [.define("CACHE_INTERNAL_CHECKS")] : []

let package = Package(
    name: "CachePolicies",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CachePolicies", targets: ["CachePolicies"])
    ],
    dependencies: [
        .package(path: "../CacheCore")
    ],
    targets: [
        .target(
            name: "CachePolicies",
            dependencies: [.product(name: "CacheCore", package: "CacheCore")],
            swiftSettings: internalChecks
        ),
        .target(
            name: "_CacheTestSupport",
            dependencies: ["CachePolicies", .product(name: "CacheCore", package: "CacheCore")],
            path: "Tests/_CacheTestSupport"
        ),
        .testTarget(
            name: "CachePoliciesTests",
            dependencies: ["CachePolicies", "_CacheTestSupport", .product(name: "CacheCore", package: "CacheCore")]
        ),
    ]
)

for target in package.targets {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
