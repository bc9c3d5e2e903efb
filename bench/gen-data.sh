#!/usr/bin/env bash
# Generates the data sets into $CACHE (default ~/.cache/mlflow-tables/bench) unless a manifest says
# they are there with the sizes asked for: runs/ (RUNS runs, 20 experiments) and history/
# (HISTORY_RUNS runs x 5 keys x 1 000 steps). Prints generate.py's table for what it made, then
# counts what the server answers (count-data.py).
#
# BENCH_GEN=direct (default): the server creates the schema on the empty directory and stops, then
# generate.py --direct-sqlite writes the rows into its SQLite db (bench/check-direct.sh checks this
# against the REST mode): 100 000 runs in about a minute.
# BENCH_GEN=rest: generate.py through the server's REST API (create-run + log-batch): ~9 runs/s.
# BENCH_STORE=postgres: also copies each SQLite data set into a PostgreSQL cluster of its own
# (DIR-pg/pg, schema made by the server itself; bench/copy_to_postgres.py), counted the same way.
source "$(dirname "$0")/lib.sh"
GEN="${BENCH_GEN:-direct}"
have() { [ -f "$1" ] && "$PY" -c "import json,sys; m=json.load(open('$1')); sys.exit(0 if m['generated_runs']==$2 else 1)"; }
# make KIND DIR PORT RUNS REST_ARGS...: a fresh data set in DIR
make_set() {
  local kind="$1" dir="$2" port="$3" n="$4"; shift 4
  bash "$BENCH/server.sh" stop "$dir"; rm -rf "$dir"; mkdir -p "$dir"
  if [ "$GEN" = direct ]; then
    bash "$BENCH/server.sh" start "$dir" "$port" >/dev/null   # creates and migrates mlflow.db
    bash "$BENCH/server.sh" stop "$dir"
    "$PY" "$BENCH/generate.py" --direct-sqlite "$dir/mlflow.db" --progress 10000 --manifest "$dir" \
      "$kind" --runs "$n"
  else
    ensure_server "$dir" "$port"
    "$PY" "$BENCH/generate.py" --uri "$URI" "$@" --manifest "$dir" "$kind" --runs "$n"
  fi
}
if ! have "$CACHE/runs/manifest-runs.json" "$RUNS"; then
  make_set runs "$CACHE/runs" "$RUNS_PORT" "$RUNS" --threads 8
else
  echo "runs data set: $(cat "$CACHE/runs/manifest-runs.json" | tr -d '\n ')"
fi
if ! have "$CACHE/history/manifest-history.json" "$HISTORY_RUNS"; then
  make_set history "$CACHE/history" "$HISTORY_PORT" "$HISTORY_RUNS" --threads 4 --progress 20
else
  echo "history data set: $(cat "$CACHE/history/manifest-history.json" | tr -d '\n ')"
fi
# to_postgres KIND SRC DST PORT: the SQLite data set of SRC copied into a PostgreSQL store in DST
to_postgres() {
  local kind="$1" src="$2" dst="$3" port="$4" pg=$(($4 + 10000))
  if have "$dst/manifest-$kind.json" "$(manifest_runs "$src/manifest-$kind.json")"; then
    echo "$kind data set on PostgreSQL: $dst"; return
  fi
  bash "$BENCH/server.sh" stop "$dst"; rm -rf "$dst"
  bash "$BENCH/postgres.sh" init "$dst" "$pg" >/dev/null && bash "$BENCH/postgres.sh" stop "$dst"
  bash "$BENCH/server.sh" start "$dst" "$port" >/dev/null   # creates and migrates the schema
  bash "$BENCH/server.sh" stop "$dst"
  bash "$BENCH/postgres.sh" start "$dst" "$pg" >/dev/null
  "$PY" "$BENCH/copy_to_postgres.py" "$src/mlflow.db" "host=127.0.0.1 port=$pg user=postgres dbname=postgres"
  bash "$BENCH/postgres.sh" stop "$dst"
  cp "$src/manifest-$kind.json" "$dst/"
}
manifest_runs() { "$PY" -c "import json; print(json.load(open('$1'))['generated_runs'])"; }
if [ "$STORE" = postgres ]; then
  to_postgres runs "$CACHE/runs" "$RUNS_DIR" "$RUNS_PORT"
  to_postgres history "$CACHE/history" "$HISTORY_DIR" "$HISTORY_PORT"
fi
if [ "${BENCH_COUNT:-1}" = 1 ]; then
  ensure_server "$RUNS_DIR" "$RUNS_PORT"
  "$PY" "$BENCH/count-data.py" --uri "$URI" --manifest "$RUNS_DIR/manifest-runs.json"
  ensure_server "$HISTORY_DIR" "$HISTORY_PORT"
  "$PY" "$BENCH/count-data.py" --uri "$URI" --manifest "$HISTORY_DIR/manifest-history.json"
fi
