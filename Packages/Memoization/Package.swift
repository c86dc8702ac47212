// swift-tools-version: 6.2
// Standalone manifest of Memoization; the root Package.swift declares the same targets.
import PackageDescription

let package = Package(
    name: "Memoization",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Memoization", targets: ["Memoization"])
    ],
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
    ],
    targets: [
        .target(
            name: "Memoization",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
            ]
        ),
        .testTarget(
            name: "MemoizationTests",
            dependencies: [
                "Memoization",
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
