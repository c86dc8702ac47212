#!/usr/bin/env bash
# Times CacheRedis's RESP decoder on large array replies that arrive in many reads: an array of
# N bulk strings (14 bytes each: `$8\r\n` + 8 digits + `\r\n`) written in 64 KiB reads into a
# ByteToMessageHandler(RESPValueDecoder()) on an EmbeddedChannel, release build. Prints, for
# N = 1M and 3M, the reads and the best wall-clock time of the runs; a decoder that rescans the
# reply from its start on each read is quadratic here, one that resumes is linear.
#
#   Scripts/bench-resp-decoder.sh [--runs N] [--sources DIR] [ELEMENTS…]   (default 1000000 3000000)
#
# --sources DIR compiles the RESP sources in DIR instead of Packages/CacheRedis/Sources/CacheRedis/RESP,
# to time another version of the decoder, e.g. the one of a commit:
#   git archive COMMIT Packages/CacheRedis/Sources/CacheRedis/RESP | tar -x -C /tmp/old
#   Scripts/bench-resp-decoder.sh --sources /tmp/old/Packages/CacheRedis/Sources/CacheRedis/RESP
# Only the RESP sources and SwiftNIO's NIOCore and NIOEmbedded are built (in a scratch package,
# QUICK_BENCH_DIR or a temporary folder), so the first run takes a couple of minutes, later ones
# with the same QUICK_BENCH_DIR seconds.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sources="$repo/Packages/CacheRedis/Sources/CacheRedis/RESP"
other_sources=""
runs=3
sizes=()
while (($#)); do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --sources) sources=$(cd "$2" && pwd); other_sources=$sources; shift 2 ;;
        -*) echo "usage: Scripts/bench-resp-decoder.sh [--runs N] [--sources DIR] [ELEMENTS…]" >&2; exit 2 ;;
        *) sizes+=("$1"); shift ;;
    esac
done
((${#sizes[@]})) || sizes=(1000000 3000000)
scratch=${QUICK_BENCH_DIR:-$(mktemp -d)}
[[ -n "${QUICK_BENCH_DIR:-}" ]] || trap 'rm -rf "$scratch"' EXIT

target="$scratch/Sources/RESPDecoderBench"
rm -rf "$target"
mkdir -p "$target"
cp "$sources"/*.swift "$target/"
cat > "$scratch/Package.swift" <<'SWIFT'
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "RESPDecoderBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.101.3")],
    targets: [
        .executableTarget(
            name: "RESPDecoderBench",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: [.define("Redis")]
        )
    ]
)
SWIFT
cat > "$target/main.swift" <<'SWIFT'
import NIOCore
import NIOEmbedded

// RESPDecoderBench ELEMENTS RUNS: prints the reads and the best time of RUNS decodes.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let (elements, runs) = (arguments[0], arguments[1])
let readSize = 64 * 1024
var reply = ByteBuffer()
reply.writeString("*\(elements)\r\n")
for index in 0..<elements {
    let digits = String(index)
    reply.writeString("$8\r\n\(String(repeating: "0", count: 8 - digits.count))\(digits)\r\n")
}
let reads = (reply.readableBytes + readSize - 1) / readSize
var best = Duration.seconds(1_000_000)
for _ in 0..<runs {
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(RESPValueDecoder()))
    var bytes = reply
    let elapsed = try ContinuousClock().measure {
        while bytes.readableBytes > 0 {
            try channel.writeInbound(bytes.readSlice(length: min(readSize, bytes.readableBytes))!)
        }
    }
    guard case .array(let decoded)? = try channel.readInbound(as: RESPValue.self), decoded.count == elements,
        decoded.last?.string == String(elements - 1).leftPadded(to: 8)
    else { fatalError("the reply was not decoded") }
    _ = try channel.finish()
    best = min(best, elapsed)
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
print("\(elements) elements, \(reply.readableBytes) bytes in \(reads) reads of 64 KiB: \((seconds * 100).rounded() / 100) s")

extension String {
    /// The string with zeros before it, `width` characters in all.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: width - count) + self }
}
SWIFT

if ! (cd "$scratch" && swift build -c release --product RESPDecoderBench > "$scratch/build.log" 2>&1); then
    cat "$scratch/build.log" >&2
    exit 1
fi
bench="$scratch/.build/release/RESPDecoderBench"
echo "RESP decoder, best of $runs runs${other_sources:+, sources $other_sources}"
for size in "${sizes[@]}"; do "$bench" "$size" "$runs"; done
