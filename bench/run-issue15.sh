#!/usr/bin/env bash
# Issue 15's read set in one command: for each data size, store and server set-up, the scan and
# history jobs of bench/reads.sh, every result in one file; then the tables (report.py) and the
# plot of wall time against data size (docs/issue15-reads.png, plot.py). Sizes and set-ups:
#   BENCH_SIZES="5000:20 50000:200"  runs:history-runs pairs (history: runs x 5 keys x 1 000 steps,
#                                    so 100 000 and 1 000 000 points)
#   BENCH_STORES="sqlite"            sqlite and/or postgres
#   BENCH_WORKER_SET="4 1"           server workers (4: MLflow's default; 1: the one-worker figures)
#   BENCH_REPS=3                     timed rounds after one warm-up round
#   BENCH_PLOT=docs/issue15-reads.png
# Each size keeps its data sets in $BENCH_BASE/size-RUNS (default ~/.cache/mlflow-tables/bench).
# Expects the jars of bench/build.sh (built when missing).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BASE="${BENCH_BASE:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/bench}"
export BENCH_RESULTS="${BENCH_RESULTS:-$BASE/results/issue15-$(date +%Y%m%d-%H%M%S).jsonl}"
export BENCH_REPS="${BENCH_REPS:-3}"
mkdir -p "$(dirname "$BENCH_RESULTS")"
for size in ${BENCH_SIZES:-5000:20 50000:200}; do
  export BENCH_RUNS="${size%%:*}" BENCH_HISTORY_RUNS="${size##*:}"
  export BENCH_CACHE="$BASE/size-$BENCH_RUNS"
  for store in ${BENCH_STORES:-sqlite}; do
    export BENCH_STORE="$store"
    BENCH_WORKERS=1 BENCH_COUNT="${BENCH_COUNT:-0}" bash "$HERE/gen-data.sh"
    for w in ${BENCH_WORKER_SET:-4 1}; do
      BENCH_WORKERS="$w" bash "$HERE/reads.sh"
    done
  done
done
source "$HERE/lib.sh"
echo; echo "# issue 15 reads ($BENCH_RESULTS)"
"$PY" "$HERE/report.py" "$BENCH_RESULTS"
"$PY" "$HERE/plot.py" "$BENCH_RESULTS" "${BENCH_PLOT:-$ROOT/docs/issue15-reads.png}"
