// swift-tools-version: 6.2
// The libFuzzer target of CacheRedis's RESP decoder (Linux, where the toolchain ships libFuzzer),
// in a package of its own so that only the decoder is built with the fuzzer's instrumentation:
// its sources are CacheRedis's own (Sources/RESPDecoderFuzzer/RESP is a symbolic link to
// Packages/CacheRedis/Sources/CacheRedis/RESP), compiled with SwiftNIO's NIOCore alone (no
// NIOPosix, no BoringSSL). Scripts/fuzz-resp.sh builds and runs it; the seeds are in corpus/.
import PackageDescription

let package = Package(
    name: "CacheRedisFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3")
    ],
    targets: [
        .executableTarget(
            name: "RESPDecoderFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: [
                // CacheRedis's sources are in `#if Redis`, the trait that compiles them.
                .define("Redis"),
                // Coverage for libFuzzer, in these sources only; the entry point is
                // LLVMFuzzerTestOneInput, run by libFuzzer's driver (CFuzzerDriver), not `main`.
                .unsafeFlags(["-sanitize=fuzzer", "-parse-as-library"]),
            ],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
        ),
        .target(name: "CFuzzerDriver"),
    ]
)
