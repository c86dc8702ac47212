#!/usr/bin/env bash
# Fuzzes CacheRedis's RESP decoder with libFuzzer for a bounded time (Scripts/test.sh runs it).
#
#   Scripts/fuzz-resp.sh [SECONDS]     (default 60)
#
# Builds Packages/CacheRedis/Fuzz in release (the decoder's own sources with the fuzzer's
# instrumentation, and SwiftNIO's NIOCore alone: under a minute cold on 2 cores), then runs it on
# the seed corpus Packages/CacheRedis/Fuzz/corpus (the replies of the tests) for SECONDS. Each
# input is decoded whole, byte by byte and in reads its own bytes choose, on a 256 KiB stack (so
# that recursion driven by a 4 KiB input overflows it: the 1.0.0 decoder does on the seed
# attribute-chain); the run fails on a crash, a stack overflow, a disagreement between the three,
# more line-end searching than the input's size allows, or an input that takes over 10 s. The
# input that failed is kept in .build/fuzz-artifacts/ and printed, to become a test in
# Packages/CacheRedis/Tests. Inputs that found new code paths go to a scratch folder, not into
# the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
package=Packages/CacheRedis/Fuzz
artifacts=$PWD/.build/fuzz-artifacts
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -rf "$artifacts"
mkdir -p "$artifacts"

build_start=$(date +%s)
# Release: ten times the inputs per second of a debug build, for the same build time.
(cd "$package" && swift build -c release --product RESPDecoderFuzzer)
fuzzer="$package/.build/release/RESPDecoderFuzzer"
echo "fuzz-resp.sh: built in $(($(date +%s) - build_start))s; fuzzing for ${seconds}s"

# The first folder takes the new inputs; the seeds are only read.
mkdir "$scratch/corpus"
status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$scratch/corpus" "$package/corpus" 2> "$scratch/fuzz.log" || status=$?
grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$scratch/fuzz.log" || true
if ((status != 0)); then
    tail -n 60 "$scratch/fuzz.log" >&2
    for input in "$artifacts"/*; do
        [[ -f "$input" ]] || continue
        echo "fuzz-resp.sh: failing input $input, as ByteBuffer(bytes: [...]):" >&2
        od -An -v -tx1 "$input" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//; s/\([0-9a-f][0-9a-f]\)/0x\1,/g; s/,$//; s/^/[/; s/$/]/' >&2
        echo >&2
    done
    exit "$status"
fi
