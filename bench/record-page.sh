#!/usr/bin/env bash
# Records one real search-runs page (1 000 runs of the runs data set, the server's own JSON) into
# bench/data/search-runs-page.json.gz (gzip), for the JMH benchmark and the heap benchmark's stub server.
source "$(dirname "$0")/lib.sh"
ensure_server "$CACHE/runs" "$RUNS_PORT"
IDS=$(curl -sf -X POST "$URI/api/2.0/mlflow/experiments/search" -H 'Content-Type: application/json' \
  -d '{"max_results":1000}' | "$PY" -c "import json,sys; print(json.dumps([e['experiment_id'] for e in json.load(sys.stdin)['experiments']]))")
curl -sf -X POST "$URI/api/2.0/mlflow/runs/search" -H 'Content-Type: application/json' \
  -d "{\"experiment_ids\":$IDS,\"max_results\":1000,\"order_by\":[\"attributes.start_time ASC\"]}" \
  | gzip -9 > "$BENCH/data/search-runs-page.json.gz"
ls -l "$BENCH/data/search-runs-page.json.gz"
