#!/usr/bin/env bash
# A quick release-mode measurement of RedisCache.get throughput against a local redis-server,
# next to redis-benchmark's GET at the same concurrency on the same server: 1 caller, then 16
# concurrent callers, 3 rounds each, medians reported. Both read one key holding a 3-byte value
# (redis-benchmark's default size; RedisCache stores the JSON "xxx", 5 bytes).
#
#   Scripts/quick-bench-redis.sh [requests per run, default 100000]
#   Scripts/quick-bench-redis.sh --cluster [requests per run, default 100000]
#
# RedisCache runs once with as many pooled connections as callers (redis-benchmark opens one
# connection per client) and once with the default pool of 4 (commands pipelined on them).
#
# --cluster compares a local Redis Cluster of 3 masters and 3 replicas (Scripts/redis-cluster.sh)
# with one node, reading 1,000 keys in turn (spread over the masters) at 16 concurrent callers:
# RedisCache.get with the default pool of 4 per node, and redis-benchmark -t get -r 1000 (with
# --cluster against the cluster).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cluster=no
if [[ "${1:-}" == --cluster ]]; then
    cluster=yes
    shift
fi
requests=${1:-100000}
scratch=${QUICK_BENCH_DIR:-$(mktemp -d)}
server_dir=$(mktemp -d)
stop_servers() {
    "$repo/Scripts/redis-server.sh" stop "$server_dir/server" > /dev/null || true
    if [[ -d "$server_dir/cluster" ]]; then "$repo/Scripts/redis-cluster.sh" stop "$server_dir/cluster" || true; fi
    rm -rf "$server_dir"
}
trap stop_servers EXIT
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

// QuickBenchRedis URL CALLERS CONNECTIONS REQUESTS [KEYS]: prints gets per second, reading KEYS
// keys (default 1) in turn; a URL with several hosts is a cluster.
let url = CommandLine.arguments[1]
let arguments = CommandLine.arguments.dropFirst(2).compactMap { Int($0) }
let (callers, connections, requests) = (arguments[0], arguments[1], arguments[2])
let keys = (0..<(arguments.count > 3 ? arguments[3] : 1)).map { $0 == 0 ? "key" : "key\($0)" }
var configuration = try RedisConfiguration(url: url)
configuration.maximumConnections = connections
let client = try RedisClient(configuration: configuration)
let cache = RedisCache<String, String>(client: client, namespace: "bench", publishesInvalidations: false)
try await cache.setMany(keys.map { ($0, "xxx") }, ttl: nil)
func run(_ count: Int) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for caller in 0..<callers {
            group.addTask {
                for index in 0..<(count / callers) {
                    let key = keys[(caller + index * callers) % keys.count]
                    guard try await cache.get(key) == "xxx" else { fatalError("wrong value") }
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
if [[ $cluster == yes ]]; then
    seeds=$("$repo/Scripts/redis-cluster.sh" start "$server_dir/cluster")
    seed_port=${seeds#redis://127.0.0.1:}
    seed_port=${seed_port%%,*}
    get_rate() {
        redis-benchmark "$@" -t get -n "$requests" -c 16 -r 1000 -P 1 -q --csv | tail -1 | cut -d, -f2 | tr -d '"' | cut -d. -f1
    }
    echo "gets/s, 16 callers, 1000 keys, $requests requests per run, median of 3"
    printf '%-34s %-18s %s\n' target "redis-benchmark" "RedisCache (pool=4 per node)"
    single_reference=$(for _ in 1 2 3; do get_rate -p "$port"; done | median)
    single=$(for _ in 1 2 3; do "$bench" "redis://127.0.0.1:$port" 16 4 "$requests" 1000; done | median)
    printf '%-34s %-18s %s\n' "one node" "$single_reference" "$single"
    cluster_reference=$(for _ in 1 2 3; do get_rate --cluster -p "$seed_port"; done | median)
    clustered=$(for _ in 1 2 3; do "$bench" "$seeds" 16 4 "$requests" 1000; done | median)
    printf '%-34s %-18s %s\n' "cluster, 3 masters + 3 replicas" "$cluster_reference" "$clustered"
    exit 0
fi
redis_benchmark() {
    redis-benchmark -p "$port" -t get -n "$requests" -c "$1" -P 1 -q --csv | tail -1 | cut -d, -f2 | tr -d '"' | cut -d. -f1
}
echo "RedisCache.get vs redis-benchmark -t get, $requests requests per run, median of 3 (gets/s)"
printf '%-8s %-22s %-26s %s\n' callers "redis-benchmark" "RedisCache (pool=callers)" "RedisCache (pool=4)"
for callers in 1 16; do
    reference=$(for _ in 1 2 3; do redis_benchmark "$callers"; done | median)
    ours=$(for _ in 1 2 3; do "$bench" "redis://127.0.0.1:$port" "$callers" "$callers" "$requests"; done | median)
    pooled=$(for _ in 1 2 3; do "$bench" "redis://127.0.0.1:$port" "$callers" 4 "$requests"; done | median)
    printf '%-8s %-22s %-26s %s\n' "$callers" "$reference" "$ours" "$pooled"
done
