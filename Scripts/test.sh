#!/usr/bin/env bash
# The test command of README.md, and what CI runs (.ci/run calls it).
#
#   Scripts/test.sh           everything below (cold on 2 cores: see README.md for the figure)
#   Scripts/test.sh --quick   for changes to the engine: formatting, then CacheCore and
#                             CachePolicies on their own with their model-based tests and the
#                             engine's invariant checks; no traits, nothing else built (a few minutes)
#
# 1. formatting (swift format lint --strict);
# 2. the root package: every test, with the engine's internal invariant checks compiled in
#    (CACHE_INTERNAL_CHECKS), every package trait on, and the registry plugins' end-to-end test
#    (CACHE_PLUGIN_E2E: builds a scratch consumer package, about a minute);
#    then the RESP decoder of CacheRedis fuzzed for a minute (Scripts/fuzz-resp.sh);
# 3. the documentation (Scripts/docs.sh, reusing step 2's build): every example in Docs/Snippets/
#    compiled and run, the README's examples checked against them, every DocC catalog built with
#    warnings as errors, so a broken link fails the run;
# 4. every standalone package under Packages/: build and test on its own (MemoizationMacros,
#    CacheRedis, CacheServices, CacheHummingbird and CacheVapor with their traits off:
#    swift-syntax, SwiftNIO, swift-service-lifecycle, swift-configuration, Hummingbird and Vapor
#    are built once per run, by step 2),
#    all in one scratch folder so that a sibling is compiled once, not once per package using it;
# 5. the concurrency tests under the thread sanitizer;
# 6. the root and standalone manifests describe the same targets;
# 7. a consumer of the CachePolicies product builds only CacheCore and CachePolicies;
# 8. the traces of Packages/CacheSimulator/Traces replayed in a release build: the deterministic
#    policies and OPT reproduce the reference hit counts exactly, W-TinyLFU meets its target.
#
# Everything it reads is in the repository. Environment: SKIP_STANDALONE=1 skips step 4.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
    "") ;;
    --quick) mode=quick ;;
    *) echo "usage: Scripts/test.sh [--quick]" >&2; exit 2 ;;
esac

start=$(date +%s)
step_start=$start
timings=()
# Starts a step, closing the previous one's timing.
section() {
    local now
    now=$(date +%s)
    [[ -n "${step_name:-}" ]] && timings+=("$(printf '%5ss  %s' $((now - step_start)) "$step_name")")
    step_name=$1
    step_start=$now
    printf '\n==> %s\n' "$*"
}
# Closes the last step and prints every step's time.
finish() {
    section "$1"
    printf '%s\n' "${timings[@]}"
}

section "Formatting"
Scripts/format.sh --lint

if [[ "$mode" == quick ]]; then
    for package in Packages/CacheCore Packages/CachePolicies; do
        section "Quick: $package with its invariant checks"
        (cd "$package" && CACHE_INTERNAL_CHECKS=1 swift test)
    done
    finish "Quick checks passed in $(($(date +%s) - start))s (Scripts/test.sh without --quick runs everything)"
    exit 0
fi

# One build configuration for both runs below, so the second builds nothing.
root_test=(env CACHE_INTERNAL_CHECKS=1 CACHE_PLUGIN_E2E=1 swift test --enable-all-traits)

section "Root package: all tests, internal checks on, all traits on, plugins end to end"
# The suites that talk to real servers under deadlines run on their own: beside the CPU-bound
# suites, whose synchronous test cases (dozens per parameterized test) queue on the cooperative
# pool's two threads for minutes, a continuation resumed by a connection waits behind them and a
# deadline set before it runs out (a Redis handshake "did not finish within 60 s" this way,
# until the client let the event loop send it).
# The Hummingbird and Vapor suites run their apps on SwiftNIO's event loops, with deadlines of
# their own, and some talk to Redis, so they run there too.
server_suites='CacheRedisTests|RedisServicesTests|CacheHummingbirdTests|CachingServerTests|CacheVaporTests'
"${root_test[@]}" --skip "$server_suites"

section "Root package: the suites that use servers (Redis, started by .ci/run; Hummingbird and Vapor apps)"
"${root_test[@]}" --filter "$server_suites"

section "CacheRedis: the RESP decoder under libFuzzer for 60 s"
# Its own small package: the decoder's sources and NIOCore only, in release (under a minute cold),
# so of SwiftNIO only NIOCore is built again; a crash, or split reads that disagree, fail the run.
Scripts/fuzz-resp.sh 60

section "Documentation: snippets, README examples, DocC catalogs"
# The environment of the root runs above, so that their build is reused.
CACHE_INTERNAL_CHECKS=1 Scripts/docs.sh

if [[ "${SKIP_STANDALONE:-0}" != 1 ]]; then
    for manifest in Packages/*/Package.swift; do
        package=$(dirname "$manifest")
        case "$package" in Packages/CacheBenchmarks) continue ;; esac
        section "Standalone: $package"
        # The macro's, CacheRedis's, CacheServices's and the framework drivers' sources and tests
        # are the ones step 2 built and ran with swift-syntax, SwiftNIO, swift-service-lifecycle,
        # swift-configuration, Hummingbird and Vapor (minutes to compile); here their manifests
        # build with their traits off, as for a consumer who does not ask for them.
        traits=()
        case "$package" in
            Packages/MemoizationMacros | Packages/CacheRedis | Packages/CacheServices | Packages/CacheHummingbird | Packages/CacheVapor)
                traits=(--disable-default-traits)
                ;;
        esac
        # One scratch folder for all of them: a package built for one (CacheCore, CachePolicies,
        # …) is not built again for the next, as its sources and settings are the same.
        scratch=(--scratch-path "$PWD/.build/standalone")
        (cd "$package" && swift build --build-tests "${traits[@]}" "${scratch[@]}" && swift test "${traits[@]}" "${scratch[@]}")
    done
fi

section "Thread sanitizer"
Scripts/tsan.sh

section "Manifests agree"
Scripts/check-manifests.sh

section "A CachePolicies consumer builds only CacheCore and CachePolicies"
Scripts/check-minimal-consumer.sh

section "Reference hit ratios: the traces of Packages/CacheSimulator/Traces, release build"
# In the standalone package, so that only the engine and the simulator are built in release.
# W-TinyLFU's sketch sees the keys' hash values; Swift seeds them per process, and on the
# 6,015-request loop of lirs-gli that moves W-TinyLFU by several points (Docs/HIT-RATIOS.md), so
# the target is checked with the seed fixed, as the doc's figures were taken.
(cd Packages/CacheSimulator && SWIFT_DETERMINISTIC_HASHING=1 CACHE_FULL_TRACES=1 swift test -c release --filter "ReferenceHitCountTests")

finish "All checks passed in $(($(date +%s) - start))s"
