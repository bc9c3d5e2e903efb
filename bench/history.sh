#!/usr/bin/env bash
# c. Metric history of HISTORY_RUNS runs x 5 keys x 1 000 steps: the metrics table (core, JDBC)
# against a Python get_metric_history loop.
source "$(dirname "$0")/lib.sh"
header "c. metric history ($HISTORY_RUNS runs x 5 keys x 1 000 steps)"
ensure_server "$HISTORY_DIR" "$HISTORY_PORT"
EXP=$(curl -sf "$URI/api/2.0/mlflow/experiments/get-by-name?experiment_name=history" \
  | "$PY" -c "import json,sys; print(json.load(sys.stdin)['experiment']['experiment_id'])")
bench_java 4g history "$URI" "$HISTORY_DIR" "${BENCH_REPS_SMALL:-1}" "$EXP"
py_bench --uri "$URI" --server-dir "$HISTORY_DIR" history --experiment-id "$EXP" --reps 1
"$PY" "$BENCH/report.py" "$RESULTS"
