// swift-tools-version: 6.2
// Standalone manifest of CacheCore; the root Package.swift declares the same target (see Docs/ARCHITECTURE.md).
import PackageDescription

let package = Package(
    name: "CacheCore",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "CacheCore", targets: ["CacheCore"])
    ],
    targets: [
        .target(name: "CacheCore"),
        .testTarget(name: "CacheCoreTests", dependencies: ["CacheCore"]),
    ]
)

for target in package.targets {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
