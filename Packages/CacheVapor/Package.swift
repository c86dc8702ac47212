// swift-tools-version: 6.2
// Standalone manifest of CacheVapor; the root Package.swift declares the same targets, behind its
// trait `Vapor` (and `Redis` for the RedisCache driver). Here `Vapor` is on by default, so a local
// app that depends on this package by path gets the module without naming a trait; `Redis` stays
// off unless asked for.
import PackageDescription

let vapor: TargetDependencyCondition? = .when(traits: ["Vapor"])

let package = Package(
    name: "CacheVapor",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CacheVapor", targets: ["CacheVapor"])
    ],
    traits: [
        .trait(
            name: "Vapor",
            description: "Compiles CacheVapor (its sources are in `#if Vapor`, as in the root package)"
        ),
        .trait(name: "Redis", description: "The RedisCache driver of CacheVapor"),
        .default(enabledTraits: ["Vapor"]),
    ],
    // Vapor's and SwiftNIO's products are used only with the trait on, so a build with
    // `--disable-default-traits` (Scripts/test.sh's standalone step) compiles none of them.
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
        .package(path: "../CacheManager"),
        .package(path: "../CacheRedis", traits: [.trait(name: "Redis", condition: .when(traits: ["Redis"]))]),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
    ],
    targets: [
        .target(
            name: "CacheVapor",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "CacheRedis", package: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "NIOCore", package: "swift-nio", condition: vapor),
                .product(name: "Vapor", package: "vapor", condition: vapor),
            ]
        ),
        .testTarget(
            name: "CacheVaporTests",
            dependencies: [
                "CacheVapor",
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "CacheRedis", package: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "NIOCore", package: "swift-nio", condition: vapor),
                .product(name: "Vapor", package: "vapor", condition: vapor),
                .product(name: "VaporTesting", package: "vapor", condition: vapor),
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
