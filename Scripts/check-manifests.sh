#!/usr/bin/env bash
# Checks that the root Package.swift and each Packages/*/Package.swift describe the same targets:
# same names, kinds, source folders and dependencies, and that every standalone library product
# is a product of the root too. See Docs/ARCHITECTURE.md ("Two manifests"). Both are described
# with every package trait on, as CI builds them: dependencies gated by a trait that is off are
# left out of `describe`.
set -euo pipefail
cd "$(dirname "$0")/.."
root_json=$(mktemp)
trap 'rm -f "$root_json" "$root_json".*' EXIT
swift package --enable-all-traits describe --type json > "$root_json"
for manifest in Packages/*/Package.swift; do
    package=$(dirname "$manifest")
    case "$package" in Packages/CacheBenchmarks) continue ;; esac
    (cd "$package" && swift package --enable-all-traits describe --type json) > "$root_json.$(basename "$package")"
done
python3 - "$root_json" Packages <<'PY'
import json, os, sys

root = json.load(open(sys.argv[1]))
root_targets = {t["name"]: t for t in root["targets"]}
root_products = {p["name"] for p in root["products"]}
problems = []

def dependencies(target):
    return sorted(set(target.get("target_dependencies", [])) | set(target.get("product_dependencies", [])))

claimed = set()
for name in sorted(os.listdir(sys.argv[2])):
    path = f"{sys.argv[1]}.{name}"
    if not os.path.exists(path):
        continue
    standalone = json.load(open(path))
    for target in standalone["targets"]:
        expected_path = os.path.normpath(os.path.join("Packages", name, target["path"]))
        twin = root_targets.get(target["name"])
        if twin is None:
            problems.append(f"{name}: target {target['name']} is missing from the root manifest")
            continue
        claimed.add(target["name"])
        if os.path.normpath(twin["path"]) != expected_path:
            problems.append(f"{name}: target {target['name']} is at {expected_path}, the root says {twin['path']}")
        if twin["type"] != target["type"]:
            problems.append(f"{name}: target {target['name']} is {target['type']}, the root says {twin['type']}")
        if dependencies(twin) != dependencies(target):
            problems.append(
                f"{name}: target {target['name']} depends on {dependencies(target)}, the root says {dependencies(twin)}"
            )
    for product in standalone["products"]:
        if product["name"] not in root_products:
            problems.append(f"{name}: product {product['name']} is not a product of the root manifest")

for target in root["targets"]:
    if target["path"].startswith("Packages/") and target["name"] not in claimed:
        problems.append(f"root: target {target['name']} at {target['path']} is in no standalone manifest")

if problems:
    print("The manifests disagree:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"check-manifests: {len(claimed)} targets agree between the root and the standalone manifests")
PY
