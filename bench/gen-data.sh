#!/usr/bin/env bash
# Generates the data sets into $CACHE (default ~/.cache/mlflow-tables/bench) unless a manifest says
# they are there with the sizes asked for: runs/ (RUNS runs, 20 experiments) and history/
# (HISTORY_RUNS runs x 5 keys x 1 000 steps). Prints generate.py's table for what it made.
source "$(dirname "$0")/lib.sh"
have() { [ -f "$1" ] && "$PY" -c "import json,sys; m=json.load(open('$1')); sys.exit(0 if m['generated_runs']==$2 else 1)"; }
if ! have "$CACHE/runs/manifest-runs.json" "$RUNS"; then
  bash "$BENCH/server.sh" stop "$CACHE/runs"; rm -rf "$CACHE/runs"; mkdir -p "$CACHE/runs"
  ensure_server "$CACHE/runs" "$RUNS_PORT"
  "$PY" "$BENCH/generate.py" --uri "$URI" --threads 8 --manifest "$CACHE/runs" runs --runs "$RUNS"
else
  echo "runs data set: $(cat "$CACHE/runs/manifest-runs.json" | tr -d '\n ')"
fi
if ! have "$CACHE/history/manifest-history.json" "$HISTORY_RUNS"; then
  bash "$BENCH/server.sh" stop "$CACHE/history"; rm -rf "$CACHE/history"; mkdir -p "$CACHE/history"
  ensure_server "$CACHE/history" "$HISTORY_PORT"
  "$PY" "$BENCH/generate.py" --uri "$URI" --threads 4 --progress 20 --manifest "$CACHE/history" \
    history --runs "$HISTORY_RUNS"
else
  echo "history data set: $(cat "$CACHE/history/manifest-history.json" | tr -d '\n ')"
fi
