#!/usr/bin/env bash
# e. Heap of core's scan of the runs table in a JVM with -Xmx256m, at 10k/50k/100k runs, with the
# default page (core's DEFAULT_RUNS_PAGE), the server's maximum (50 000) and pageSize=1000. The runs come from a loopback
# stub (bench/stub_server.py) serving copies of a recorded real page; one case on the real server.
source "$(dirname "$0")/lib.sh"
header "e. heap of a runs scan (-Xmx256m)"
[ -f "$BENCH/data/search-runs-page.json.gz" ] || bash "$BENCH/record-page.sh"
for n in 10000 50000 100000; do
  "$PY" "$BENCH/stub_server.py" --port "$STUB_PORT" --runs "$n" > "$OUT/stub.log" 2>&1 &
  STUB=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null -X POST "http://127.0.0.1:$STUB_PORT/api/2.0/mlflow/experiments/search" -d '{}' && break; sleep 0.2; done
  for page in 0 50000 1000; do
    bench_java 256m heap "http://127.0.0.1:$STUB_PORT" "$n" "$page" stub || true
  done
  kill "$STUB"; wait "$STUB" 2>/dev/null || true
done
ensure_server "$CACHE/runs" "$RUNS_PORT"
for page in 0 1000; do bench_java 256m heap "$URI" "$RUNS" "$page" "real server" || true; done
"$PY" "$BENCH/report.py" "$RESULTS"
