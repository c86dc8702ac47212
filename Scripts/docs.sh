#!/usr/bin/env bash
# Builds the documentation of every public module with the toolchain's DocC, into .build/docs
# (one archive per module, and all of them merged in .build/docs/swift-caching.doccarchive).
#
# 1. `swift build --enable-all-traits`: the modules and the examples in Docs/Snippets/
#    (each file an executable target of the root manifest that depends on every library product). Run with the
#    environment of the test step (CACHE_INTERNAL_CHECKS=1) it reuses that build.
# 2. Runs every snippet: their hidden `precondition`s check what the documentation says they do.
# 3. Checks that each README block marked `<!-- snippet: Name -->` (or `Name#slice`) is that
#    snippet's visible code, line for line (runs of spaces aside, so that the README may align
#    its comments).
# 4. `swift package dump-symbol-graph` (public symbols of every module), and the snippets' symbol
#    graph from `snippet-extract` (built once from swiftlang/swift-docc-plugin 1.5.0 in
#    .build/docs-tools; nothing of it enters the package graph that users resolve).
# 5. `docc convert --warnings-as-errors` per catalog (`Packages/*/Sources/<Module>/<Module>.docc`),
#    in dependency order, each with the archives of the modules before it (`--dependency`), so a
#    broken ``Symbol`` or <doc:…> link, or an @Snippet that names a missing file or slice, fails
#    the run; then `docc merge`. Every library product must have a catalog.
#
# Links across modules are absolute: ``/CacheCore/CacheClock``, <doc:/CachePolicies/ChoosingAPolicy>.
# Browse the result with `docc preview` or any static server (see Docs/DOCUMENTATION.md).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=.build/docs
tools=.build/docs-tools
start=$(date +%s)
step() { printf -- '--> %s (%ss)\n' "$*" "$(($(date +%s) - start))"; }

step "Building the modules and the snippets"
swift build --enable-all-traits
bin=$(swift build --enable-all-traits --show-bin-path)

step "Running the snippets"
for snippet in Docs/Snippets/*.swift; do
    name=$(basename "$snippet" .swift)
    "$bin/$name" > /dev/null || { echo "docs.sh: the snippet $snippet failed" >&2; exit 1; }
done

step "Checking the README's examples against Docs/Snippets/"
python3 - README.md <<'PY'
import difflib, re, sys

def visible(path, wanted=None):
    """The code of a snippet as DocC shows it: its explanation, markers and hidden lines left
    out; only the slice `wanted` when one is named."""
    lines = open(path).read().splitlines()
    while lines and lines[0].startswith("//") and not lines[0].startswith("// snippet."):  # explanation
        lines.pop(0)
    shown, hidden, slice_name = [], False, None
    for line in lines:
        marker = re.fullmatch(r"\s*// snippet\.(\w+)", line)
        if marker:
            name = marker.group(1)
            if name in ("hide", "show"):
                hidden = name == "hide"
            else:
                slice_name = None if name == "end" else name
            continue
        if not hidden and (wanted is None or slice_name == wanted):
            shown.append(line)
    return "\n".join(shown).strip().splitlines()

readme = open(sys.argv[1]).read()
blocks = re.findall(r"<!-- snippet: ([\w#]+) -->\n```swift\n(.*?)```", readme, re.S)
if not any(name == "Tour" for name, _ in blocks):
    sys.exit("docs.sh: README.md's tour must be marked <!-- snippet: Tour --> (see Docs/DOCUMENTATION.md)")
failed = False
for name, code in blocks:
    snippet, _, wanted = name.partition("#")
    expected = visible(f"Docs/Snippets/{snippet}.swift", wanted or None)
    shown = code.strip().splitlines()
    # Runs of spaces do not count, so that the README may align its comments.
    if [" ".join(line.split()) for line in shown] != [" ".join(line.split()) for line in expected]:
        failed = True
        print(f"docs.sh: README.md's block marked {name} differs from Docs/Snippets/{snippet}.swift:", file=sys.stderr)
        diff = difflib.unified_diff(expected, shown, f"Docs/Snippets/{snippet}.swift", "README.md", lineterm="")
        print("\n".join(diff), file=sys.stderr)
sys.exit(1 if failed else 0)
PY

step "Symbol graphs"
swift package --enable-all-traits dump-symbol-graph --skip-synthesized-members > /dev/null
graphs="$(dirname "$bin")/symbolgraph"  # where dump-symbol-graph writes, beside the debug folder
[[ -d "$graphs" ]] || { echo "docs.sh: no symbol graphs in $graphs" >&2; exit 1; }

snippet_extract="$tools/.build-snippet-extract/release/snippet-extract"
if [[ ! -x "$snippet_extract" ]]; then
    step "Building snippet-extract (swift-docc-plugin 1.5.0), once"
    mkdir -p "$tools"
    cat > "$tools/Package.swift" <<'SWIFT'
// swift-tools-version: 6.2
// Written by Scripts/docs.sh: resolves swift-docc-plugin to build its snippet-extract tool.
import PackageDescription
let package = Package(
    name: "docs-tools",
    dependencies: [.package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0")],
    targets: []
)
SWIFT
    swift package --package-path "$tools" resolve
    swift build -c release --package-path "$tools/.build/checkouts/swift-docc-plugin" \
        --scratch-path "$tools/.build-snippet-extract" --product snippet-extract
fi
snippet_graph="$out/symbol-graphs/swift-caching-snippets.symbols.json"
rm -rf "$out"
mkdir -p "$out/symbol-graphs"
"$snippet_extract" --output "$snippet_graph" --module-name swift-caching "$repo"/Docs/Snippets/*.swift

step "Ordering the catalogs"
catalogs=$(python3 - <(swift package --enable-all-traits describe --type json) <<'PY'
import glob, json, os, sys

package = json.load(open(sys.argv[1]))
targets = {t["name"]: t for t in package["targets"]}
catalogs = {}
for path in glob.glob("Packages/*/Sources/*/*.docc"):
    module = os.path.basename(os.path.dirname(path))
    if os.path.basename(path) != module + ".docc":
        sys.exit(f"docs.sh: {path} must be named {module}.docc")
    catalogs[module] = path
missing = sorted(
    t for p in package["products"] if "library" in p["type"] for t in p["targets"] if t not in catalogs
)
if missing:
    sys.exit("docs.sh: these library modules have no DocC catalog: " + ", ".join(missing))
order, seen = [], set()
def visit(name):
    if name in seen:
        return
    seen.add(name)
    for dependency in targets[name].get("target_dependencies", []):
        visit(dependency)
    if name in catalogs:
        order.append(name)
# The umbrella holds the guides that span modules, so it links to every other module: last.
for name in sorted(catalogs, key=lambda name: (name == "Caching", name)):
    visit(name)
print("\n".join(f"{name} {catalogs[name]}" for name in order))
PY
)

dependencies=()
while read -r module catalog; do
    step "docc convert $module"
    module_graphs="$out/symbol-graphs/$module"
    mkdir -p "$module_graphs"
    cp "$graphs/$module.symbols.json" "$module_graphs/"
    find "$graphs" -maxdepth 1 -name "$module@*.symbols.json" -exec cp {} "$module_graphs/" \;
    cp "$snippet_graph" "$module_graphs/"
    docc convert "$catalog" \
        --additional-symbol-graph-dir "$module_graphs" \
        --output-dir "$out/$module.doccarchive" \
        --fallback-display-name "$module" \
        --fallback-bundle-identifier "swift-caching.$module" \
        --warnings-as-errors \
        --enable-experimental-external-link-support \
        "${dependencies[@]}" > "$out/$module.log" 2>&1 || {
        cat "$out/$module.log" >&2
        echo "docs.sh: DocC found problems in $catalog" >&2
        exit 1
    }
    dependencies+=(--dependency "$out/$module.doccarchive")
done <<< "$catalogs"

step "Merging the archives"
# The landing page shows the modules as a list with their abstracts (cards would all look
# alike); the navigator lists the umbrella `Caching` first, where Getting started is.
archives=("$out/Caching.doccarchive")
while read -r module _; do
    [[ "$module" == Caching ]] || archives+=("$out/$module.doccarchive")
done <<< "$catalogs"
docc merge "${archives[@]}" --output-path "$out/swift-caching.doccarchive" \
    --synthesized-landing-page-name swift-caching \
    --synthesized-landing-page-topics-style list > /dev/null
# The synthesized page lists the modules alphabetically; ours says where to begin.
python3 Scripts/docs-landing.py "$out/swift-caching.doccarchive" $(cut -d' ' -f1 <<< "$catalogs")

step "Documentation in $out/swift-caching.doccarchive"
