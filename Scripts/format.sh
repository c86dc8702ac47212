#!/usr/bin/env bash
# Formats every Swift file with the repository's .swift-format settings.
#   Scripts/format.sh         rewrite files in place
#   Scripts/format.sh --lint  only check (strict: any finding fails)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.swift')
if [[ "${1:-}" == "--lint" ]]; then
    swift format lint --strict --parallel --configuration .swift-format "${files[@]}"
else
    swift format format --in-place --parallel --configuration .swift-format "${files[@]}"
fi
