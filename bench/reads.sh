#!/usr/bin/env bash
# Issue 15's read jobs on one server set-up (BENCH_WORKERS workers, BENCH_STORE store), every
# client side by side on the same server and data, BENCH_REPS times (after one untimed warm-up
# round, rep 0, which report.py leaves out):
#   scan    the runs table: Spark (noop sink) and a raw client split by start_time into WORKERS
#           streams at once; JDBC and a raw client, one stream each
#   history every point of every key of the history experiment's runs: Spark, JDBC, and a raw
#           get-history-bulk client (<= 25 000 points a request, WORKERS in flight)
# Raw pages: BENCH_RAW_PAGE runs (default 50 000, search-runs' maximum; on a server of more than one
# worker, pages of 5 000 runs and more got a worker killed at 50 000 runs: see docs/benchmarks.md).
# BENCH_JOBS="scan history" (default) or either one. Data sets: gen-data.sh.
source "$(dirname "$0")/lib.sh"
RAW_PAGE="${BENCH_RAW_PAGE:-50000}"
SCAN_CLIENTS="${BENCH_SCAN_CLIENTS:-raw-split,spark,raw-stream,jdbc}"
HISTORY_CLIENTS="${BENCH_HISTORY_CLIENTS:-raw-bulk,raw-bulk-decode,spark,jdbc}"
# reads DIR PORT JOB CLIENTS: a fresh server on DIR with BENCH_WORKERS workers, the job, stop
reads() {
  local dir="$1" port="$2" job="$3" clients="$4" exp=
  bash "$BENCH/server.sh" stop "$dir"   # a server left running may have other workers
  ensure_server "$dir" "$port"
  if [ "$job" = history ]; then
    exp=$(curl -sf "$URI/api/2.0/mlflow/experiments/get-by-name?experiment_name=history" \
      | "$PY" -c "import json,sys; print(json.load(sys.stdin)['experiment']['experiment_id'])")
  fi
  BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dbench.rawPage=$RAW_PAGE -Dbench.dataRuns=$RUNS -Dbench.dataPoints=$((HISTORY_RUNS * 5000))" \
    bench_java 4g reads "$URI" "$dir" "$REPS" "$BENCH_WORKERS" "$STORE" "$job" "$clients" $exp
  bash "$BENCH/server.sh" stop "$dir"
}
header "issue 15 reads: $RUNS runs; history of $HISTORY_RUNS runs x 5 keys x 1 000 steps; raw page $RAW_PAGE"
for job in ${BENCH_JOBS:-scan history}; do
  case "$job" in
    scan) reads "$RUNS_DIR" "$RUNS_PORT" scan "$SCAN_CLIENTS" ;;
    history) reads "$HISTORY_DIR" "$HISTORY_PORT" history "$HISTORY_CLIENTS" ;;
    *) echo "BENCH_JOBS: scan and/or history, not $job" >&2; exit 2 ;;
  esac
done
