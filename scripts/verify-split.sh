#!/usr/bin/env bash
# `make verify-split`: split the 40-, 120-, 300- and 1,000-function Serverless templates with every
# strategy, twice (the outputs must be byte-identical; each run verifies itself and keeps every
# quota, or split exits 2), then lint every output folder with cfntool (scripts/split-lint.py: no
# finding that the input did not have, every W3092 of the input still found), and every output of
# the 40- and 300-function cases with cfn-lint (one process for all of them): no error that
# cfn-lint did not already report on the input.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CFNTOOL:-.build/release/cfntool}
OUT=.build/verify-split
rm -rf "$OUT"
mkdir -p "$OUT"
files=()
for n in 40 120 300 1000; do
  python3 ../shared/tools/gen_serverless.py $n > "$OUT/serverless-$n.json"
  for s in routes function type auto; do
    start=$(date +%s%N)
    "$BIN" split "$OUT/serverless-$n.json" -o "$OUT/$n-$s" --strategy $s --format yaml > "$OUT/$n-$s.log"
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    "$BIN" split "$OUT/serverless-$n.json" -o "$OUT/$n-$s-again" --strategy $s --format yaml > /dev/null
    diff -r -q "$OUT/$n-$s" "$OUT/$n-$s-again" > /dev/null || { echo "$n functions, $s: a second run differs"; exit 1; }
    echo "$n functions, $s: $(head -1 "$OUT/$n-$s.log" | sed 's/.*: //'), $(sed -n 2p "$OUT/$n-$s.log" | awk '{print $2}') in the parent, largest nested stack $(tail -n +3 "$OUT/$n-$s.log" | awk '$3=="resources"{print $2}' | sort -n | tail -1) resources; ${ms} ms; identical on a second run"
    if [ $n = 40 ] || [ $n = 300 ]; then files+=("$OUT/$n-$s"/*.yaml); fi
  done
  python3 scripts/split-lint.py --cfntool "$BIN" "$OUT/serverless-$n.json" "$OUT/$n"-{routes,function,type,auto}
done
errors() { { grep -oE ':[0-9]+:[0-9]+:[0-9]+:[0-9]+:E[0-9]+' || true; } | sed 's/.*://' | sort -u; }
cfn-lint --format parseable "$OUT"/serverless-*.json > "$OUT/input.lint" || true
cfn-lint --format parseable "${files[@]}" > "$OUT/output.lint" || true
input=$(errors < "$OUT/input.lint")
output=$(errors < "$OUT/output.lint")
new=$(comm -13 <(echo "$input") <(echo "$output") | grep . || true)
echo "cfn-lint on ${#files[@]} output templates: errors in the inputs: $(echo ${input:-none}); in the outputs: $(echo ${output:-none}); warnings in the outputs: $(cut -d: -f6 "$OUT/output.lint" | sort | uniq -c | tr -s " " | tr "\n" " ")"
if [ -n "$new" ]; then
  echo "new errors: $new"
  grep -E "$(echo $new | tr ' ' '|')" "$OUT/output.lint" | head -20
  exit 1
fi
echo "verify-split: no new cfn-lint errors"
