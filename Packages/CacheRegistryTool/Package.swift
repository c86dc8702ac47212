// swift-tools-version: 6.2
// Standalone manifest of the registry tool; the root Package.swift declares the same targets, and
// the two plugins that run the tool (they live in the root's Plugins/ folder).
import PackageDescription

let package = Package(
    name: "CacheRegistryTool",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .executable(name: "cache-registry", targets: ["cache-registry"])
    ],
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CacheManager"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "CacheRegistryGeneration",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "cache-registry",
            dependencies: [
                "CacheRegistryGeneration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CacheRegistryGenerationTests",
            dependencies: [
                "CacheRegistryGeneration",
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CacheManagement", package: "CacheManager"),
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
