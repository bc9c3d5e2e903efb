#!/usr/bin/env bash
# a. Full scan of the runs table: mlflow-tables (core, JDBC, Spark) against MLflow's Python and
# Java clients and a raw HTTP loop (the ceiling), on the same server and data, REPS times each.
source "$(dirname "$0")/lib.sh"
header "a. full scan of runs ($RUNS runs)"
ensure_server "$CACHE/runs" "$RUNS_PORT"
bench_java 4g scan "$URI" "$CACHE/runs" "$REPS" raw,core,core-p1000,jdbc,mlflow-java
bench_java 4g scan "$URI" "$CACHE/runs" "$REPS" spark-count,spark-noop
py_bench --uri "$URI" --server-dir "$CACHE/runs" scan --reps "$REPS" --clients search_runs,raw-py
# the raw loop at page 1 000 (once: a secondary comparison)
bench_java 4g scan "$URI" "$CACHE/runs" 1 raw-p1000
"$PY" "$BENCH/report.py" "$RESULTS"
