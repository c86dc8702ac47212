// swift-tools-version: 6.2
// Standalone manifest of CacheServices; the root Package.swift declares the same targets, behind
// its traits `ServiceLifecycle` and `Configuration` (and `Redis` for the Redis services). Here the
// first two are on by default, so a local app that depends on this package by path gets both
// modules without naming a trait; `Redis` stays off unless asked for.
import PackageDescription

let serviceLifecycle: TargetDependencyCondition? = .when(traits: ["ServiceLifecycle"])
let configuration: TargetDependencyCondition? = .when(traits: ["Configuration"])

let package = Package(
    name: "CacheServices",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CacheLifecycle", targets: ["CacheLifecycle"]),
        .library(name: "CacheConfigReader", targets: ["CacheConfigReader"]),
    ],
    traits: [
        .trait(
            name: "ServiceLifecycle",
            description: "CacheLifecycle: the caches' long-running work as swift-service-lifecycle services"
        ),
        .trait(
            name: "Configuration",
            description: "CacheConfigReader: caches and managers set up and reconfigured from swift-configuration"
        ),
        .trait(name: "Redis", description: "The Redis client and invalidation services of CacheLifecycle"),
        .default(enabledTraits: ["ServiceLifecycle", "Configuration"]),
    ],
    // Every product below is used only with its trait on, so a build with
    // `--disable-default-traits` (Scripts/test.sh's standalone step) compiles none of them.
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
        .package(path: "../CacheManager"),
        .package(path: "../CacheObservability"),
        .package(path: "../CacheRedis", traits: [.trait(name: "Redis", condition: .when(traits: ["Redis"]))]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(
            url: "https://github.com/apple/swift-configuration",
            from: "1.4.0",
            traits: [
                .trait(name: "JSON", condition: .when(traits: ["Configuration"])),
                .trait(name: "YAML", condition: .when(traits: ["Configuration"])),
                .trait(name: "Reloading", condition: .when(traits: ["Configuration"])),
            ]
        ),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "CacheLifecycle",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "CacheObservability", package: "CacheObservability", condition: serviceLifecycle),
                .product(name: "CacheRedis", package: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: serviceLifecycle),
            ]
        ),
        .testTarget(
            name: "CacheLifecycleTests",
            dependencies: [
                "CacheLifecycle",
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "CacheObservability", package: "CacheObservability", condition: serviceLifecycle),
                .product(name: "CacheRedis", package: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: serviceLifecycle),
                .product(
                    name: "ServiceLifecycleTestKit",
                    package: "swift-service-lifecycle",
                    condition: serviceLifecycle
                ),
                .product(name: "Logging", package: "swift-log", condition: serviceLifecycle),
                .product(name: "MetricsTestKit", package: "swift-metrics", condition: serviceLifecycle),
            ]
        ),
        .target(
            name: "CacheConfigReader",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "Configuration", package: "swift-configuration", condition: configuration),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: configuration),
            ]
        ),
        .testTarget(
            name: "CacheConfigReaderTests",
            dependencies: [
                "CacheConfigReader",
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "CacheManagement", package: "CacheManager"),
                .product(name: "Configuration", package: "swift-configuration", condition: configuration),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: configuration),
                .product(name: "Logging", package: "swift-log", condition: configuration),
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
