// swift-tools-version: 6.2
// Standalone manifest of MemoizationMacros; the root Package.swift declares the same targets.
//
// The root gates swift-syntax and the macro behind the package trait `Macros`, off by default,
// and the sources are guarded by `#if Macros`. Here the trait exists only to define that
// condition, so it is on by default: this package is the macro.
import CompilerPluginSupport
import PackageDescription

let macros: TargetDependencyCondition? = .when(traits: ["Macros"])

let package = Package(
    name: "MemoizationMacros",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "MemoizationMacros", targets: ["MemoizationMacros"])
    ],
    traits: [
        .trait(name: "Macros", description: "The @Memoized macro (builds swift-syntax)."),
        .default(enabledTraits: ["Macros"]),
    ],
    dependencies: [
        .package(path: "../CacheCore"),
        .package(path: "../CachePolicies"),
        .package(path: "../Memoization"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
    ],
    targets: [
        .target(
            name: "MemoizationMacros",
            dependencies: [
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "Memoization", package: "Memoization"),
                .target(name: "MemoizationMacrosPlugin", condition: macros),
            ]
        ),
        .macro(
            name: "MemoizationMacrosPlugin",
            dependencies: [
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax", condition: macros),
                .product(name: "SwiftDiagnostics", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntax", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax", condition: macros),
            ]
        ),
        .testTarget(
            name: "MemoizationMacrosTests",
            dependencies: [
                "MemoizationMacros",
                .target(name: "MemoizationMacrosPlugin", condition: macros),
                .product(name: "CacheCore", package: "CacheCore"),
                .product(name: "CachePolicies", package: "CachePolicies"),
                .product(name: "Memoization", package: "Memoization"),
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax", condition: macros),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax", condition: macros),
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
