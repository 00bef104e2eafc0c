#!/usr/bin/env bash
# `make verify-split-sam`: SAM apps of 60, 150 and 300 functions (scripts/gen-sam-app.py), split
# with every strategy. Each split must verify itself and keep every quota (or split exits 2), be
# byte-identical on a second run, merge back to the processed template (`cfntool diff PROCESSED
# DIR/manifest.json` and `cfntool diff APP DIR/manifest.json`: nothing but where resources are), keep
# every quota again as `cfntool count DIR/manifest.json` counts it, record an origin for every
# resource the transform made; and cfn-lint (one process for every output) reports no error
# on any output that it does not report on the SAM app itself. SPLIT_SAM_SIZES="60 150 300".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CFNTOOL:-.build/release/cfntool}
OUT=.build/verify-split-sam
rm -rf "$OUT"
mkdir -p "$OUT"
files=()
inputs=()
for n in ${SPLIT_SAM_SIZES:-60 150 300}; do
  app=$OUT/sam-$n.yaml
  python3 scripts/gen-sam-app.py "$n" > "$app"
  "$BIN" transform "$app" -o "$OUT/sam-$n.processed.yaml"
  inputs+=("$app")
  for s in routes function type auto; do
    dir=$OUT/$n-$s
    start=$(date +%s%N)
    "$BIN" split "$app" -o "$dir" --strategy $s > "$dir.log"
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    "$BIN" split "$app" -o "$dir-again" --strategy $s > /dev/null
    diff -r -q "$dir" "$dir-again" > /dev/null || { echo "$n functions, $s: a second run differs"; exit 1; }
    # Merged back (diff reads a manifest as its hierarchy merged), the output differs from the
    # processed template, and from the SAM app as it deploys, only in where resources are: moved
    # into nested stacks, and updated (or replaced) only for that (a Ref or GetAtt that now crosses a stack),
    # a DependsOn on a resource now in a nested stack being one on that stack.
    for side in "$OUT/sam-$n.processed.yaml" "$app"; do
      "$BIN" diff --format json "$side" "$dir/manifest.json" > "$dir.diff.json"
      python3 - "$dir.diff.json" "$dir/manifest.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
placed = json.load(open(sys.argv[2]))["resources"]
bad = [s["section"] for s in d["sections"]]
for r in d["resources"]:
    # A create-only property that takes a moved resource's Ref is replaced when the stack is
    # first split (the moved resource is created anew): placement too, when that is every reason.
    placement = bool(r["reasons"]) and all("moves to another stack" in x for x in r["reasons"])
    if r["impact"] not in ("moved", "updated") and not (r["impact"] in ("replaced", "mayReplace") and placement):
        bad.append(f"{r['logicalId']}: {r['impact']}")
    for c in r["changes"]:
        names = c["old"] if isinstance(c["old"], list) else [c["old"]]
        if not (c["path"].startswith("DependsOn") and c["kind"] == "removed" and all(placed.get(x) for x in names)):
            bad.append(f"{r['logicalId']}: {c['path']} {c['kind']}")
if bad:
    sys.exit(f"{d['old']} -> {d['new']}: not only placement: {bad[:5]}")
EOF
    done
    "$BIN" count "$dir/manifest.json" > "$dir.count" ||
      { echo "$n functions, $s: cfntool count finds a quota exceeded"; grep -B3 EXCEEDED "$dir.count" | head; exit 1; }
    python3 - "$app" "$dir/manifest.json" <<'EOF'
import json, sys
from samtranslator.yaml_helper import yaml_parse
app = yaml_parse(open(sys.argv[1]).read())["Resources"]
plain = {k for k, r in app.items() if not r["Type"].startswith("AWS::Serverless::")}
manifest = json.load(open(sys.argv[2]))
origins = manifest.get("origins") or {}
missing = [r for r in manifest["resources"] if r not in origins and r not in plain]
wrong = [r for r, o in origins.items() if o["logicalId"] not in app and o["logicalId"] != "ServerlessHttpApi"]
if manifest.get("transform") != "AWS::Serverless-2016-10-31" or missing or wrong:
    sys.exit(f"{sys.argv[2]}: no origin for {missing[:5]}; origins naming no SAM resource: {wrong[:5]}")
EOF
    parent=$(sed -n 2p "$dir.log" | awk '{print $2}')
    largest=$(tail -n +3 "$dir.log" | awk '$3=="resources"{print $2} $2=="resources"{print $1}' | sort -n | tail -1)
    echo "$n functions, $s: $(head -1 "$dir.log" | sed 's/.*: //'), $parent in the parent, largest nested stack $largest resources; ${ms} ms; verified, merges back to the processed template, identical on a second run"
    files+=("$dir"/*.yaml)
  done
done
errors() { { grep -oE ':[0-9]+:[0-9]+:[0-9]+:[0-9]+:E[0-9]+' || true; } | sed 's/.*://' | sort -u; }
cfn-lint --format parseable "${inputs[@]}" > "$OUT/input.lint" || true
cfn-lint --format parseable "${files[@]}" > "$OUT/output.lint" || true
input=$(errors < "$OUT/input.lint")
output=$(errors < "$OUT/output.lint")
new=$(comm -13 <(echo "$input") <(echo "$output") | grep . || true)
echo "cfn-lint on ${#files[@]} output templates: errors in the SAM apps: $(echo ${input:-none}); in the outputs: $(echo ${output:-none}); warnings in the outputs: $(cut -d: -f6 "$OUT/output.lint" | sort | uniq -c | tr -s " " | tr "\n" " ")"
if [ -n "$new" ]; then
  echo "new errors: $new"
  grep -E "$(echo $new | tr ' ' '|')" "$OUT/output.lint" | head -20
  exit 1
fi
echo "verify-split-sam: every split verifies, keeps every quota, merges back to the processed template, is identical on a rerun; no new cfn-lint errors"
