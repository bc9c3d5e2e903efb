#!/usr/bin/env bash
# Issue 18: copying one experiment between two MLflow servers, CopyServer (the examples' Spark
# program, run as users run it: its main, a JVM of its own, local[*]) beside mlflow-export-import
# (Databricks Labs, PyPI; its own venv: export-import-venv.sh). For each size in BENCH_COPY_SIZES
# ("RUNS:STEPS ...", default "10:1000 50:1000"), a fresh source server gets one experiment
# "copy-bench" of RUNS runs, each 5 keys x STEPS steps of metric points, 10 params and 10 tags; then
#   copyserver        CopyServer SOURCE TARGET --experiments copy-bench into a fresh target;
#   copyserver-rerun  the same again into that target (everything already there);
#   export-import     export-experiment into a temporary directory, then import-experiment into a
#                     fresh target (wall time of both, and of each half).
# Wall times include the JVM's or Python's start, as a user sees them. After each case the source
# and target are counted through REST (runs, every key's full history, params, tags):
# copy_results.py records one JSON line ("exact" false for a copy that did not land all of it),
# then prints the table. Servers: BENCH_WORKERS workers (default 4), SQLite, ports
# BENCH_COPY_PORT (default 5714) and the next one.
#   BENCH_COPY_SIZES="5:200 20:1000" BENCH_WORKERS=1 bash bench/copy.sh   # a quick check
source "$(dirname "$0")/lib.sh"
SIZES="${BENCH_COPY_SIZES:-10:1000 50:1000}"
SOURCE_PORT="${BENCH_COPY_PORT:-5714}"
TARGET_PORT=$((SOURCE_PORT + 1))
EXPERIMENT=copy-bench
header "issue 18: copy between servers (sizes $SIZES, runs:steps, 5 keys)"
if EI="$(bash "$BENCH/export-import-venv.sh")"; then
  echo "export-import: $(tr '\n' ' ' < "$EI/.pins")"
else
  EI=
  echo "mlflow-export-import does not install (see pip's error above): its cases are left out"
fi
SRC="$CACHE/copy-source" TGT="$CACHE/copy-target"
fresh_server() { # dir port -> sets URI
  bash "$BENCH/server.sh" stop "$1"; rm -rf "$1"; mkdir -p "$1"
  ensure_server "$1" "$2"
}
now() { date +%s.%N; }
# the target's requests so far: all of them, and the writes (creates, updates, logs, tags)
requests() { bash "$BENCH/server.sh" count "$TGT"; }
writes() {
  grep -c -E '"POST /api/2.0/mlflow/(runs/(create|update|log-[a-z]+|set-tag)|experiments/(create|set-experiment-tag))' \
    "$TGT/server.log" || true
}
record() { # client wall requests-before writes-before [copy_results.py options]: after a copy
  local client="$1" wall="$2" requests0="$3" writes0="$4"; shift 4
  "$PY" "$BENCH/copy_results.py" record --out "$RESULTS" --client "$client" --source "$SOURCE_URI" \
    --target "$TARGET_URI" --experiment "$EXPERIMENT" --wall "$wall" \
    --server-requests $(($(requests) - requests0)) --writes $(($(writes) - writes0)) "$@"
}
copy_server() { # client: one CopyServer run into the running target, timed and recorded
  local r0 w0 t0 t1
  r0="$(requests)" w0="$(writes)" t0="$(now)"
  java_main 2g org.mlflowtables.examples.CopyServer "$SOURCE_URI" "$TARGET_URI" --experiments "$EXPERIMENT"
  t1="$(now)"
  record "$1" "$(echo "$t1 - $t0" | bc)" "$r0" "$w0"
}
for size in $SIZES; do
  runs="${size%%:*}" steps="${size##*:}"
  echo; echo "### $runs runs x 5 keys x $steps steps"
  fresh_server "$SRC" "$SOURCE_PORT"; SOURCE_URI="$URI"
  "$PY" "$BENCH/generate.py" --uri "$SOURCE_URI" --threads 4 --progress 0 history --name "$EXPERIMENT" \
    --runs "$runs" --keys 5 --steps "$steps" --params 10 --tags 10

  fresh_server "$TGT" "$TARGET_PORT"; TARGET_URI="$URI"
  copy_server copyserver
  copy_server copyserver-rerun

  if [ -n "$EI" ]; then
    fresh_server "$TGT" "$TARGET_PORT"; TARGET_URI="$URI"
    tmp="$(mktemp -d)"
    r0="$(requests)" w0="$(writes)" t0="$(now)"
    # in the temporary directory: a tool started without a tracking URI makes ./mlflow.db
    (cd "$tmp" && MLFLOW_TRACKING_URI="$SOURCE_URI" "$EI/export-experiment" --experiment "$EXPERIMENT" --output-dir export)
    t1="$(now)"
    (cd "$tmp" && MLFLOW_TRACKING_URI="$TARGET_URI" "$EI/import-experiment" --experiment-name "$EXPERIMENT" --input-dir export)
    t2="$(now)"
    record export-import "$(echo "$t2 - $t0" | bc)" "$r0" "$w0" --export-s "$(echo "$t1 - $t0" | bc)" --import-s "$(echo "$t2 - $t1" | bc)"
    rm -rf "$tmp"
  fi
done
bash "$BENCH/server.sh" stop "$SRC"; bash "$BENCH/server.sh" stop "$TGT"
"$PY" "$BENCH/copy_results.py" table "$RESULTS"
