#!/usr/bin/env bash
# The README's library example, built the way a user builds it: a new package in a temporary
# folder that depends on this checkout by path, with main.swift cut out of README.md, then run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/runtimes/Sources/runtimes"
# The README names the dependency ../cfntool, as a clone of this repository is called.
ln -s "$root" "$work/cfntool"
python3 - "$root/README.md" "$work/runtimes/Sources/runtimes/main.swift" <<'PY'
import sys
text = open(sys.argv[1]).read()
section = text[text.index("## Using CFNModel from Swift"):]
start = section.index("```swift\n") + len("```swift\n")
open(sys.argv[2], "w").write(section[start:section.index("\n```", start)] + "\n")
PY
cat > "$work/runtimes/Package.swift" <<SWIFT
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "runtimes",
    dependencies: [.package(path: "../cfntool")],
    targets: [.executableTarget(name: "runtimes", dependencies: [.product(name: "CFNModel", package: "cfntool")])]
)
SWIFT
echo "building the README example as a new package in $work/runtimes"
swift build --package-path "$work/runtimes" 2>&1 | tail -3
out="$(cd "$root" && "$work/runtimes/.build/debug/runtimes" templates/serverless-api.yaml)"
echo "$out"
grep -q 'nodejs22.x' <<<"$out" && grep -q '^graph: ' <<<"$out" || { echo "check-readme-package: unexpected output" >&2; exit 1; }
echo "check-readme-package: the README's library example builds and runs as a new package"
