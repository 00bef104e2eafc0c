#!/usr/bin/env bash
# `make bench-instructions` / `make bench-check`: instruction counts (callgrind) of cfntool's
# benchmark workloads. Unlike wall-clock times they do not drift on a busy machine, so they can
# be committed and compared.
#   bash scripts/bench-instructions.sh          measure, print, and write scripts/bench/instructions.tsv
#   bash scripts/bench-instructions.sh --check  measure and compare with the committed counts: exit 1
#                                               when a workload costs more than 10% above them
# Workloads (whole processes unless said): lint of one small template (pre-commit), of the
# 250-resource template, of the 5,641-resource template, of 50 copies of the 250-resource
# template in one call, of the whole shared corpus in one call; decode of the 1 MB template
# (in process, the file read subtracted); the SAM transform of a 100-function app.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECK=${1:-}
OUT=${BENCH_OUT:-.build/bench}
COUNTS=scripts/bench/instructions.tsv
BIN=.build/release/cfntool
BENCH=.build/release/cfnbench
GEN=../shared/tools/gen_serverless.py
CORPUS=${CORPUS:-../shared/corpus}
TOLERANCE=${BENCH_TOLERANCE:-1.10}

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind; }
swift build -c release --static-swift-stdlib --product cfntool >/dev/null
swift build -c release --static-swift-stdlib --product cfnbench >/dev/null
mkdir -p "$OUT"

# Inputs, all generated deterministically.
printf 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 5\n' > "$OUT/one-resource.yaml"
python3 "$GEN" 40 > "$OUT/lint-40.json"
python3 "$GEN" 1000 > "$OUT/serverless-1000.json"
python3 "$GEN" 400 --yaml > "$OUT/serverless-400.yaml"
mkdir -p "$OUT/lint-50"
for i in $(seq 1 50); do python3 "$GEN" 40 --seed "$i" > "$OUT/lint-50/serverless-$i.json"; done
python3 scripts/gen-sam-app.py 100 > "$OUT/sam-100.yaml"

ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/{print $4}'; }

measure() {
  local name=$1
  shift
  printf '%s\t%s\n' "$name" "$(ir "$@")"
}

{
  measure lint-one-resource "$BIN" lint "$OUT/one-resource.yaml"
  measure lint-250-resources "$BIN" lint "$OUT/lint-40.json"
  measure lint-5641-resources "$BIN" lint "$OUT/serverless-1000.json"
  measure lint-50x250-resources "$BIN" lint "$OUT/lint-50"
  measure lint-corpus "$BIN" lint --format json "$CORPUS/templates"
  printf 'decode-1mb\t%s\n' $(($(ir "$BENCH" decode "$OUT/serverless-400.yaml" 1) - $(ir "$BENCH" decode "$OUT/serverless-400.yaml" 0)))
  measure sam-transform-100 "$BIN" transform --format json --region ap-southeast-1 "$OUT/sam-100.yaml"
} > "$OUT/instructions.tsv"

if [ "$CHECK" != "--check" ]; then
  cp "$OUT/instructions.tsv" "$COUNTS"
  python3 -c 'import sys; [print(f"{n:<24} {int(c):>15,} instructions") for n, c in (l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l)]' "$COUNTS"
  echo "written to $COUNTS"
  exit 0
fi

python3 - "$COUNTS" "$OUT/instructions.tsv" "$TOLERANCE" <<'PY'
import sys
def read(path):
    return {name: int(n) for name, n in (line.split("\t") for line in open(path).read().split("\n") if line)}
committed, now, tolerance = read(sys.argv[1]), read(sys.argv[2]), float(sys.argv[3])
failed = False
print(f"{'workload':<24} {'committed':>15} {'now':>15}  ratio")
for name in sorted(set(committed) | set(now)):
    if name not in committed or name not in now:
        print(f"{name:<24} {'-' if name not in committed else committed[name]:>15} {'-' if name not in now else now[name]:>15}  (not in both: run make bench-instructions)")
        failed = True
        continue
    ratio = now[name] / committed[name]
    verdict = "REGRESSION" if ratio > tolerance else ""
    failed |= ratio > tolerance
    print(f"{name:<24} {committed[name]:>15,} {now[name]:>15,}  {ratio:5.2f} {verdict}")
print(f"fails above {tolerance:.2f}x the committed counts")
sys.exit(1 if failed else 0)
PY
