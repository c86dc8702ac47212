// swift-tools-version: 6.2
// Standalone manifest of CacheHummingbird; the root Package.swift declares the same targets, behind
// its trait `Hummingbird` (and `Redis` for the driver over a RedisCache). Here `Hummingbird` is on
// by default, so a local app that depends on this package by path gets the module without naming
// a trait; `Redis` stays off unless asked for.
import PackageDescription

let hummingbird: TargetDependencyCondition? = .when(traits: ["Hummingbird"])

let package = Package(
    name: "CacheHummingbird",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CacheHummingbird", targets: ["CacheHummingbird"])
    ],
    traits: [
        .trait(
            name: "Hummingbird",
            description: "CacheHummingbird: a Hummingbird PersistDriver and a response-caching middleware"
        ),
        .trait(name: "Redis", description: "The PersistDriver over a RedisCache"),
        .default(enabledTraits: ["Hummingbird"]),
    ],
    // Hummingbird's products are used only with the trait on, so a build with
    // `--disable-default-traits` (Scripts/test.sh's standalone step) compiles none of them.
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
        .package(path: "../CacheManager"),
        .package(path: "../CacheRedis", traits: [.trait(name: "Redis", condition: .when(traits: ["Redis"]))]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        .target(
            name: "CacheHummingbird",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "CacheRedis", package: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "Hummingbird", package: "hummingbird", condition: hummingbird),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: hummingbird),
                .product(name: "NIOCore", package: "swift-nio", condition: hummingbird),
            ]
        ),
        .testTarget(
            name: "CacheHummingbirdTests",
            dependencies: [
                "CacheHummingbird",
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "CacheRedis", package: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "Hummingbird", package: "hummingbird", condition: hummingbird),
                .product(name: "HummingbirdTesting", package: "hummingbird", condition: hummingbird),
                .product(name: "NIOCore", package: "swift-nio", condition: hummingbird),
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
