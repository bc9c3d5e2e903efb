#!/usr/bin/env bash
# a. Full scan of the runs table: mlflow-tables (core, JDBC, Spark) against MLflow's Python and
# Java clients and a raw HTTP loop (the ceiling), on the same server and data, REPS times each.
# The raw loops and MLflow's Java client ask RAW_PAGE runs a page (BENCH_RAW_PAGE, default 10 000:
# mlflow.search_runs' own page; a 50 000-run page of this data set is ~335 MB of JSON), the
# connector its default (1 000); the raw loop at 1 000 runs a page once at the end.
source "$(dirname "$0")/lib.sh"
RAW_PAGE="${BENCH_RAW_PAGE:-10000}"
header "a. full scan of runs ($RUNS runs; raw loops and MLflow's Java client: $RAW_PAGE runs a page)"
ensure_server "$RUNS_DIR" "$RUNS_PORT"
bench_java 4g scan "$URI" "$RUNS_DIR" "$REPS" "raw-p$RAW_PAGE,core,jdbc,mlflow-java-p$RAW_PAGE"
bench_java 4g scan "$URI" "$RUNS_DIR" "$REPS" spark-count,spark-noop
py_bench --uri "$URI" --server-dir "$RUNS_DIR" scan --reps "$REPS" --clients "search_runs,raw-py-p$RAW_PAGE"
# the raw loop at core's page, 1 000 (once: a secondary comparison; BENCH_SCAN_P1000=0 skips it)
if [ "${BENCH_SCAN_P1000:-1}" = 1 ]; then bench_java 4g scan "$URI" "$RUNS_DIR" 1 raw-p1000; fi
"$PY" "$BENCH/report.py" "$RESULTS"
