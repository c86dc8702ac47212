#!/usr/bin/env bash
# Builds a scratch package that depends on swift-caching by path and uses only the product
# CachePolicies, then checks which modules were compiled: CacheCore and CachePolicies, nothing
# else (no swift-argument-parser, no Foundation-based module), and that swift-syntax, which only
# the trait Macros needs, was not even fetched. Also checks that the engine modules (and
# Memoization) import nothing beyond each other, the standard library, Synchronization and the
# C library.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

bad_imports=$(grep -rhoE '^(@[A-Za-z_(]+[^ ]* )*import [A-Za-z_]+' \
    Packages/CacheCore/Sources Packages/CachePolicies/Sources Packages/Memoization/Sources |
    sed -E 's/.*import //' | sort -u | grep -vxE 'CacheCore|CachePolicies|Synchronization|Glibc|Musl|Darwin|Android' || true)
if [[ -n "$bad_imports" ]]; then
    echo "check-minimal-consumer: the engine modules import $bad_imports" >&2
    exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/Sources/Consumer"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.2
import PackageDescription
let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-caching", path: "$repo")],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [.product(name: "CachePolicies", package: "swift-caching")])
    ]
)
SWIFT
cat > "$scratch/Sources/Consumer/main.swift" <<'SWIFT'
import CachePolicies
let cache = Cache<String, Int>(maxSize: 2, policy: .lru)
cache["a"] = 1
cache["b"] = 2
_ = cache["a"]
cache["c"] = 3
print(cache.keys == ["a", "c"] ? "LRU ok" : "LRU wrong: \(cache.keys)")
SWIFT
(cd "$scratch" && swift build 2>&1 | tail -n 3)
echo "fetched packages: $(ls "$scratch/.build/checkouts" 2>/dev/null | tr '\n' ' ')"
if [[ -e "$scratch/.build/checkouts/swift-syntax" ]]; then
    echo "check-minimal-consumer: swift-syntax was fetched; only the trait Macros needs it" >&2
    exit 1
fi
modules=$(cd "$scratch" && find .build/debug/Modules -name '*.swiftmodule' -exec basename {} .swiftmodule \; | sort | tr '\n' ' ')
echo "compiled modules: $modules"
if [[ "$modules" != "CacheCore CachePolicies Consumer " ]]; then
    echo "check-minimal-consumer: expected only CacheCore, CachePolicies and Consumer" >&2
    exit 1
fi
(cd "$scratch" && swift run --skip-build Consumer)
