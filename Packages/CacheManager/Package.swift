// swift-tools-version: 6.2
// Standalone manifest of CacheManager; the root Package.swift declares the same targets.
import PackageDescription

let package = Package(
    name: "CacheManager",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CacheManagement", targets: ["CacheManagement"])
    ],
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
    ],
    targets: [
        .target(
            name: "CacheManagement",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
            ]
        ),
        .testTarget(
            name: "CacheManagementTests",
            dependencies: [
                "CacheManagement",
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
            ]
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
