// swift-tools-version: 6.2
// Standalone manifest of ExpiringDict; the root Package.swift declares the same targets.
import PackageDescription

let package = Package(
    name: "ExpiringDict",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "ExpiringDictCompat", targets: ["ExpiringDictCompat"])
    ],
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
    ],
    targets: [
        .target(
            name: "ExpiringDictCompat",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
            ]
        ),
        .testTarget(
            name: "ExpiringDictCompatTests",
            dependencies: [
                "ExpiringDictCompat",
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
