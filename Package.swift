// swift-tools-version: 6.2
//
// swift-caching: the manifest users depend on (`.package(url: …, from: "1.0.0")`).
//
// Every module lives in `Packages/<Package>/Sources/<Module>` and is declared here by path, with
// one library product per module; each `Packages/<Package>/Package.swift` declares the same
// targets standalone. `Scripts/check-manifests.sh` keeps the two in step. See Docs/ARCHITECTURE.md.
import CompilerPluginSupport
import PackageDescription

/// Targets and products that need swift-syntax build only with the package trait `Macros`.
let macros: TargetDependencyCondition? = .when(traits: ["Macros"])
/// The swift-service-lifecycle and swift-configuration products build only with the traits
/// `ServiceLifecycle` and `Configuration`.
let serviceLifecycle: TargetDependencyCondition? = .when(traits: ["ServiceLifecycle"])
let configuration: TargetDependencyCondition? = .when(traits: ["Configuration"])

/// `CACHE_INTERNAL_CHECKS=1` compiles the engine with its invariant checks after every operation
/// (the test script turns it on; never for release builds).
let internalChecks: [SwiftSetting] =
    Context.environment["CACHE_INTERNAL_CHECKS"] != nil ? [.define("CACHE_INTERNAL_CHECKS")] : []

let package = Package(
    name: "swift-caching",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Caching", targets: ["Caching"]),
        .library(name: "CacheCore", targets: ["CacheCore"]),
        .library(name: "CachePolicies", targets: ["CachePolicies"]),
        .library(name: "WeakValueStore", targets: ["WeakValueStore"]),
        .library(name: "ExpiringDictCompat", targets: ["ExpiringDictCompat"]),
        .library(name: "CacheSimulation", targets: ["CacheSimulation"]),
        .library(name: "CacheManagement", targets: ["CacheManagement"]),
        .library(name: "Memoization", targets: ["Memoization"]),
        .library(name: "CacheObservability", targets: ["CacheObservability"]),
        .library(name: "MemoizationMacros", targets: ["MemoizationMacros"]),
        // Empty unless the trait `Redis` is on.
        .library(name: "CacheRedis", targets: ["CacheRedis"]),
        // Empty unless the trait `ServiceLifecycle` is on (its Redis services need `Redis` too).
        .library(name: "CacheLifecycle", targets: ["CacheLifecycle"]),
        // Empty unless the trait `Configuration` is on.
        .library(name: "CacheConfigReader", targets: ["CacheConfigReader"]),
        // Empty unless the trait `Hummingbird` is on (its RedisCache driver needs `Redis` too).
        .library(name: "CacheHummingbird", targets: ["CacheHummingbird"]),
        // Empty unless the trait `Vapor` is on (its RedisCache driver needs `Redis` too).
        .library(name: "CacheVapor", targets: ["CacheVapor"]),
        .executable(name: "cachesim", targets: ["cachesim"]),
        .executable(name: "cache-registry", targets: ["cache-registry"]),
        .plugin(name: "GenerateCacheRegistry", targets: ["GenerateCacheRegistry"]),
        .plugin(name: "CacheRegistryBuildPlugin", targets: ["CacheRegistryBuildPlugin"]),
    ],
    traits: [
        // Off by default: users who do not use `@Memoized` never fetch swift-syntax.
        .trait(name: "Macros", description: "The @Memoized macro (product MemoizationMacros; builds swift-syntax)."),
        .trait(
            name: "Redis",
            description: "CacheRedis: RedisCache and a Redis client on SwiftNIO (fetches swift-nio and swift-nio-ssl)"
        ),
        .trait(
            name: "ServiceLifecycle",
            description: "CacheLifecycle: the sweeper, observer and Redis client as swift-service-lifecycle services"
        ),
        .trait(
            name: "Configuration",
            description: "CacheConfigReader: caches and managers from apple/swift-configuration, reconfigured live"
        ),
        .trait(
            name: "Hummingbird",
            description: "CacheHummingbird: a Hummingbird PersistDriver and response-caching middleware over the caches"
        ),
        .trait(
            name: "Vapor",
            description: "CacheVapor: Vapor's Cache (app.caches) over a Cache, a LayeredCache or a RedisCache"
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Only the registry tool uses Yams; SwiftPM builds it only when a plugin runs the tool.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
        // Only CacheRedis uses them, and only with the trait `Redis`: consumers without it never fetch them.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Only CacheObservability uses swift-metrics and swift-log.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Only CacheLifecycle and CacheConfigReader use them, with the traits `ServiceLifecycle` and
        // `Configuration`; swift-configuration's own traits are on only with ours.
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
        // Only CacheHummingbird and the example server of Docs/Examples use them, with the trait
        // `Hummingbird`: consumers without it never fetch them.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Only CacheVapor uses it, with the trait `Vapor`: consumers without it never fetch it.
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
    ],
    targets: [
        // MARK: CacheCore — protocols and shared vocabulary; standard library + Synchronization.
        .target(name: "CacheCore", path: "Packages/CacheCore/Sources/CacheCore"),
        .testTarget(
            name: "CacheCoreTests",
            dependencies: ["CacheCore"],
            path: "Packages/CacheCore/Tests/CacheCoreTests"
        ),

        // MARK: CachePolicies — the Cache engine and the built-in eviction policies.
        .target(
            name: "CachePolicies",
            dependencies: ["CacheCore"],
            path: "Packages/CachePolicies/Sources/CachePolicies",
            swiftSettings: internalChecks
        ),
        .target(
            name: "_CacheTestSupport",
            dependencies: ["CachePolicies", "CacheCore"],
            path: "Packages/CachePolicies/Tests/_CacheTestSupport"
        ),
        .testTarget(
            name: "CachePoliciesTests",
            dependencies: ["CachePolicies", "_CacheTestSupport", "CacheCore"],
            path: "Packages/CachePolicies/Tests/CachePoliciesTests"
        ),

        // MARK: WeakValueStore — WeakValueCache: values held weakly, plus a strong keep-alive.
        .target(
            name: "WeakValueStore",
            dependencies: ["CacheCore", "CachePolicies"],
            path: "Packages/WeakValueStore/Sources/WeakValueStore"
        ),
        .testTarget(
            name: "WeakValueStoreTests",
            dependencies: ["WeakValueStore", "CacheCore", "CachePolicies"],
            path: "Packages/WeakValueStore/Tests/WeakValueStoreTests"
        ),

        // MARK: ExpiringDict — ExpiringDict, Python's expiringdict on the Cache engine.
        .target(
            name: "ExpiringDictCompat",
            dependencies: ["CacheCore", "CachePolicies"],
            path: "Packages/ExpiringDict/Sources/ExpiringDictCompat"
        ),
        .testTarget(
            name: "ExpiringDictCompatTests",
            dependencies: ["ExpiringDictCompat", "CacheCore", "CachePolicies"],
            path: "Packages/ExpiringDict/Tests/ExpiringDictCompatTests"
        ),

        // MARK: CacheSimulator — `cachesim` and the replay library behind it.
        .target(
            name: "CacheSimulation",
            dependencies: ["CacheCore", "CachePolicies"],
            path: "Packages/CacheSimulator/Sources/CacheSimulation"
        ),
        .executableTarget(
            name: "cachesim",
            dependencies: [
                "CacheSimulation",
                "CachePolicies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Packages/CacheSimulator/Sources/cachesim"
        ),
        .testTarget(
            name: "CacheSimulationTests",
            dependencies: ["CacheSimulation", "CachePolicies"],
            path: "Packages/CacheSimulator/Tests/CacheSimulationTests"
        ),
        .testTarget(
            name: "CacheSimulatorCommandTests",
            dependencies: [
                "cachesim", "CacheSimulation", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Packages/CacheSimulator/Tests/CacheSimulatorCommandTests"
        ),

        // MARK: CacheManager — CacheManager, LayeredCache, CacheConfiguration.
        .target(
            name: "CacheManagement",
            dependencies: ["CacheCore", "CachePolicies"],
            path: "Packages/CacheManager/Sources/CacheManagement"
        ),
        .testTarget(
            name: "CacheManagementTests",
            dependencies: ["CacheManagement", "CacheCore", "CachePolicies"],
            path: "Packages/CacheManager/Tests/CacheManagementTests"
        ),

        // MARK: CacheRedis — RedisCache and its Redis client (SwiftNIO), behind the trait `Redis`.
        // SwiftPM compiles every root target even with the trait off, so the sources are in `#if Redis`.
        .target(
            name: "CacheRedis",
            dependencies: [
                "CacheCore",
                "CacheManagement",
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["Redis"])),
            ],
            path: "Packages/CacheRedis/Sources/CacheRedis"
        ),
        .testTarget(
            name: "CacheRedisTests",
            dependencies: [
                "CacheRedis",
                "CacheCore",
                "CacheManagement",
                "CachePolicies",
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOEmbedded", package: "swift-nio", condition: .when(traits: ["Redis"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["Redis"])),
            ],
            path: "Packages/CacheRedis/Tests/CacheRedisTests"
        ),

        // MARK: CacheRegistryTool — `cache-registry`, and the plugins that run it.
        .target(
            name: "CacheRegistryGeneration",
            dependencies: ["CacheCore", "CacheManagement", .product(name: "Yams", package: "Yams")],
            path: "Packages/CacheRegistryTool/Sources/CacheRegistryGeneration"
        ),
        .executableTarget(
            name: "cache-registry",
            dependencies: [
                "CacheRegistryGeneration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Packages/CacheRegistryTool/Sources/cache-registry"
        ),
        .testTarget(
            name: "CacheRegistryGenerationTests",
            dependencies: ["CacheRegistryGeneration", "CacheCore", "CacheManagement"],
            path: "Packages/CacheRegistryTool/Tests/CacheRegistryGenerationTests"
        ),
        .plugin(
            name: "GenerateCacheRegistry",
            capability: .command(
                intent: .custom(
                    verb: "generate-cache-registry",
                    description: "Generates a typed cache registry from a target's caches.yml"
                ),
                permissions: [
                    .writeToPackageDirectory(reason: "The registry is a Swift file written into the target's sources.")
                ]
            ),
            dependencies: ["cache-registry"],
            path: "Plugins/GenerateCacheRegistry"
        ),
        .plugin(
            name: "CacheRegistryBuildPlugin",
            capability: .buildTool(),
            dependencies: ["cache-registry"],
            path: "Plugins/CacheRegistryBuildPlugin"
        ),

        // MARK: Memoization — memoize(…) and the memoization cache; standard library + engine.
        .target(
            name: "Memoization",
            dependencies: ["CacheCore", "CachePolicies"],
            path: "Packages/Memoization/Sources/Memoization"
        ),
        .testTarget(
            name: "MemoizationTests",
            dependencies: ["Memoization", "CacheCore", "CachePolicies"],
            path: "Packages/Memoization/Tests/MemoizationTests"
        ),

        // MARK: MemoizationMacros — @Memoized; swift-syntax, only with the trait `Macros`.
        // With the trait off these targets still build (their sources are `#if Macros`), empty.
        .target(
            name: "MemoizationMacros",
            dependencies: [
                "CacheCore",
                "CachePolicies",
                "Memoization",
                .target(name: "MemoizationMacrosPlugin", condition: macros),
            ],
            path: "Packages/MemoizationMacros/Sources/MemoizationMacros"
        ),
        .macro(
            name: "MemoizationMacrosPlugin",
            dependencies: [
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax", condition: macros),
                .product(name: "SwiftDiagnostics", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntax", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax", condition: macros),
            ],
            path: "Packages/MemoizationMacros/Sources/MemoizationMacrosPlugin"
        ),
        .testTarget(
            name: "MemoizationMacrosTests",
            dependencies: [
                "MemoizationMacros",
                .target(name: "MemoizationMacrosPlugin", condition: macros),
                "CacheCore",
                "CachePolicies",
                "Memoization",
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax", condition: macros),
            ],
            path: "Packages/MemoizationMacros/Tests/MemoizationMacrosTests"
        ),

        // MARK: CacheObservability — stats and events to swift-metrics and swift-log.
        .target(
            name: "CacheObservability",
            dependencies: [
                "CacheCore", "CachePolicies", "CacheManagement",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Packages/CacheObservability/Sources/CacheObservability"
        ),
        .testTarget(
            name: "CacheObservabilityTests",
            dependencies: [
                "CacheObservability", "CacheCore", "CachePolicies", "CacheManagement",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            path: "Packages/CacheObservability/Tests/CacheObservabilityTests"
        ),

        // MARK: CacheServices — swift-service-lifecycle services and swift-configuration set-up.
        // Each module's sources are in `#if ServiceLifecycle` / `#if Configuration`, as CacheRedis's.
        .target(
            name: "CacheLifecycle",
            dependencies: [
                "CacheCore", "CachePolicies", "CacheManagement",
                .target(name: "CacheObservability", condition: serviceLifecycle),
                .target(name: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: serviceLifecycle),
            ],
            path: "Packages/CacheServices/Sources/CacheLifecycle"
        ),
        .testTarget(
            name: "CacheLifecycleTests",
            dependencies: [
                "CacheLifecycle", "CacheCore", "CachePolicies", "CacheManagement",
                .target(name: "CacheObservability", condition: serviceLifecycle),
                .target(name: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: serviceLifecycle),
                .product(
                    name: "ServiceLifecycleTestKit",
                    package: "swift-service-lifecycle",
                    condition: serviceLifecycle
                ),
                .product(name: "Logging", package: "swift-log", condition: serviceLifecycle),
                .product(name: "MetricsTestKit", package: "swift-metrics", condition: serviceLifecycle),
            ],
            path: "Packages/CacheServices/Tests/CacheLifecycleTests"
        ),
        .target(
            name: "CacheConfigReader",
            dependencies: [
                "CacheCore", "CachePolicies", "CacheManagement",
                .product(name: "Configuration", package: "swift-configuration", condition: configuration),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: configuration),
            ],
            path: "Packages/CacheServices/Sources/CacheConfigReader"
        ),
        .testTarget(
            name: "CacheConfigReaderTests",
            dependencies: [
                "CacheConfigReader", "CacheCore", "CachePolicies", "CacheManagement",
                .product(name: "Configuration", package: "swift-configuration", condition: configuration),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: configuration),
                .product(name: "Logging", package: "swift-log", condition: configuration),
            ],
            path: "Packages/CacheServices/Tests/CacheConfigReaderTests"
        ),

        // MARK: CacheVapor — Vapor's Cache protocol over the caches, behind the trait `Vapor`.
        // Its sources are in `#if Vapor` (the RedisCache driver in `#if Vapor && Redis`).
        .target(
            name: "CacheVapor",
            dependencies: [
                "CacheCore", "CachePolicies", "CacheManagement",
                .target(name: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Vapor"])),
                .product(name: "Vapor", package: "vapor", condition: .when(traits: ["Vapor"])),
            ],
            path: "Packages/CacheVapor/Sources/CacheVapor"
        ),
        .testTarget(
            name: "CacheVaporTests",
            dependencies: [
                "CacheVapor", "CacheCore", "CachePolicies", "CacheManagement",
                .target(name: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Vapor"])),
                .product(name: "Vapor", package: "vapor", condition: .when(traits: ["Vapor"])),
                .product(name: "VaporTesting", package: "vapor", condition: .when(traits: ["Vapor"])),
            ],
            path: "Packages/CacheVapor/Tests/CacheVaporTests"
        ),

        // MARK: CacheHummingbird — a PersistDriver and a response cache, behind the trait `Hummingbird`.
        // Its sources are in `#if Hummingbird` (the RedisCache driver in `#if Hummingbird && Redis`).
        .target(
            name: "CacheHummingbird",
            dependencies: [
                "CacheCore", "CachePolicies", "CacheManagement",
                .target(name: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(traits: ["Hummingbird"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Hummingbird"])),
            ],
            path: "Packages/CacheHummingbird/Sources/CacheHummingbird"
        ),
        .testTarget(
            name: "CacheHummingbirdTests",
            dependencies: [
                "CacheHummingbird", "CacheCore", "CachePolicies", "CacheManagement",
                .target(name: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
                .product(
                    name: "HummingbirdTesting",
                    package: "hummingbird",
                    condition: .when(traits: ["Hummingbird"])
                ),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Hummingbird"])),
            ],
            path: "Packages/CacheHummingbird/Tests/CacheHummingbirdTests"
        ),
        // The example server of Docs/Examples/CachingServer (no product: no consumer builds it),
        // and the test that starts it; both empty unless the trait `Hummingbird` is on.
        .executableTarget(
            name: "CachingServer",
            dependencies: [
                "CacheCore", "CachePolicies", "CacheManagement",
                .target(name: "CacheRedis", condition: .when(traits: ["Redis"])),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
                .product(name: "Prometheus", package: "swift-prometheus", condition: .when(traits: ["Hummingbird"])),
            ],
            path: "Docs/Examples/CachingServer",
            exclude: ["README.md", "products.lua"]
        ),
        .testTarget(
            name: "CachingServerTests",
            dependencies: [
                "CachingServer",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
                .product(
                    name: "HummingbirdTesting",
                    package: "hummingbird",
                    condition: .when(traits: ["Hummingbird"])
                ),
            ],
            path: "Tests/CachingServerTests"
        ),

        // MARK: Caching — the umbrella.
        .target(
            name: "Caching",
            dependencies: [
                "CacheCore", "CachePolicies", "WeakValueStore", "ExpiringDictCompat", "Memoization", "CacheManagement",
            ],
            path: "Packages/Caching/Sources/Caching"
        ),
        .testTarget(
            name: "CachingTests",
            dependencies: ["Caching"],
            path: "Packages/Caching/Tests/CachingTests"
        ),

        // MARK: Cross-package tests.
        .target(
            name: "CustomPolicyExample",
            dependencies: ["CacheCore"],
            path: "Tests/CustomPolicyExample"
        ),
        .testTarget(name: "PluginEndToEndTests", path: "Tests/PluginEndToEndTests"),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Caching", "CustomPolicyExample", "_CacheTestSupport"],
            path: "Tests/IntegrationTests"
        ),
    ]
)

for target in package.targets where target.type != .plugin {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}

// MARK: Documentation examples.
// Each file of Docs/Snippets is an example of the DocC catalogs and the README, and an executable
// of its own that may use every library product: the builds of CI compile them, `Scripts/docs.sh`
// runs them (their hidden `precondition`s check what the text says) and hands them to DocC as
// snippets. They are no product, so no consumer ever builds them. Declared after the loop
// above: they are compiled as a user's code is, without its upcoming features.
// The framework drivers are left out: no snippet uses them, and each snippet would otherwise link
// Hummingbird and Vapor.
let frameworkDrivers: Set = ["CacheHummingbird", "CacheVapor"]
let documentationLibraries = package.products.compactMap { $0 as? Product.Library }.flatMap(\.targets)
    .filter { !frameworkDrivers.contains($0) }
let documentationSnippets = [
    "CustomPolicy", "Expiration", "ExpiringDictionary", "Layering", "Loading", "MemoizedDeclarations",
    "MemoizingFunctions", "NamedCaches", "PolicyReplay", "RedisLayer", "Tour", "Updating", "WeakValues",
]
package.targets += documentationSnippets.map { name in
    .executableTarget(
        name: name,
        dependencies: documentationLibraries.map { .target(name: $0) },
        path: "Docs/Snippets",
        exclude: documentationSnippets.filter { $0 != name }.map { "\($0).swift" },
        sources: ["\(name).swift"]
    )
}
