#!/usr/bin/env bash
# c. Metric history of HISTORY_RUNS runs x 5 keys x 1 000 steps: the metrics table (core, JDBC)
# against a Python get_metric_history loop.
source "$(dirname "$0")/lib.sh"
header "c. metric history ($HISTORY_RUNS runs x 5 keys x 1 000 steps)"
ensure_server "$CACHE/history" "$HISTORY_PORT"
EXP=$(curl -sf "$URI/api/2.0/mlflow/experiments/get-by-name?experiment_name=history" \
  | "$PY" -c "import json,sys; print(json.load(sys.stdin)['experiment']['experiment_id'])")
bench_java 4g history "$URI" "$CACHE/history" "${BENCH_REPS_SMALL:-1}" "$EXP"
py_bench --uri "$URI" --server-dir "$CACHE/history" history --experiment-id "$EXP" --reps 1
"$PY" "$BENCH/report.py" "$RESULTS"
