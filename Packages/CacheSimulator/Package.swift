// swift-tools-version: 6.2
// Standalone manifest of the simulator; the root Package.swift declares the same targets.
import PackageDescription

let package = Package(
    name: "CacheSimulator",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CacheSimulation", targets: ["CacheSimulation"]),
        .executable(name: "cachesim", targets: ["cachesim"]),
    ],
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "CacheSimulation",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
            ]
        ),
        .executableTarget(
            name: "cachesim",
            dependencies: [
                "CacheSimulation",
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CacheSimulationTests",
            dependencies: ["CacheSimulation", .product(name: "CachePolicies", package: "CachePolicies")]
        ),
        .testTarget(
            name: "CacheSimulatorCommandTests",
            dependencies: [
                "cachesim", "CacheSimulation", .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
