#!/usr/bin/env bash
# d. Back-fill of BACKFILL_RUNS runs x 5 keys x 1 000 steps of metric points per case, each case
# into runs of its own on one fresh server, IN_FLIGHT requests at once: a raw HTTP log-batch loop,
# MLflow's Python client (log_batch), core's LogBatchWriter and the Spark writer, de-dup on and off;
# then re-runs of core's back-fill into runs that already hold every point.
source "$(dirname "$0")/lib.sh"
header "d. back-fill ($BACKFILL_RUNS runs x 5 x 1000 points per case, $IN_FLIGHT in flight)"
DIR="$CACHE/backfill"
bash "$BENCH/server.sh" stop "$DIR"; rm -rf "$DIR"; mkdir -p "$DIR"
ensure_server "$DIR" "$BACKFILL_PORT"
runs_for() { # name -> ids file
  "$PY" "$BENCH/generate.py" --uri "$URI" --threads 4 --progress 0 backfill --name "$1" \
    --runs "$BACKFILL_RUNS" --ids-out "$DIR/$1.ids" > /dev/null
  echo "$DIR/$1.ids"
}
py_bench --uri "$URI" --server-dir "$DIR" backfill --client raw --ids "$(runs_for bf-raw)" --in-flight "$IN_FLIGHT"
bench_java 2g backfill "$URI" "$DIR" core "$(runs_for bf-core-off)" 5 1000 "$IN_FLIGHT" false
py_bench --uri "$URI" --server-dir "$DIR" backfill --client python --ids "$(runs_for bf-python)" --in-flight "$IN_FLIGHT"
bench_java 2g backfill "$URI" "$DIR" core "$(runs_for bf-core-on)" 5 1000 "$IN_FLIGHT" true
bench_java 4g backfill "$URI" "$DIR" spark "$(runs_for bf-spark-off)" 5 1000 "$IN_FLIGHT" false
bench_java 4g backfill "$URI" "$DIR" spark "$(runs_for bf-spark-on)" 5 1000 "$IN_FLIGHT" true
bench_java 2g backfill "$URI" "$DIR" core "$DIR/bf-core-on.ids" 5 1000 "$IN_FLIGHT" true "re-run, all points on the server"
bench_java 2g backfill "$URI" "$DIR" core "$DIR/bf-core-off.ids" 5 1000 "$IN_FLIGHT" false "re-run, all points on the server"
"$PY" "$BENCH/report.py" "$RESULTS"
