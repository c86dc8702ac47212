// swift-tools-version: 6.2
// Standalone manifest of CacheRedis; the root Package.swift declares the same targets, behind its
// trait `Redis`. Here the trait is on by default, so a local app that depends on this package by
// path gets RedisCache without naming a trait.
import PackageDescription

let package = Package(
    name: "CacheRedis",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CacheRedis", targets: ["CacheRedis"])
    ],
    traits: [
        .trait(
            name: "Redis",
            description: "Compiles CacheRedis (its sources are in `#if Redis`, as in the root package)"
        ),
        .default(enabledTraits: ["Redis"]),
    ],
    // SwiftNIO's products are used only with the trait on, as in the root manifest, so a build
    // with `--disable-default-traits` (Scripts/test.sh's standalone step) does not compile them.
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
        .package(path: "../CacheManager"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "CacheRedis",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["Redis"])),
            ]
        ),
        .testTarget(
            name: "CacheRedisTests",
            dependencies: [
                "CacheRedis",
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOEmbedded", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["Redis"])),
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
