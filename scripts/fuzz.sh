#!/usr/bin/env bash
# Runs the libFuzzer targets built by `make fuzz-build` (Fuzz/, scratch path .build-fuzz).
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default: yaml json lint fmt split diff sam lsp fix)
#   CORPUS         the shared template corpus used as extra seeds (default ../shared/corpus)
#
# Seeds: the committed, minimised corpus Fuzz/corpus/<target>, the shared corpus templates and
# the test fixtures (copied to a temporary directory, never committed). New interesting inputs
# are merged back into Fuzz/corpus/<target> (-merge=1 keeps only inputs that add coverage).
# Exits non-zero if any target crashed, leaked, timed out or ran out of memory; the inputs are
# left in .build-fuzz/run/<target>/ (crash-*, leak-*, timeout-*, oom-*) with the log beside them.
set -u
cd "$(dirname "$0")/.."

SECONDS_EACH="${FUZZ_SECONDS:-60}"
TARGETS="${FUZZ_TARGETS:-yaml json lint fmt split diff sam lsp fix}"
SHARED="${CORPUS:-../shared/corpus}"
BIN="${FUZZ_BIN:-.build-fuzz/release}"
RUN="${FUZZ_RUN:-.build-fuzz/run}"
# A crash must not wait on Swift's backtracer; libFuzzer and ASan report it.
export SWIFT_BACKTRACE=enable=no
# Leaks: the same suppressions as make asan (scripts/lsan.supp says why each one is there).
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Keep the committed corpus small: inputs over this size are not merged back.
MERGE_MAX_LEN=1024

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
n=0
while IFS= read -r -d '' f; do
  cp "$f" "$seeds/$n-$(basename "$f")"; n=$((n + 1))
done < <(find "$SHARED/templates" "$SHARED/../sam/input" templates Tests/Fixtures -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) -size -64k -print0 2>/dev/null)
echo "fuzz: $n seed templates, $SECONDS_EACH s per target"

status=0
for t in $TARGETS; do
  bin="$BIN/fuzz-$t"
  [ -x "$bin" ] || { echo "fuzz: $bin is missing (make fuzz-build)"; status=2; continue; }
  work="$RUN/$t"
  rm -rf "$work" && mkdir -p "$work/new" "Fuzz/corpus/$t"
  echo "== fuzz-$t"
  "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict=Fuzz/cloudformation.dict -print_final_stats=1 -artifact_prefix="$work/" \
    "$work/new" "Fuzz/corpus/$t" "$seeds" >"$work/log" 2>&1
  rc=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb)' "$work/log" | sed 's/^/   /'
  found=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \))
  if [ -n "$found" ] || [ $rc -ne 0 ]; then
    echo "   FINDING (exit $rc): ${found:-see $work/log}"
    grep -m1 -E 'ERROR: |fuzz-[a-z]+: |Fatal error' "$work/log" | sed 's/^/   /'
    status=1
  fi
  # Grow the committed corpus with what this run found (only coverage-adding inputs).
  "$bin" -merge=1 -max_len=$MERGE_MAX_LEN -timeout=10 -rss_limit_mb=2048 "Fuzz/corpus/$t" "$work/new" >"$work/merge.log" 2>&1 ||
    echo "   merge failed: see $work/merge.log"
  echo "   corpus: $(ls "Fuzz/corpus/$t" | wc -l) files, $(du -sk --apparent-size "Fuzz/corpus/$t" | cut -f1) KB"
done
exit $status
