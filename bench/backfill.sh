#!/usr/bin/env bash
# d. Back-fill, side by side on one fresh server (BENCH_WORKERS workers, default 4, MLflow's own
# default, as server.sh): BACKFILL_RUNS runs x 5 keys x 1 000 steps of metric points per case, each case into
# runs (and keys) of its own, BENCH_BACKFILL_IN_FLIGHT (default 8) requests in flight:
#   raw     log-batch over plain HTTP, 1 000 metrics a request (the ceiling);
#   python  MLflow's Python client, a log_batch loop;
#   core    core's LogBatchWriter: de-dup off, on, and a re-run into the "on" runs;
#   spark   df.write.format("mlflow") from a DataFrame NOT partitioned by run: off, on, re-run;
#   jdbc    PreparedStatement batch INSERT (executeBatch every BENCH_JDBC_BATCH rows): off, on,
#           re-run.
# BENCH_BACKFILL_CLIENTS picks the cases besides raw (default "python core spark jdbc").
# BENCH_BACKFILL_FRESH=1: a fresh server on an empty store for every case (raw; python; off; on
# and its re-run), each warmed by the same small raw write, so that no case writes into a store the
# cases before it have grown.
# BENCH_REPS rounds of all cases (default 1). BENCH_STORE=postgres: the server's store is an empty
# PostgreSQL cluster (bench/postgres.sh) instead of SQLite. Then the ratios of issue 15
# (backfill_ratios.py: medians over the rounds). Both server set-ups:
#   BENCH_WORKERS=1 bash bench/backfill.sh; BENCH_WORKERS=4 bash bench/backfill.sh
source "$(dirname "$0")/lib.sh"
WORKERS="${BENCH_WORKERS:-4}"
BF_IN_FLIGHT="${BENCH_BACKFILL_IN_FLIGHT:-8}"
JDBC_BATCH="${BENCH_JDBC_BATCH:-100000}"
CLIENTS="${BENCH_BACKFILL_CLIENTS:-python core spark jdbc}" # besides raw, always first
header "d. back-fill ($BACKFILL_RUNS runs x 5 x 1000 points per case, $BF_IN_FLIGHT in flight, $WORKERS server workers, store $STORE)"
DIR="$CACHE/backfill-w$WORKERS$STORE_SUFFIX"
FRESH="${BENCH_BACKFILL_FRESH:-0}"
runs_for() { # name -> ids file
  "$PY" "$BENCH/generate.py" --uri "$URI" --threads 4 --progress 0 backfill --name "$1" \
    --runs "$BACKFILL_RUNS" --ids-out "$DIR/$1.ids" > /dev/null
  echo "$DIR/$1.ids"
}
case_java() { # heap client name dedup [label]; a new name makes new runs
  local heap="$1" client="$2" name="$3" dedup="$4" label="${5:-}" ids="$DIR/$3.ids"
  [ -f "$ids" ] || ids="$(runs_for "$name")"
  BENCH_WORKERS="$WORKERS" BENCH_JDBC_BATCH="$JDBC_BATCH" bench_java "$heap" backfill "$URI" \
    "$DIR" "$client" "$ids" 5 1000 "$BF_IN_FLIGHT" "$dedup" "$label"
}
# An empty store and a server on it, then one untimed raw case: each worker's first requests pay
# its lazy set-up (0.6-1.9 s), which would otherwise fall on the first timed case alone (the ratios
# skip the "warm-up" label).
fresh_server() {
  bash "$BENCH/server.sh" stop "$DIR"; rm -rf "$DIR"; mkdir -p "$DIR"
  if [ "$STORE" = postgres ]; then # an empty cluster: the server makes its schema (server.sh starts it)
    bash "$BENCH/postgres.sh" init "$DIR" $((BACKFILL_PORT + 10000)) > /dev/null
    bash "$BENCH/postgres.sh" stop "$DIR"
  fi
  BENCH_WORKERS="$WORKERS" ensure_server "$DIR" "$BACKFILL_PORT"
  BENCH_WORKERS="$WORKERS" bench_java 1g backfill "$URI" "$DIR" raw "$(runs_for bf-warm-up)" 5 \
    100 "$BF_IN_FLIGHT" false warm-up
}
# BENCH_BACKFILL_FRESH=1: before every case but the first (raw; python; off; on and its re-run)
per_case() { if [ "$FRESH" = 1 ]; then fresh_server; fi; }
fresh_server
# BENCH_REPS rounds of every case, each round into runs of its own (the ratios take medians)
for round in $(seq 1 "$REPS"); do
  r="-r$round"
  if [ "$round" -gt 1 ]; then per_case; fi
  case_java 1g raw "bf-raw$r" false
  if [[ " $CLIENTS " == *" python "* ]]; then
    per_case
    BENCH_WORKERS="$WORKERS" py_bench --uri "$URI" --server-dir "$DIR" backfill \
      --ids "$(runs_for "bf-python$r")" --in-flight "$BF_IN_FLIGHT"
  fi
  for client in $CLIENTS; do
    [ "$client" = python ] && continue
    heap=2g; [ "$client" = spark ] && heap=4g
    # the store grows with every case (unless FRESH): even rounds run "off" after "on", so order
    # does not decide
    if [ $((round % 2)) = 1 ]; then per_case; case_java "$heap" "$client" "bf-$client-off$r" false; fi
    per_case
    case_java "$heap" "$client" "bf-$client-on$r" true
    case_java "$heap" "$client" "bf-$client-on$r" true "re-run, all points on the server"
    if [ $((round % 2)) = 0 ]; then per_case; case_java "$heap" "$client" "bf-$client-off$r" false; fi
  done
done
"$PY" "$BENCH/backfill_ratios.py" "$RESULTS" --workers "$WORKERS"
