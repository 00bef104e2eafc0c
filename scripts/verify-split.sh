#!/usr/bin/env bash
# `make verify-split`: split the 40- and 300-function Serverless templates with every strategy and
# lint every output with cfn-lint (one process for all of them): no error that cfn-lint did not
# already report on the input. Prints per-case figures; exits 1 on any new error.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CFNTOOL:-.build/release/cfntool}
OUT=.build/verify-split
rm -rf "$OUT"
mkdir -p "$OUT"
files=()
for n in 40 300; do
  python3 ../shared/tools/gen_serverless.py $n > "$OUT/serverless-$n.json"
  for s in routes function type auto; do
    "$BIN" split "$OUT/serverless-$n.json" -o "$OUT/$n-$s" --strategy $s --format yaml > "$OUT/$n-$s.log"
    echo "$n functions, $s: $(head -1 "$OUT/$n-$s.log" | sed 's/.*: //')"
    files+=("$OUT/$n-$s"/*.yaml)
  done
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
