#!/usr/bin/env bash
# Runs the concurrency tests under the thread sanitizer, in a build folder of their own so the
# sanitized build does not invalidate the normal one. Fails on any ThreadSanitizer report.
#
# -DCACHE_TSAN makes every lock taken through `Mutex.withAnnotatedLock` (CacheCore) tell the
# sanitizer about its happens-before edges: a contended Linux Mutex is handed over by the kernel in
# the standard library's uninstrumented slow path, which the sanitizer cannot see.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
filter='Concurrency|Async loading|LoadingTests'
# Every package trait but `Macros`, `Redis`, `ServiceLifecycle`, `Configuration`, `Hummingbird`
# and `Vapor`. Macro expansion runs in the compiler, where the sanitizer has nothing to check,
# and an instrumented swift-syntax would cost minutes of build.
# CacheRedis's concurrency suite runs in the root test step instead: under the sanitizer,
# SwiftNIO's `EventLoopFuture.get()` resuming a continuation from an event-loop thread is
# reported as a race on the Swift Concurrency task allocator's memory (a write in
# `withUnsafeThrowingContinuation`, a read in `resume`), which the runtime orders but does not
# annotate; and an instrumented SwiftNIO costs minutes of build. The other four only add modules
# none of whose tests match the filter (the framework drivers' tests go through their
# frameworks' own testing tools, on SwiftNIO): instrumenting swift-service-lifecycle,
# swift-configuration, Hummingbird and Vapor would cost build time for nothing.
traits=$(swift package dump-package | python3 -c 'import json, sys
skipped = ("Macros", "Redis", "ServiceLifecycle", "Configuration", "Hummingbird", "Vapor", "default")
print(",".join(t["name"] for t in json.load(sys.stdin).get("traits", []) if t["name"] not in skipped))')
if ! swift test --scratch-path .build-tsan --sanitize=thread -Xswiftc -DCACHE_TSAN ${traits:+--traits "$traits"} \
    --filter "$filter" 2>&1 | tee "$log"; then
    echo "tsan.sh: the concurrency tests failed under the thread sanitizer" >&2
    exit 1
fi
if grep -q "WARNING: ThreadSanitizer" "$log"; then
    echo "tsan.sh: ThreadSanitizer reported a data race (see above)" >&2
    exit 1
fi
