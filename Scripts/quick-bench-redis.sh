#!/usr/bin/env bash
# A quick release-mode measurement of RedisCache.get throughput against a local redis-server,
# next to redis-benchmark's GET at the same concurrency on the same server: 1 caller, then 16
# concurrent callers, 3 rounds each, medians reported. Both read one key holding a 3-byte value
# (redis-benchmark's default size; RedisCache stores the JSON "xxx", 5 bytes).
#
#   Scripts/quick-bench-redis.sh [requests per run, default 100000]
#
# RedisCache runs once with as many pooled connections as callers (redis-benchmark opens one
# connection per client) and once with the default pool of 4 (commands pipelined on them).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
requests=${1:-100000}
scratch=${QUICK_BENCH_DIR:-$(mktemp -d)}
server_dir=$(mktemp -d)
trap '"$repo/Scripts/redis-server.sh" stop "$server_dir/server" > /dev/null || true; rm -rf "$server_dir"' EXIT
port=$("$repo/Scripts/redis-server.sh" start "$server_dir/server" --appendonly no)

mkdir -p "$scratch/Sources/QuickBenchRedis"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "QuickBenchRedis",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-caching", path: "$repo", traits: ["Redis"])],
    targets: [
        .executableTarget(
            name: "QuickBenchRedis",
            dependencies: [.product(name: "CacheRedis", package: "swift-caching")]
        )
    ]
)
SWIFT
cat > "$scratch/Sources/QuickBenchRedis/main.swift" <<'SWIFT'
import CacheRedis

// QuickBenchRedis PORT CALLERS CONNECTIONS REQUESTS: prints gets per second.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let (port, callers, connections, requests) = (arguments[0], arguments[1], arguments[2], arguments[3])
let client = try RedisClient(
    configuration: RedisConfiguration(host: "127.0.0.1", port: port, maximumConnections: connections)
)
let cache = RedisCache<String, String>(client: client, namespace: "bench", publishesInvalidations: false)
try await cache.set("key", "xxx")
func run(_ count: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<callers {
            group.addTask {
                for _ in 0..<(count / callers) {
                    guard try await cache.get("key") == "xxx" else { fatalError("wrong value") }
                }
            }
        }
        try await group.waitForAll()
    }
}
try await run(callers * 500)
let elapsed = try await ContinuousClock().measure { try await run(requests) }
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(Int(Double(requests / callers * callers) / seconds))
await client.close()
SWIFT

(cd "$scratch" && swift build -c release --product QuickBenchRedis > /dev/null)
bench="$scratch/.build/release/QuickBenchRedis"
median() { sort -n | sed -n 2p; }
redis_benchmark() {
    redis-benchmark -p "$port" -t get -n "$requests" -c "$1" -P 1 -q --csv | tail -1 | cut -d, -f2 | tr -d '"' | cut -d. -f1
}
echo "RedisCache.get vs redis-benchmark -t get, $requests requests per run, median of 3 (gets/s)"
printf '%-8s %-22s %-26s %s\n' callers "redis-benchmark" "RedisCache (pool=callers)" "RedisCache (pool=4)"
for callers in 1 16; do
    reference=$(for _ in 1 2 3; do redis_benchmark "$callers"; done | median)
    ours=$(for _ in 1 2 3; do "$bench" "$port" "$callers" "$callers" "$requests"; done | median)
    pooled=$(for _ in 1 2 3; do "$bench" "$port" "$callers" 4 "$requests"; done | median)
    printf '%-8s %-22s %-26s %s\n' "$callers" "$reference" "$ours" "$pooled"
done
