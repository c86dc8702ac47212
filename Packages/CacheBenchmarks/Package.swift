// swift-tools-version: 6.1
// The benchmark suite (package-benchmark). Its own manifest only: it is never part of the root
// package graph, and depends on swift-caching by path, as swift-nio's Benchmarks package does.
// Run it with Scripts/bench.sh (or `swift package benchmark` here).
import PackageDescription

let package = Package(
    name: "CacheBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-caching", path: "../.."),
        // MallocInterposer instead of the default traits: the default RuntimeInterposer trait pulls
        // a repository the Swift 6.3 Linux mirror lacks, and its ARC metrics do not work there.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CacheBenchmarks",
            dependencies: [
                .product(name: "CachePolicies", package: "swift-caching"),
                .product(name: "CacheCore", package: "swift-caching"),
                .product(name: "Benchmark", package: "benchmark"),
                "CAllocatorStatistics",
            ],
            path: "Benchmarks/CacheBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .target(name: "CAllocatorStatistics", path: "Benchmarks/CAllocatorStatistics"),
    ]
)

for target in package.targets where target.name != "CAllocatorStatistics" {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
