#!/usr/bin/env bash
# Runs every benchmark (build, data sets, a-e) into one results file and prints the tables.
# Sizes: BENCH_RUNS, BENCH_HISTORY_RUNS, BENCH_BACKFILL_RUNS, BENCH_REPS, BENCH_IN_FLIGHT (lib.sh).
export BENCH_WORKERS="${BENCH_WORKERS:-1}"   # as runs 1-3 (issue 15's read set: run-issue15.sh)
source "$(dirname "$0")/lib.sh"
export BENCH_RESULTS="$RESULTS"
bash "$BENCH/build.sh"
bash "$BENCH/gen-data.sh"
for b in scan selective history backfill heap; do bash "$BENCH/$b.sh"; done
bash "$BENCH/jmh.sh"
bash "$BENCH/profile-server.sh" 40
echo; echo "# all results ($RESULTS)"
"$PY" "$BENCH/report.py" "$RESULTS" --jmh "$(ls -t "$OUT"/jmh-*.json | head -1)"
