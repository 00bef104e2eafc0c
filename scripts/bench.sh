#!/usr/bin/env bash
# `make bench`: cfntool against the reference tools, each pair measured in the same run.
#   1. decode of a 1 MB Serverless template vs raw libyaml event parsing (in-process medians,
#      and callgrind instruction counts, which do not drift on a busy machine);
#   2. `cfntool --version` start-up;
#   3. `cfntool fmt` vs `cfn-flip -n` (reformat, same format) on the same file;
#   4. graph build; 5. split; 6. lint vs cfn-lint; 7. diff; 8. schema data read by lint;
#   9. the SAM transform of a 100-function app vs aws-sam-translator, whole processes;
#  10. lint, count and split of a 300-function SAM app vs cfn-lint and the transform alone;
#  11. `cfntool lsp` latency (keystroke to diagnostics, hover, completion) and memory over 1,000 edits;
#  12. lint workloads side by side with cfn-lint in one table: one small template, 250 and 5,641
#      resources, 50 x 250 in one call, the whole shared corpus in one call; medians, peak memory.
# Quote the medians. Needs hyperfine (apt) and cfn-flip (pip); installs them if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-.build/bench}
RUNS=${BENCH_RUNS:-15}
mkdir -p "$OUT"
BIN=.build/release/cfntool
BENCH=.build/release/cfnbench
GEN=../shared/tools/gen_serverless.py

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
command -v cfn-flip >/dev/null || pip install -q cfn-flip
swift build -c release --static-swift-stdlib --product cfntool >/dev/null
swift build -c release --static-swift-stdlib --product cfnbench >/dev/null
cc -O2 -o "$OUT/libyaml_events" scripts/bench/libyaml_events.c -lyaml

FILE=$OUT/serverless-400.yaml
python3 "$GEN" 400 --yaml > "$FILE"
bytes=$(wc -c < "$FILE")
echo "input: $FILE ($bytes bytes; $($BIN info "$FILE" | sed -n "s/.*resources \([0-9]*\).*/\1/p") resources)"
echo

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

echo "== 1. decode vs raw libyaml events (median of $RUNS in-process runs, ms)"
ours=$("$BENCH" decode "$FILE" "$RUNS" 2>/dev/null)
floor=$("$OUT/libyaml_events" "$FILE" "$RUNS" 2>/dev/null)
echo "cfntool decode:       $ours ms"
echo "libyaml events only:  $floor ms"
echo "ratio (target < 2):   $(ratio "$ours" "$floor")x"
if command -v valgrind >/dev/null; then
  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/{print $4}'; }
  a=$(( $(ir "$BENCH" decode "$FILE" 1) - $(ir "$BENCH" decode "$FILE" 0) ))
  b=$(( $(ir "$OUT/libyaml_events" "$FILE" 1) - $(ir "$OUT/libyaml_events" "$FILE" 0) ))
  echo "instructions:         cfntool $a, libyaml $b, ratio $(ratio "$a" "$b")x (callgrind)"
fi
echo

echo "== 2. start-up: cfntool --version (target < 20 ms)"
hyperfine -N --warmup 5 --runs 50 --export-json "$OUT/version.json" "$BIN --version" >/dev/null
python3 -c "import json; r=json.load(open('$OUT/version.json'))['results'][0]; print(f\"median {r['median']*1e3:.1f} ms (mean {r['mean']*1e3:.1f} ms, {len(r['times'])} runs)\")"
echo

echo "== 3. fmt vs cfn-flip -n on the same file (target >= 20x)"
hyperfine -N --warmup 2 --runs 10 --export-json "$OUT/fmt.json" "$BIN fmt $FILE" "cfn-flip -n $FILE" >/dev/null
python3 - "$OUT/fmt.json" <<'PY'
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
ours, ref = rs[0]["median"], rs[1]["median"]
print(f"cfntool fmt:  median {ours*1e3:.1f} ms")
print(f"cfn-flip -n:  median {ref*1e3:.1f} ms")
print(f"speed-up:     {ref/ours:.1f}x")
PY
echo

echo "== 4. dependency graph build, 4 sizes (median of 9 in-process runs, decode excluded): linear?"
for n in 40 120 300 1000; do
  python3 "$GEN" $n > "$OUT/serverless-$n.json"
  r=$($BIN info "$OUT/serverless-$n.json" | sed -n "s/.*resources \([0-9]*\).*/\1/p")
  ms=$("$BENCH" graph "$OUT/serverless-$n.json" 9 2>/dev/null)
  python3 -c "import sys; n,r,ms=sys.argv[1:]; print(f'{n:>5} functions {r:>5} resources: {float(ms):7.2f} ms, {float(ms)*1000/int(r):5.2f} us per resource')" $n $r $ms
done
echo

echo "== 5. split of the 1,000-function template (target < 1 s)"
echo "in-process (decode + split + verify, median of 5): $("$BENCH" split "$OUT/serverless-1000.json" 5 2>/dev/null) ms"
hyperfine -N --warmup 1 --runs 5 --prepare "rm -rf $OUT/split-1000" --export-json "$OUT/split.json" \
  "$BIN split $OUT/serverless-1000.json -o $OUT/split-1000" >/dev/null
python3 -c "import json; r=json.load(open('$OUT/split.json'))['results'][0]; print(f\"whole command (read, split, verify, write): median {r['median']*1e3:.0f} ms\")"
echo

echo "== 6. lint vs cfn-lint (targets: one 250-resource template >= 50x, 50 of them in one call >= 100x, peak memory <= 1/4)"
python3 "$GEN" 40 > "$OUT/lint-40.json"
mkdir -p "$OUT/lint-50"
for i in $(seq 1 50); do python3 "$GEN" 40 --seed $i > "$OUT/lint-50/serverless-$i.json"; done
hyperfine -N -i --warmup 1 --runs 10 --export-json "$OUT/lint1.json" "$BIN lint $OUT/lint-40.json" >/dev/null
hyperfine -N -i --runs 3 --export-json "$OUT/lint1-ref.json" "cfn-lint $OUT/lint-40.json" >/dev/null
hyperfine -N -i --warmup 1 --runs 5 --export-json "$OUT/lint50.json" "$BIN lint $OUT/lint-50" >/dev/null
hyperfine -N -i --runs 1 --export-json "$OUT/lint50-ref.json" "cfn-lint $(echo $OUT/lint-50/*.json)" >/dev/null
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
python3 - "$OUT" "$(peak $BIN lint $OUT/lint-50)" "$(peak cfn-lint $OUT/lint-50/*.json)" <<'PY'
import json, sys
out, ours_kb, ref_kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
m = lambda f: json.load(open(f"{out}/{f}"))["results"][0]["median"]
one, one_ref, fifty, fifty_ref = m("lint1.json"), m("lint1-ref.json"), m("lint50.json"), m("lint50-ref.json")
print(f"one template:   cfntool {one*1e3:.1f} ms, cfn-lint {one_ref*1e3:.0f} ms: {one_ref/one:.0f}x")
print(f"50 templates:   cfntool {fifty*1e3:.1f} ms, cfn-lint {fifty_ref:.1f} s: {fifty_ref/fifty:.0f}x")
print(f"peak memory (50 templates): cfntool {ours_kb/1024:.1f} MB, cfn-lint {ref_kb/1024:.1f} MB: {ours_kb/ref_kb:.2f} of it")
PY
echo

echo "== 7. diff of two 5,641-resource templates: a deploy-sized change (target < 300 ms)"
# Every function's code changes (update), ten FunctionNames (replace, carried to versions and
# permissions), ten log groups renamed, MemorySize as strings and DependsOn reversed (no change).
[ -f "$OUT/serverless-1000.json" ] || python3 "$GEN" 1000 > "$OUT/serverless-1000.json"
python3 scripts/bench/mutate_template.py "$OUT/serverless-1000.json" > "$OUT/serverless-1000-changed.json"
swift build -c release --static-swift-stdlib --product cfnbench >/dev/null
echo "in-process, decode both + diff (median of 9): $("$BENCH" diff "$OUT/serverless-1000.json,$OUT/serverless-1000-changed.json" 9 2>/dev/null) ms"
echo "in-process, the diff alone (median of 9):     $("$BENCH" diff-only "$OUT/serverless-1000.json,$OUT/serverless-1000-changed.json" 9 2>/dev/null) ms"
hyperfine -N -i --warmup 1 --runs 10 --export-json "$OUT/diff.json" \
  "$BIN diff $OUT/serverless-1000.json $OUT/serverless-1000-changed.json" >/dev/null
python3 -c "import json; r=json.load(open('$OUT/diff.json'))['results'][0]; print(f\"whole command (read, decode, diff, print ~2,100 lines): median {r['median']*1e3:.0f} ms\")"
echo

echo "== 8. schema data read by lint (target: one-resource template < 1 MB)"
# Every file of the schema bundle that lint opens, and its size (strace, from Debian's strace).
command -v strace >/dev/null || { apt-get update -qq && apt-get install -y -qq strace; }
printf 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 5\n' > "$OUT/one-resource.yaml"
schema_bytes() {
  strace -f -e trace=openat -o "$OUT/strace.txt" "$BIN" lint "$@" >/dev/null || true
  grep -o '"[^"]*CFNSchema/Data/[^"]*\.\(json\|txt\)"' "$OUT/strace.txt" | tr -d '"' | sort -u \
    | while read -r f; do stat -c %s "$f"; done | awk '{s+=$1; n++} END {printf "%d files, %.2f MB\n", n, s/1e6}'
}
echo "one resource (AWS::SQS::Queue):      $(schema_bytes "$OUT/one-resource.yaml")"
echo "the 250-resource template:           $(schema_bytes "$OUT/lint-40.json")"
echo "the whole bundle:                    $(du -sb Sources/CFNSchema/Data | awk '{printf "%.2f MB", $1/1e6}')"
echo

echo "== 9. SAM transform of a 100-function app vs aws-sam-translator, whole process (target >= 100x)"
python3 scripts/gen-sam-app.py 100 > "$OUT/sam-100.yaml"
echo "input: $OUT/sam-100.yaml ($(wc -c < "$OUT/sam-100.yaml") bytes, $($BIN info "$OUT/sam-100.yaml" | sed -n "s/.*resources \([0-9]*\).*/\1/p") resources; $($BIN transform --format json --region ap-southeast-1 "$OUT/sam-100.yaml" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["Resources"]))') out)"
hyperfine -N --warmup 2 --runs 20 --export-json "$OUT/sam.json" "$BIN transform --format json --region ap-southeast-1 $OUT/sam-100.yaml" >/dev/null
hyperfine -N --warmup 1 --runs 5 --export-json "$OUT/sam-ref.json" "python3 scripts/bench/sam_translate.py $OUT/sam-100.yaml" >/dev/null
python3 - "$OUT/sam.json" "$OUT/sam-ref.json" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))["results"][0]["median"]
ref = json.load(open(sys.argv[2]))["results"][0]["median"]
print(f"cfntool transform:   median {ours*1e3:.1f} ms")
print(f"aws-sam-translator:  median {ref*1e3:.1f} ms")
print(f"speed-up:            {ref/ours:.0f}x")
PY
echo

echo "== 10. SAM commands on a 300-function app (targets: lint >= 50x cfn-lint; count and split >= 50x aws-sam-translator's transform alone)"
python3 scripts/gen-sam-app.py 300 > "$OUT/sam-300.yaml"
echo "input: $OUT/sam-300.yaml ($(wc -c < "$OUT/sam-300.yaml") bytes, $($BIN transform --format json "$OUT/sam-300.yaml" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["Resources"]))') resources deployed)"
hyperfine -N -i --warmup 1 --runs 10 --export-json "$OUT/sam300.json" \
  "$BIN lint $OUT/sam-300.yaml" "$BIN count $OUT/sam-300.yaml" \
  --prepare "rm -rf $OUT/sam-300-split" "$BIN split $OUT/sam-300.yaml -o $OUT/sam-300-split" >/dev/null
hyperfine -N -i --runs 3 --export-json "$OUT/sam300-lint-ref.json" "cfn-lint $OUT/sam-300.yaml" >/dev/null
python3 - "$OUT" "$(python3 scripts/bench/sam_transform_only.py "$OUT/sam-300.yaml" 3)" <<'PY'
import json, sys
out, transform = sys.argv[1], float(sys.argv[2])
rs = {r["command"].split()[1]: r["median"] for r in json.load(open(f"{out}/sam300.json"))["results"]}
ref = json.load(open(f"{out}/sam300-lint-ref.json"))["results"][0]["median"]
print(f"cfntool lint:   median {rs['lint']*1e3:.0f} ms, cfn-lint {ref:.1f} s: {ref/rs['lint']:.0f}x")
print(f"aws-sam-translator transform alone (in process): median {transform:.2f} s")
print(f"cfntool count:  median {rs['count']*1e3:.0f} ms: {transform/rs['count']:.0f}x")
print(f"cfntool split:  median {rs['split']*1e3:.0f} ms: {transform/rs['split']:.0f}x")
PY
echo

echo "== 11. cfntool lsp as an editor sees it (targets: 5,641 resources: a keystroke's diagnostics < 150 ms, hover and completion < 20 ms; 250 resources: diagnostics < 30 ms; memory after 1,000 edits <= 1.2x after the first)"
python3 "$GEN" 1000 --yaml > "$OUT/lsp-1000.yaml"
python3 "$GEN" 40 --yaml > "$OUT/lsp-40.yaml"
python3 - "$(python3 scripts/bench/lsp_latency.py "$BIN" "$OUT/lsp-1000.yaml" --edits 10)" "$(python3 scripts/bench/lsp_latency.py "$BIN" "$OUT/lsp-40.yaml" --edits 20 --memory)" <<'PY'
import json, sys
big, small = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"5,641 resources: keystroke -> diagnostics median {big['diagnostics_ms']:.0f} ms (server CPU {big['cpu_per_keystroke_ms']:.0f} ms a keystroke); hover {big['hover_ms']:.1f} ms; completion {big['completion_ms']:.1f} ms")
print(f"250 resources:   keystroke -> diagnostics median {small['diagnostics_ms']:.0f} ms (server CPU {small['cpu_per_keystroke_ms']:.0f} ms a keystroke); hover {small['hover_ms']:.1f} ms; completion {small['completion_ms']:.1f} ms")
print(f"memory (250 resources): {small['rss_first_kb']/1024:.1f} MB after the first edit, {small['rss_after_1000_kb']/1024:.1f} MB after 1,000: {small['rss_after_1000_kb']/small['rss_first_kb']:.2f}x")
PY
echo

echo "== 12. lint workloads, cfntool and cfn-lint in the same run (medians; peak memory from /usr/bin/time -v)"
python3 scripts/bench/lint_table.py "$BIN" "$OUT/lint-table" "${CORPUS:-../shared/corpus}/templates"
