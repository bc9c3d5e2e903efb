#!/usr/bin/env bash
# Run 3 of docs/benchmarks.md: the issue's full sizes, one results file, in the order of priority
# (scan, history, back-fill, selective; then the raw loop at 1 000 runs a page). Expects the jars
# built by bench/build.sh and the data sets of bench/gen-data.sh at the same sizes:
#   bash bench/build.sh
#   BENCH_RUNS=100000 BENCH_HISTORY_RUNS=1000 bash bench/gen-data.sh
#   bash bench/run3.sh
# run 3 was measured on a one-worker server (issue 15's set, run-issue15.sh, uses MLflow's 4 too)
export BENCH_WORKERS="${BENCH_WORKERS:-1}"
export BENCH_RUNS="${BENCH_RUNS:-100000}" BENCH_HISTORY_RUNS="${BENCH_HISTORY_RUNS:-1000}"
export BENCH_BACKFILL_RUNS="${BENCH_BACKFILL_RUNS:-200}" BENCH_REPS="${BENCH_REPS:-1}"
export BENCH_RAW_PAGE="${BENCH_RAW_PAGE:-10000}" BENCH_IN_FLIGHT="${BENCH_IN_FLIGHT:-4}"
export BENCH_RESULTS="${BENCH_RESULTS:-${BENCH_OUT:-${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/bench/results}/run3.jsonl}"
source "$(dirname "$0")/lib.sh"
echo "run 3: $(date -u +%FT%TZ), results $RESULTS, project $(head -1 "$BENCH/java/$BUILD_DIR/project/VERSION")"
BENCH_SCAN_P1000=0 bash "$BENCH/scan.sh"
bash "$BENCH/history.sh"
bash "$BENCH/backfill.sh"
bash "$BENCH/selective.sh"
ensure_server "$RUNS_DIR" "$RUNS_PORT"
header "a. full scan of runs, raw loop at 1 000 runs a page ($RUNS runs)"
bench_java 4g scan "$URI" "$RUNS_DIR" 1 raw-p1000
echo; echo "# run 3 ($RESULTS)"
"$PY" "$BENCH/report.py" "$RESULTS"
